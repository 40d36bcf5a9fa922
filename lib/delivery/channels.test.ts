// Channel settings as admins save them: per-field errors that write nothing, sealed secrets, "blank keeps the saved
// URL or secret", another team's channel is not found.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getPrisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess } from "@/lib/teams/access";
import { ChannelInputInvalid, createChannel, deleteChannel, listChannelsForSettings, updateChannel } from "./channels";
import { openSecret } from "./secrets";

process.env.NEXTAUTH_SECRET ??= "unit-test-nextauth-secret-0000000000";

describe("delivery channel settings", () => {
  let db: { close(): Promise<void> };
  let admin: TeamAccess;
  let otherAdmin: TeamAccess;

  before(async () => {
    db = await openTestDatabase();
    const prisma = getPrisma();
    const user = await prisma.user.create({ data: { email: "admin@example.test", name: "Admin", passwordHash: "x" } });
    const team = await prisma.team.create({ data: { slug: "chan-a", name: "A" } });
    const other = await prisma.team.create({ data: { slug: "chan-b", name: "B" } });
    admin = { teamId: team.id, slug: team.slug, name: team.name, timeZone: "Asia/Shanghai", role: "admin", userId: user.id };
    otherAdmin = { ...admin, teamId: other.id, slug: other.slug, name: other.name };
  });
  after(() => db.close());

  const fieldErrors = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof ChannelInputInvalid) return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, ref]) => [field, ref!.key]));
      throw error;
    }
    return null;
  };

  it("refuses bad input field by field and saves nothing", async () => {
    assert.deepEqual(await fieldErrors(() => createChannel(admin, { kind: "lark", name: " ", url: "ftp://x.test/hook", secret: "" })), {
      name: "delivery.form.nameRequired",
      url: "delivery.form.urlInvalid",
    });
    assert.deepEqual(await fieldErrors(() => createChannel(admin, { kind: "webhook", name: "Hook", url: "", secret: "" })), {
      url: "delivery.form.urlRequired",
      secret: "delivery.form.secretRequired",
    });
    assert.deepEqual(await fieldErrors(() => createChannel(admin, { kind: "sms", name: "x", url: "", secret: "" })), { kind: "delivery.form.kindInvalid" });
    assert.deepEqual(await fieldErrors(() => createChannel(admin, { kind: "dingtalk", name: "x".repeat(61), url: "https://oapi.dingtalk.com/robot/send?access_token=a", secret: "a\nb" })), {
      name: "delivery.form.nameTooLong",
      secret: "delivery.form.secretInvalid",
    });
    assert.equal(await getPrisma().deliveryChannel.count(), 0);
  });

  it("seals the URL and secret, shows only the host, and a blank field on edit keeps the saved value", async () => {
    const url = "https://open.feishu.cn/open-apis/bot/v2/hook/secret-hook-id";
    const { id } = await createChannel(admin, { kind: "lark", name: " 运营群 ", url, secret: "s1" });
    const row = await getPrisma().deliveryChannel.findUniqueOrThrow({ where: { id } });
    assert.equal(row.name, "运营群");
    assert.ok(row.secretBox && !row.secretBox.includes("secret-hook-id"));
    assert.deepEqual(openSecret(row.secretBox, admin.teamId), { url, secret: "s1" });
    const [view] = await listChannelsForSettings(admin.teamId);
    assert.equal(view?.urlHost, "open.feishu.cn");
    assert.equal(view?.hasSigningSecret, true);
    assert.ok(!JSON.stringify(view).includes("secret-hook-id") && !JSON.stringify(view).includes("s1\""));

    await updateChannel(admin, id, { kind: "", name: "运营一群", url: "", secret: "" });
    let after = await getPrisma().deliveryChannel.findUniqueOrThrow({ where: { id } });
    assert.equal(after.name, "运营一群");
    assert.deepEqual(openSecret(after.secretBox!, admin.teamId), { url, secret: "s1" });
    await updateChannel(admin, id, { kind: "", name: "运营一群", url: "", secret: "s2" });
    after = await getPrisma().deliveryChannel.findUniqueOrThrow({ where: { id } });
    assert.deepEqual(openSecret(after.secretBox!, admin.teamId), { url, secret: "s2" });
    await updateChannel(admin, id, { kind: "", name: "运营一群", url: "", secret: "", clearSecret: true });
    after = await getPrisma().deliveryChannel.findUniqueOrThrow({ where: { id } });
    assert.deepEqual(openSecret(after.secretBox!, admin.teamId), { url });
    assert.equal(after.hasSigningSecret, false);

    // A bad edit changes nothing, not even the valid name typed with it.
    assert.deepEqual(await fieldErrors(() => updateChannel(admin, id, { kind: "", name: "新名字", url: "javascript:alert(1)", secret: "" })), { url: "delivery.form.urlInvalid" });
    assert.equal((await getPrisma().deliveryChannel.findUniqueOrThrow({ where: { id } })).name, "运营一群");

    // Another team's channel is "not found" for edits and deletes.
    await assert.rejects(() => updateChannel(otherAdmin, id, { kind: "", name: "x", url: "", secret: "" }), { code: "not_found" });
    await assert.rejects(() => deleteChannel(otherAdmin, id), { code: "not_found" });
    const actions = (await getPrisma().auditEvent.findMany({ where: { teamId: admin.teamId }, select: { action: true, detail: true } }));
    assert.deepEqual([...new Set(actions.map((a) => a.action))].sort(), ["delivery.channel.create", "delivery.channel.update"]);
    assert.ok(!JSON.stringify(actions).includes("secret-hook-id") && !JSON.stringify(actions).includes("s2"));
    await deleteChannel(admin, id);
    assert.equal(await getPrisma().deliveryChannel.count({ where: { teamId: admin.teamId } }), 0);
  });

  it("after NEXTAUTH_SECRET changes, an edit asks for the URL again instead of saving a broken channel", async () => {
    const { id } = await createChannel(admin, { kind: "slack", name: "Slack", url: "https://hooks.slack.test/services/T/B/X", secret: "" });
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "a-different-secret-000000000000000";
    try {
      assert.deepEqual(await fieldErrors(() => updateChannel(admin, id, { kind: "", name: "Slack 2", url: "", secret: "" })), { url: "delivery.form.urlReenter" });
      await updateChannel(admin, id, { kind: "", name: "Slack 2", url: "https://hooks.slack.test/services/T/B/Y", secret: "" });
      const row = await getPrisma().deliveryChannel.findUniqueOrThrow({ where: { id } });
      assert.deepEqual(openSecret(row.secretBox!, admin.teamId), { url: "https://hooks.slack.test/services/T/B/Y" });
    } finally {
      process.env.NEXTAUTH_SECRET = saved;
    }
  });
});
