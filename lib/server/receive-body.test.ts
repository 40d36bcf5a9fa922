import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { after, describe, test } from "node:test";
import { AdmissionGate, gatedListener } from "./admission";
import { ReceiveBudget } from "./receive-body";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("slow request bodies against the admission gate", () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  after(() => {
    sockets.forEach((socket) => socket.destroy());
    servers.forEach((server) => {
      server.closeAllConnections();
      server.close();
    });
  });

  /** An app that reads the whole body (as Next does) and answers with its length and hash. */
  async function serve(gate: AdmissionGate, limits?: Parameters<typeof gatedListener>[2]) {
    const server = createServer(
      gatedListener(
        gate,
        async (request, response) => {
          const hash = createHash("sha256");
          let length = 0;
          for await (const chunk of request) {
            hash.update(chunk as Buffer);
            length += (chunk as Buffer).length;
          }
          response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ length, sha256: hash.digest("hex") }));
        },
        limits,
      ),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  /** A client that sends its headers and one byte of a 1000-byte body, then nothing. */
  async function slowClient(port: number): Promise<Socket> {
    const socket = connect({ host: "127.0.0.1", port });
    sockets.push(socket);
    socket.on("error", () => {});
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(`POST /api/v1/activities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    return socket;
  }

  test("clients trickling their bodies hold no serving slot: everyone else is still served", async () => {
    const gate = new AdmissionGate({ maxInFlight: 2, maxQueue: 2, maxWaitMs: 300, lagLimitMs: 100 });
    const port = await serve(gate);
    for (let i = 0; i < 6; i++) await slowClient(port);
    await sleep(100);
    const page = await fetch(`http://127.0.0.1:${port}/t/team/today`);
    await page.text();
    assert.equal(page.status, 200);
    const body = JSON.stringify({ text: "写周报" });
    const post = await fetch(`http://127.0.0.1:${port}/api/v1/activities`, { method: "POST", body, headers: { "Content-Type": "application/json" } });
    assert.equal(post.status, 200);
    assert.deepEqual(await post.json(), { length: Buffer.byteLength(body), sha256: createHash("sha256").update(body).digest("hex") });
    assert.equal(gate.stats.inFlight, 0);
  });

  test("a body bigger than what is held in memory reaches the app whole, streamed", async () => {
    const gate = new AdmissionGate({ maxInFlight: 2, maxQueue: 2, maxWaitMs: 300, lagLimitMs: 100 });
    const port = await serve(gate, new ReceiveBudget({ maxReceiving: 4, receiveBufferBytes: 64 * 1024 }));
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 255;
    const response = await fetch(`http://127.0.0.1:${port}/t/team/import/upload`, { method: "POST", body: big });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { length: big.length, sha256: createHash("sha256").update(big).digest("hex") });
  });

  test("past the budget for bodies being received, a new upload is refused at once and pages are still served", async () => {
    const gate = new AdmissionGate({ maxInFlight: 2, maxQueue: 2, maxWaitMs: 300, lagLimitMs: 100 });
    const port = await serve(gate, new ReceiveBudget({ maxReceiving: 3, receiveBufferBytes: 64 * 1024 }));
    for (let i = 0; i < 3; i++) await slowClient(port);
    await sleep(100);
    const refused = await fetch(`http://127.0.0.1:${port}/api/v1/activities`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get("retry-after"), "2");
    await refused.text();
    const page = await fetch(`http://127.0.0.1:${port}/t/team/today`);
    assert.equal(page.status, 200);
    await page.text();
  });
});
