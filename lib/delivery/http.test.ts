import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import dns from "node:dns/promises";
import os from "node:os";
import { isPrivateAddress, parseHttpUrl, postWebhook } from "./http";

// These tests talk to their own server on 127.0.0.1; the last one switches the private-address guard back on.
process.env.OPSMIX_DELIVERY_ALLOW_PRIVATE = "1";

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

  it("refuses loopback, private and link-local targets unless the operator allows them (SSRF)", async () => {
    delete process.env.OPSMIX_DELIVERY_ALLOW_PRIVATE;
    try {
      for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"]) {
        assert.equal(isPrivateAddress(address), true, address);
      }
      // IPv4 carried inside IPv6 (NAT64 64:ff9b::/96 and /48, 6to4 2002::/16, IPv4-compatible ::a.b.c.d) is judged by that IPv4
      // address: 64:ff9b::a9fe:a9fe is the metadata service through a NAT64 gateway. Multicast/reserved/benchmark ranges too.
      for (const address of ["64:ff9b::a9fe:a9fe", "64:ff9b::127.0.0.1", "64:ff9b:1::a00:1", "2002:7f00:1::1", "2002:c0a8:101::", "::7f00:1", "::10.0.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.8", "ff02::1"]) {
        assert.equal(isPrivateAddress(address), true, address);
      }
      for (const address of ["8.8.8.8", "101.6.6.6", "2400:3200::1", "64:ff9b::808:808", "2002:808:808::1"]) assert.equal(isPrivateAddress(address), false, address);
      const refused = { ok: false, error: "private_address", retryable: false };
      assert.deepEqual(await postWebhook({ url: `${base}/fine`, headers: {}, body: "{}" }), refused);
      assert.deepEqual(await postWebhook({ url: "http://[::1]:9/x", headers: {}, body: "{}" }), refused);
      assert.deepEqual(await postWebhook({ url: "http://localhost:9/x", headers: {}, body: "{}" }), refused);
      // A name that resolves to a private address is refused at connect time (the address actually dialled).
      const name = os.hostname();
      const resolved = await dns.lookup(name).catch(() => null);
      if (resolved && isPrivateAddress(resolved.address)) {
        const port = new URL(base).port;
        assert.deepEqual(await postWebhook({ url: `http://${name}:${port}/fine`, headers: {}, body: "{}" }), refused);
      }
      assert.equal(hits.filter((h) => h === "/fine").length, 1, "only the allowed call reached the server");
    } finally {
      process.env.OPSMIX_DELIVERY_ALLOW_PRIVATE = "1";
    }
  });
});
