// sendToChannel against a real database (PGlite, or a throwaway one on DATABASE_URL's server) and the local
// receivers the e2e specs use: signed payloads arrive, failures are classified and logged, an idempotency key holds
// across concurrent senders and lets a retry through after a crashed sender's lease.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getPrisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import { startChatReceiver, startMailReceiver, type ChatReceiver, type MailReceiver } from "../../e2e/receivers";
import { sealSecret } from "./secrets";
import { listChannels, sendToChannel } from "./send";
import { listDeliveryLog } from "./log";

process.env.NEXTAUTH_SECRET ??= "unit-test-nextauth-secret-0000000000";
// The receivers listen on 127.0.0.1, which delivery refuses unless the operator allows private addresses.
process.env.OPSMIX_DELIVERY_ALLOW_PRIVATE = "1";

const message = { title: "OpsMix 测试消息", text: "这是一条测试消息。\n第二行", markdown: "**这是一条测试消息。**\n\n第二行" };

describe("sendToChannel", () => {
  let db: { close(): Promise<void> };
  let chat: ChatReceiver;
  let mail: MailReceiver;
  let teamId: string;

  async function channel(kind: string, settings?: { url: string; secret?: string }, enabled = true): Promise<string> {
    const row = await getPrisma().deliveryChannel.create({
      data: { teamId, kind, name: `${kind} channel`, enabled, ...(settings ? { secretBox: sealSecret(settings, teamId), urlHost: new URL(settings.url).host, hasSigningSecret: Boolean(settings.secret) } : {}) },
    });
    return row.id;
  }

  before(async () => {
    db = await openTestDatabase();
    chat = await startChatReceiver();
    mail = await startMailReceiver(0, { user: "opsmix", pass: "mail-pass" });
    teamId = (await getPrisma().team.create({ data: { slug: "delivery-unit", name: "投放组" } })).id;
  });

  after(async () => {
    await chat.close();
    await mail.close();
    await db.close();
  });

  it("posts a signed message to each chat platform in its format, and logs it as sent", async () => {
    const cases = [
      { kind: "lark", url: chat.endpoint("lark", { secret: "lark-s" }), secret: "lark-s" },
      { kind: "dingtalk", url: chat.endpoint("dingtalk", { secret: "SECding" }), secret: "SECding" },
      { kind: "wecom", url: chat.endpoint("wecom") },
      { kind: "slack", url: chat.endpoint("slack") },
      { kind: "webhook", url: chat.endpoint("webhook", { secret: "hook-s" }), secret: "hook-s" },
    ];
    for (const c of cases) {
      const channelId = await channel(c.kind, { url: c.url, secret: c.secret });
      const outcome = await sendToChannel({ teamId, channelId, message, purpose: "test" });
      assert.deepEqual(outcome, { ok: true }, c.kind);
      const [got] = chat.for(c.url);
      assert.ok(got, `${c.kind} received`);
      assert.equal(got.verified, true, `${c.kind}: ${got.problem}`);
      assert.match(got.text, /这是一条测试消息/);
      const [log] = await listDeliveryLog(teamId, channelId);
      assert.equal(log?.status, "sent");
      assert.equal(log?.purpose, "test");
    }
  });

  it("a wrong secret is the platform's refusal, classified and logged with its message", async () => {
    const url = chat.endpoint("lark", { secret: "right" });
    const channelId = await channel("lark", { url, secret: "wrong" });
    const outcome = await sendToChannel({ teamId, channelId, message, purpose: "test" });
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.error, "bad_signature");
    assert.equal(!outcome.ok && outcome.retryable, false);
    const [log] = await listDeliveryLog(teamId, channelId);
    assert.equal(log?.status, "failed");
    assert.equal(log?.errorCode, "bad_signature");
    assert.match(log?.errorDetail ?? "", /19021/);

    const dingUrl = chat.endpoint("dingtalk", { secret: "SECright" });
    const ding = await sendToChannel({ teamId, channelId: await channel("dingtalk", { url: dingUrl, secret: "SECwrong" }), message, purpose: "test" });
    assert.equal(!ding.ok && ding.error, "bad_signature");
    const hook = await sendToChannel({ teamId, channelId: await channel("webhook", { url: chat.endpoint("webhook", { secret: "a" }), secret: "b" }), message, purpose: "test" });
    assert.equal(!hook.ok && hook.error, "bad_signature");
  });

  it("an unreachable URL and an unknown hook fail with their own codes", async () => {
    const closed = await startChatReceiver();
    const deadUrl = closed.endpoint("slack");
    await closed.close();
    const dead = await sendToChannel({ teamId, channelId: await channel("slack", { url: deadUrl }), message, purpose: "test" });
    assert.deepEqual(dead.ok ? null : [dead.error, dead.retryable], ["unreachable", true]);
    const unknown = await sendToChannel({ teamId, channelId: await channel("slack", { url: `http://127.0.0.1:${chat.port}/slack/nope` }), message, purpose: "test" });
    assert.equal(!unknown.ok && unknown.error, "bad_url");
  });

  it("two concurrent sends with one idempotency key deliver once; a later retry is a duplicate", async () => {
    const url = chat.endpoint("lark", { secret: "k", delayMs: 300 });
    const channelId = await channel("lark", { url, secret: "k" });
    const key = "reminder:team:2026-12-07";
    const [a, b] = await Promise.all([
      sendToChannel({ teamId, channelId, message, purpose: "reminder", idempotencyKey: key }),
      sendToChannel({ teamId, channelId, message, purpose: "reminder", idempotencyKey: key }),
    ]);
    assert.equal(chat.for(url).length, 1);
    assert.deepEqual([a, b].map((o) => o.ok && Boolean(o.duplicate)).sort(), [false, true]);
    assert.deepEqual(await sendToChannel({ teamId, channelId, message, purpose: "reminder", idempotencyKey: key }), { ok: true, duplicate: true });
    assert.equal(chat.for(url).length, 1);
    // Another key is another message.
    assert.deepEqual(await sendToChannel({ teamId, channelId, message, purpose: "reminder", idempotencyKey: "reminder:team:2026-12-08" }), { ok: true });
    assert.equal(chat.for(url).length, 2);
  });

  it("a failed send releases its key so a retry can send; a crashed sender's claim expires after its lease", async () => {
    const url = chat.endpoint("webhook", { secret: "right" });
    const wrong = await channel("webhook", { url, secret: "wrong" });
    const key = "digest:team:2026-W49";
    const first = await sendToChannel({ teamId, channelId: wrong, message, purpose: "digest", idempotencyKey: key });
    assert.equal(first.ok, false);
    await getPrisma().deliveryChannel.update({ where: { id: wrong }, data: { secretBox: sealSecret({ url, secret: "right" }, teamId) } });
    assert.deepEqual(await sendToChannel({ teamId, channelId: wrong, message, purpose: "digest", idempotencyKey: key }), { ok: true });

    const crashed = await channel("slack", { url: chat.endpoint("slack") });
    const stuck = "reminder:team:crash";
    await getPrisma().deliveryClaim.create({ data: { key: `${crashed}:${stuck}`, channelId: crashed, state: "sending", owner: "dead", leaseUntil: new Date(Date.now() - 1000) } });
    assert.deepEqual(await sendToChannel({ teamId, channelId: crashed, message, purpose: "reminder", idempotencyKey: stuck }), { ok: true });
  });

  it("e-mail: one message per recipient with text and HTML, per-recipient idempotency, SMTP problems named", async () => {
    const channelId = await channel("email");
    const recipients = [
      { email: "ming@example.test", name: "小明", locale: "zh-CN" as const },
      { email: "ana@example.test", name: "Ana", locale: "en" as const },
    ];
    delete process.env.SMTP_URL;
    const missing = await sendToChannel({ teamId, channelId, message, purpose: "test", recipients });
    assert.deepEqual(missing, { ok: false, error: "smtp_not_configured", retryable: false });
    process.env.SMTP_URL = "http://not-smtp";
    assert.equal((await sendToChannel({ teamId, channelId, message, purpose: "test", recipients }) as { error: string }).error, "smtp_url_invalid");
    process.env.SMTP_URL = `smtp://opsmix:bad@127.0.0.1:${mail.port}`;
    assert.equal((await sendToChannel({ teamId, channelId, message, purpose: "test", recipients }) as { error: string }).error, "smtp_auth_failed");
    assert.equal(mail.received.length, 0);

    process.env.SMTP_URL = `smtp://opsmix:mail-pass@127.0.0.1:${mail.port}`;
    process.env.SMTP_FROM = "OpsMix <opsmix@example.test>";
    assert.deepEqual(await sendToChannel({ teamId, channelId, message, purpose: "reminder", recipients, idempotencyKey: "r1" }), { ok: true });
    assert.equal(mail.to("ming@example.test").length, 1);
    const got = mail.to("ana@example.test")[0]!;
    assert.equal(got.subject, "OpsMix 测试消息");
    assert.equal(got.from, "opsmix@example.test");
    assert.match(got.text, /这是一条测试消息/);
    assert.match(got.html, /<p>这是一条测试消息。<br>第二行<\/p>/);
    // Retried with one more recipient: only the new one gets it.
    const more = [...recipients, { email: "li@example.test", locale: "zh-CN" as const }];
    assert.deepEqual(await sendToChannel({ teamId, channelId, message, purpose: "reminder", recipients: more, idempotencyKey: "r1" }), { ok: true });
    assert.deepEqual([mail.to("ming@example.test").length, mail.to("ana@example.test").length, mail.to("li@example.test").length], [1, 1, 1]);
    assert.deepEqual(await sendToChannel({ teamId, channelId, message, purpose: "reminder", recipients: more, idempotencyKey: "r1" }), { ok: true, duplicate: true });
    assert.equal(mail.received.length, 3);
    const noOne = await sendToChannel({ teamId, channelId, message, purpose: "test", recipients: [] });
    assert.equal(!noOne.ok && noOne.error, "no_recipients");
  });

  it("keeps the newest 50 attempts per channel; another team's channel is not found; disabled channels only take tests", async () => {
    const channelId = await channel("slack", { url: chat.endpoint("slack") });
    for (let n = 0; n < 53; n++) await sendToChannel({ teamId, channelId, message, purpose: "digest" });
    assert.equal(await getPrisma().deliveryAttempt.count({ where: { channelId } }), 50);

    const other = (await getPrisma().team.create({ data: { slug: "delivery-other", name: "Other" } })).id;
    const outcome = await sendToChannel({ teamId: other, channelId, message, purpose: "test" });
    assert.deepEqual(outcome, { ok: false, error: "channel_not_found", retryable: false });

    const off = await channel("slack", { url: chat.endpoint("slack") }, false);
    assert.equal((await sendToChannel({ teamId, channelId: off, message, purpose: "reminder" }) as { error: string }).error, "channel_disabled");
    assert.deepEqual(await sendToChannel({ teamId, channelId: off, message, purpose: "test" }), { ok: true });
    const listed = await listChannels(teamId, ["slack"]);
    assert.ok(listed.every((c) => c.kind === "slack") && !listed.some((c) => c.id === off) && listed.some((c) => c.id === channelId));
  });
});
