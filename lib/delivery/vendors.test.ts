import assert from "node:assert/strict";
import { test } from "node:test";
import {
  buildDingtalkRequest,
  buildGenericWebhookRequest,
  buildLarkRequest,
  buildSlackRequest,
  buildWecomRequest,
  dingtalkSign,
  interpretResponse,
  larkSign,
  truncateUtf8,
  webhookSignature,
} from "./vendors";

const message = { title: "OpsMix 测试消息", text: "第一行\n第二行", markdown: "**第一行**\n\n第二行" };
const context = { now: new Date(1765000000123), purpose: "test" as const, team: { id: "t1", slug: "growth", name: "增长组" } };

// Expected signatures computed independently (Python hmac/base64, the vendors' sample code) for fixed inputs.
test("Lark sign: HMAC-SHA256 keyed by timestamp + \\n + secret over an empty message, base64", () => {
  assert.equal(larkSign(1765000000, "lark-secret"), "MUZeCuHhTHhDNRV2y1clvxE0piujhRLAa1UV5u0k8JA=");
});

test("DingTalk sign: urlencode(base64(HMAC-SHA256(secret, timestamp_ms + \\n + secret)))", () => {
  assert.equal(dingtalkSign(1765000000123, "SECdingtalk"), "Z2vCMfQoDLOeKUt318xr12F3ENbACvXEF%2BLDxbv8l%2Fw%3D");
});

test("generic webhook signature: sha256=<hex HMAC of the raw body>", () => {
  assert.equal(webhookSignature('{"a":1}', "hook-secret"), "sha256=eb8ded9d103e519ca7e2ab1be0df069c649c61531b59a9dcbf2fa2e799fb1fa6");
});

test("Lark: a post with one paragraph per line, timestamp in seconds and sign in the body", () => {
  const request = buildLarkRequest({ url: "https://open.feishu.cn/open-apis/bot/v2/hook/x", secret: "lark-secret" }, message, context);
  assert.equal(request.url, "https://open.feishu.cn/open-apis/bot/v2/hook/x");
  assert.deepEqual(JSON.parse(request.body), {
    msg_type: "post",
    content: { post: { zh_cn: { title: "OpsMix 测试消息", content: [[{ tag: "text", text: "第一行" }], [{ tag: "text", text: "第二行" }]] } } },
    timestamp: "1765000000",
    sign: "MUZeCuHhTHhDNRV2y1clvxE0piujhRLAa1UV5u0k8JA=",
  });
  const unsigned = JSON.parse(buildLarkRequest({ url: "https://x.test/h" }, message, context).body);
  assert.equal("sign" in unsigned || "timestamp" in unsigned, false);
});

test("DingTalk: markdown with a heading, timestamp (ms) and sign appended to the query", () => {
  const request = buildDingtalkRequest({ url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SECdingtalk" }, message, context);
  assert.equal(request.url, "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1765000000123&sign=Z2vCMfQoDLOeKUt318xr12F3ENbACvXEF%2BLDxbv8l%2Fw%3D");
  assert.deepEqual(JSON.parse(request.body), { msgtype: "markdown", markdown: { title: "OpsMix 测试消息", text: "### OpsMix 测试消息\n\n**第一行**\n\n第二行" } });
  assert.equal(buildDingtalkRequest({ url: "https://oapi.dingtalk.com/robot/send?access_token=abc" }, message, context).url, "https://oapi.dingtalk.com/robot/send?access_token=abc");
});

test("WeCom: markdown content, key stays in the URL, content cut to 4096 bytes", () => {
  const request = buildWecomRequest({ url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1" }, message);
  assert.equal(request.url, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1");
  assert.deepEqual(JSON.parse(request.body), { msgtype: "markdown", markdown: { content: "### OpsMix 测试消息\n\n**第一行**\n\n第二行" } });
  const long = JSON.parse(buildWecomRequest({ url: "https://q.test/h" }, { ...message, markdown: "# 长\n" + "周报".repeat(3000) }).body);
  assert.ok(Buffer.byteLength(long.markdown.content, "utf8") <= 4096);
  assert.ok(long.markdown.content.endsWith("…"));
  assert.equal(truncateUtf8("abc", 10), "abc");
});

test("Slack: text fallback plus header and mrkdwn section blocks", () => {
  const request = buildSlackRequest({ url: "https://hooks.slack.com/services/T/B/X" }, { ...message, markdown: "## Gaps\n**Referral**: none, see [report](https://a.test/r)" });
  assert.deepEqual(JSON.parse(request.body), {
    text: "OpsMix 测试消息\n第一行\n第二行",
    blocks: [
      { type: "header", text: { type: "plain_text", text: "OpsMix 测试消息" } },
      { type: "section", text: { type: "mrkdwn", text: "*Gaps*\n*Referral*: none, see <https://a.test/r|report>" } },
    ],
  });
});

test("Slack: names and entry text cannot mention @channel or forge a link (&, <, > escaped as Slack requires)", () => {
  const hostile = { title: "Who <!here>", text: "<!channel> & <https://evil.test|login>", markdown: "\\<!channel\\> & \\<https://evil.test\\|login\\> see [report](https://a.test/r?a=1&b=2)" };
  const body = JSON.parse(buildSlackRequest({ url: "https://hooks.slack.com/services/T/B/X" }, hostile).body);
  assert.equal(body.text, "Who &lt;!here&gt;\n&lt;!channel&gt; &amp; &lt;https://evil.test|login&gt;");
  const section = body.blocks[1].text.text as string;
  assert.ok(!/<!|<https:\/\/evil/.test(section), section);
  assert.match(section, /&lt;!channel/);
  assert.match(section, /<https:\/\/a\.test\/r\?a=1&amp;b=2\|report>/);
});

test("generic webhook: the documented body, signed over the exact raw bytes sent", () => {
  const request = buildGenericWebhookRequest({ url: "https://hooks.example.com/opsmix", secret: "hook-secret" }, message, context);
  assert.deepEqual(JSON.parse(request.body), {
    event: "test",
    team: { id: "t1", slug: "growth", name: "增长组" },
    title: message.title,
    text: message.text,
    markdown: message.markdown,
    sentAt: "2025-12-06T05:46:40.123Z",
  });
  assert.equal(request.headers["x-opsmix-timestamp"], "1765000000");
  assert.equal(request.headers["x-opsmix-signature"], webhookSignature(request.body, "hook-secret"));
});

test("vendors' HTTP 200 with an error code in the body is a failure, with the platform's message", () => {
  assert.deepEqual(interpretResponse("lark", 200, '{"code":0,"msg":"success","data":{}}'), { ok: true });
  assert.deepEqual(interpretResponse("lark", 200, '{"StatusCode":0,"StatusMessage":"success"}'), { ok: true });
  assert.deepEqual(interpretResponse("lark", 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}'), {
    ok: false, error: "bad_signature", retryable: false, detail: "19021 sign match fail or timestamp is not within one hour from current time",
  });
  assert.deepEqual(interpretResponse("lark", 200, '{"code":19024,"msg":"Key Words Not Found"}'), { ok: false, error: "rejected", retryable: false, detail: "19024 Key Words Not Found" });
  assert.deepEqual(interpretResponse("dingtalk", 200, '{"errcode":0,"errmsg":"ok"}'), { ok: true });
  assert.equal((interpretResponse("dingtalk", 200, '{"errcode":310000,"errmsg":"sign not match"}') as { error: string }).error, "bad_signature");
  assert.equal((interpretResponse("dingtalk", 200, '{"errcode":310000,"errmsg":"keywords not in content"}') as { error: string }).error, "rejected");
  assert.equal((interpretResponse("dingtalk", 200, '{"errcode":300001,"errmsg":"token is not exist"}') as { error: string }).error, "bad_url");
  assert.deepEqual(interpretResponse("wecom", 200, '{"errcode":0,"errmsg":"ok"}'), { ok: true });
  assert.equal((interpretResponse("wecom", 200, '{"errcode":93000,"errmsg":"invalid webhook url"}') as { error: string }).error, "bad_url");
  assert.deepEqual(interpretResponse("wecom", 200, '{"errcode":45009,"errmsg":"api freq out of limit"}'), { ok: false, error: "rate_limited", retryable: true, detail: "45009 api freq out of limit" });
  assert.deepEqual(interpretResponse("slack", 200, "ok"), { ok: true });
  assert.deepEqual(interpretResponse("slack", 404, "no_service"), { ok: false, error: "bad_url", retryable: false, detail: "no_service" });
  assert.deepEqual(interpretResponse("slack", 400, "invalid_payload"), { ok: false, error: "rejected", retryable: false, detail: "invalid_payload" });
  assert.deepEqual(interpretResponse("webhook", 204, ""), { ok: true });
  assert.equal((interpretResponse("webhook", 401, "bad signature") as { error: string }).error, "bad_signature");
  assert.deepEqual(interpretResponse("webhook", 503, ""), { ok: false, error: "http_error", retryable: true, detail: undefined });
  assert.deepEqual(interpretResponse("lark", 200, "<html>proxy</html>"), { ok: false, error: "rejected", retryable: false, detail: "<html>proxy</html>" });
});
