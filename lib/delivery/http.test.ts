import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { parseHttpUrl, postWebhook } from "./http";

describe("postWebhook", () => {
  let server: http.Server;
  let base: string;
  const hits: string[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/redirect") res.writeHead(302, { location: "http://elsewhere.test/steal" }).end();
      else if (req.url === "/slow") setTimeout(() => res.end("late"), 2_000);
      else res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("never follows a redirect (the body carries keys), and names where it pointed", async () => {
    const result = await postWebhook({ url: `${base}/redirect`, headers: {}, body: "{}" });
    assert.deepEqual(result, { ok: false, error: "redirected", retryable: false, status: 302, detail: "elsewhere.test" });
    assert.deepEqual(hits.filter((h) => h === "/steal"), []);
  });

  it("gives up after the timeout", async () => {
    const started = Date.now();
    const result = await postWebhook({ url: `${base}/slow`, headers: {}, body: "{}" }, 200);
    assert.deepEqual(result, { ok: false, error: "timeout", retryable: true });
    assert.ok(Date.now() - started < 1_500);
  });

  it("only http and https URLs", async () => {
    assert.equal(parseHttpUrl("file:///etc/passwd"), null);
    assert.equal(parseHttpUrl("javascript:alert(1)"), null);
    assert.equal(parseHttpUrl("ftp://example.com/x"), null);
    assert.equal(parseHttpUrl("not a url"), null);
    assert.equal(parseHttpUrl("https://open.feishu.cn/open-apis/bot/v2/hook/x")?.host, "open.feishu.cn");
    assert.deepEqual(await postWebhook({ url: "file:///etc/passwd", headers: {}, body: "" }), { ok: false, error: "bad_url", retryable: false });
    assert.deepEqual(await postWebhook({ url: `${base}/fine`, headers: {}, body: "{}" }), { ok: true, status: 200, body: "ok" });
  });
});
