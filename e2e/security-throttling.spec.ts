// Sign-in throttling as real clients see it: each client talks from its own source address (127.0.0.x; Linux
// routes all of 127.0.0.0/8 to loopback), so per-address limits are tested the way they work in production.
// Runs in the normal suite (TRUST_PROXY=1: the test plays the proxy and sends X-Forwarded-For) and, through
// `npm run test:e2e:direct`, against a server started like `npm start` with TRUST_PROXY unset (the TCP peer
// address counts and forwarding headers are forged on purpose, to show they are ignored).
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { expect, test, uniqueId } from "./fixtures";
import { closeDatabase, sql, sqlUser } from "./security-support";
import { E2E_PORT, e2eServerEnv } from "./server-env";

const behindProxy = Boolean(e2eServerEnv().TRUST_PROXY);

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A client with its own source address, as the server will see it. */
class Client {
  private cookies = new Map<string, string>();
  constructor(readonly address: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { Connection: "close", ...extra };
    // Behind a proxy the proxy appends what it saw; directly, a forged header must change nothing.
    headers["x-forwarded-for"] = behindProxy ? this.address : `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return headers;
  }

  send(method: string, path: string, body?: string | Buffer, extra: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: "127.0.0.1", port: E2E_PORT, localAddress: this.address, method, path, headers: this.headers(extra) },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            for (const cookie of response.headers["set-cookie"] ?? []) {
              const [pair] = cookie.split(";");
              const at = pair!.indexOf("=");
              this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
            }
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") });
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  async signIn(fields: [string, string][]): Promise<Reply> {
    const { csrfToken } = JSON.parse((await this.send("GET", "/api/auth/csrf")).text) as { csrfToken: string };
    const body = new URLSearchParams([["csrfToken", csrfToken], ...fields, ["json", "true"]]).toString();
    return this.send("POST", "/api/auth/callback/credentials", body, { "content-type": "application/x-www-form-urlencoded" });
  }

  async signedIn(): Promise<boolean> {
    const session = JSON.parse((await this.send("GET", "/api/auth/session")).text) as { uid?: string } | null;
    return Boolean(session?.uid);
  }
}

/** A fresh source address for each client: 127.0.0.x with x picked at random, so reruns within a minute do not meet. */
const used = new Set<string>();
function freshAddress(): string {
  for (;;) {
    const address = `127.0.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
    if (!used.has(address)) {
      used.add(address);
      return address;
    }
  }
}

test.describe(`sign-in throttling from distinct client addresses (${behindProxy ? "TRUST_PROXY=1" : "TRUST_PROXY unset"})`, () => {
  test.afterAll(async () => closeDatabase());

  test("wrong passwords from one address lock out that address only, and the audit trail names it", async ({ world }) => {
    const attacker = new Client(freshAddress());
    const decoy = `nobody-${uniqueId()}@example.test`;
    for (let i = 0; i < 10; i++) expect((await attacker.signIn([["email", decoy], ["password", "wrong-password-1"]])).status).toBe(401);
    const limited = await attacker.signIn([["email", decoy], ["password", "wrong-password-1"]]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await attacker.signIn([["email", decoy], ["password", "wrong-password-1"]])).status).toBe(429);

    // Someone else, from another address, signs in as usual.
    const bystander = new Client(freshAddress());
    const reply = await bystander.signIn([["email", world.memberA2.email], ["password", world.memberA2.password]]);
    expect(reply.status).toBe(200);
    expect(await bystander.signedIn()).toBe(true);

    const rows = await sql<{ ip: string | null }>(`SELECT ip FROM "AuditEvent" WHERE action = 'auth.signin.throttled' AND detail->>'email' = $1`, [decoy]);
    // One trace per address and window, however many refusals: a flood cannot grow the audit trail without bound.
    expect(rows.map((row) => row.ip)).toEqual([attacker.address]);
  });

  test("a second email field does not move failed guesses off the account being guessed", async ({ world }) => {
    const victim = await sqlUser(world.memberA, "dup", { team: world.teamA, role: "member" });
    for (let i = 0; i < 10; i++) {
      // The limiter must count what next-auth checks, whichever of the two fields that is.
      const guess = await new Client(freshAddress()).signIn([
        ["email", `decoy-${uniqueId()}@example.test`],
        ["email", victim.email],
        ["password", `wrong-${i}-password`],
      ]);
      expect(guess.status).toBe(401);
    }
    const owner = await new Client(freshAddress()).signIn([["email", victim.email], ["password", victim.password]]);
    expect(owner.status).toBe(429);
  });

  test("an endless chunked body is refused with 413 before the server has read it", async () => {
    const address = freshAddress();
    const chunk = Buffer.alloc(64 * 1024, "a");
    const limit = 64 * 1024 * 1024;
    // A raw socket: the server may close the connection while the client is still writing, and the answer it
    // sent first must still be read (node:http's client drops it on EPIPE).
    // The server answers 413 and closes; with the client's bytes still unread the close can arrive as a reset that
    // swallows the answer (status 0 here). Either way it must come while the client is still sending.
    const outcome = await new Promise<{ status: number; sentBeforeAnswer: number; ended: boolean }>((resolve, reject) => {
      let sent = 0;
      let ended = false;
      let answer = "";
      const socket = connect({ host: "127.0.0.1", port: E2E_PORT, localAddress: address });
      const settle = () => {
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        resolve({ status, sentBeforeAnswer: sent, ended });
        socket.destroy();
      };
      socket.on("data", (data: Buffer) => {
        answer += data.toString("latin1");
        if (answer.includes("\r\n\r\n")) settle();
      });
      socket.on("error", (error: NodeJS.ErrnoException) => (answer || ["EPIPE", "ECONNRESET"].includes(error.code ?? "") ? settle() : reject(error)));
      socket.on("close", () => (answer ? settle() : reject(new Error("closed without an answer"))));
      const forwarded = behindProxy ? `X-Forwarded-For: ${address}\r\n` : "";
      socket.write(
        `POST /api/auth/callback/credentials HTTP/1.1\r\nHost: 127.0.0.1:${E2E_PORT}\r\nContent-Type: application/x-www-form-urlencoded\r\n${forwarded}Transfer-Encoding: chunked\r\n\r\n`,
      );
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
      const pump = () => {
        while (!answer && !socket.destroyed && sent < limit) {
          sent += chunk.length;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
        if (!answer && !socket.destroyed && !ended) {
          ended = true;
          socket.write("0\r\n\r\n");
        }
      };
      pump();
    });
    expect([413, 0]).toContain(outcome.status);
    // The answer came while the client was still sending: the server stopped reading at the limit.
    expect(outcome.ended).toBe(false);
    expect(outcome.sentBeforeAnswer).toBeLessThan(limit);
    // And it still serves everyone else.
    expect((await new Client(freshAddress()).send("GET", "/api/auth/csrf")).status).toBe(200);
  });
});
