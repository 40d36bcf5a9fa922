// Delivery channels end to end: an admin adds a Lark bot (signed) and an e-mail channel pointed at local receivers
// (e2e/receivers.ts checks each vendor's signature and payload), "send test message" arrives and the delivery log
// shows it; the other chat kinds arrive verified too; a wrong secret and an unreachable URL are explained in words and
// logged as failures; bad settings are refused per field without losing what was typed; secrets never come back.
import type { Page } from "@playwright/test";
import { startChatReceiver, startMailReceiver, type ChatReceiver, type MailReceiver, type ReceiverKind } from "./receivers";
import { expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";
import { sql } from "./security-support";
import { E2E_CHAT_PORT, E2E_PORT, E2E_SMTP_PORT } from "./server-env";

let chat: ChatReceiver;
let mail: MailReceiver;

test.beforeAll(async () => {
  chat = await startChatReceiver(E2E_CHAT_PORT);
  mail = await startMailReceiver(E2E_SMTP_PORT);
});

test.afterAll(async () => {
  await chat?.close();
  await mail?.close();
});

const KIND_LABELS: Record<ReceiverKind | "email", string> = {
  email: "电子邮件",
  lark: "飞书机器人",
  dingtalk: "钉钉机器人",
  wecom: "企业微信群机器人",
  slack: "Slack 传入 Webhook",
  webhook: "Webhook（JSON）",
};

async function addChannel(page: Page, kind: ReceiverKind | "email", name: string, url?: string, secret?: string) {
  const form = page.getByTestId("add-channel-form");
  // The submit button is enabled once React has hydrated the form; a choice made before then can be reset by it.
  await expect(form.getByRole("button", { name: "添加渠道" })).toBeEnabled();
  await form.getByLabel("类型").selectOption({ label: KIND_LABELS[kind] });
  await form.getByLabel("名称").fill(name);
  if (url !== undefined) await form.getByLabel("Webhook 地址").fill(url);
  if (secret !== undefined) await form.getByLabel(/^签名密钥/).fill(secret);
  await form.getByRole("button", { name: "添加渠道" }).click();
  await expect(page.locator(`[data-testid="channel-row"][data-channel-name="${name}"]`)).toBeVisible();
}

function row(page: Page, name: string) {
  return page.locator(`[data-testid="channel-row"][data-channel-name="${name}"]`);
}

async function sendTest(page: Page, name: string) {
  await row(page, name).getByRole("button", { name: "发送测试消息" }).click();
  const result = row(page, name).getByTestId("channel-test-result");
  await expect(result).toBeVisible({ timeout: 20_000 });
  return result;
}

test("an admin sets up a Lark bot and e-mail; test messages arrive signed and are logged; failures are explained", async ({ page }) => {
  test.setTimeout(180_000);
  const id = uniqueId();
  const slug = `deliver-${id}`;
  const teamName = `推送组 ${id}`;
  const admin: TestUser = { email: `admin-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `管理员 ${id}` };
  seedTeam(slug, teamName, [[admin, "admin"]]);
  await signInPage(page, admin);
  await page.goto(`/t/${slug}/settings`);
  await expect(page.getByRole("heading", { name: "消息推送" })).toBeVisible();
  await expect(page.getByTestId("smtp-status")).toHaveAttribute("data-state", "ready");

  // Bad settings: each field says what is wrong, what was typed stays, nothing is saved.
  const form = page.getByTestId("add-channel-form");
  await form.getByLabel("Webhook 地址").fill("ftp://open.feishu.cn/hook");
  await form.getByRole("button", { name: "添加渠道" }).click();
  await expect(form.getByText("请输入渠道名称，例如群名。")).toBeVisible();
  await expect(form.getByText("请输入完整的 http:// 或 https:// 地址，与平台显示的一致。")).toBeVisible();
  await expect(form.getByLabel("Webhook 地址")).toHaveValue("ftp://open.feishu.cn/hook");
  const teamChannels = async () => (await sql<{ n: string }>(`SELECT count(*) AS n FROM "DeliveryChannel" c JOIN "Team" t ON t.id = c."teamId" WHERE t.slug = $1`, [slug]))[0]!.n;
  expect(await teamChannels()).toBe("0");

  // A signed Lark bot: the test message arrives with a valid signature, in the admin's language, and is logged.
  const larkUrl = chat.endpoint("lark", { secret: "lark-secret-right" });
  await addChannel(page, "lark", "运营群", larkUrl, "lark-secret-right");
  await expect(await sendTest(page, "运营群")).toHaveText("测试消息已送达。请到群里查看。");
  const [lark] = chat.for(larkUrl);
  expect(lark?.verified, lark?.problem).toBe(true);
  expect(lark?.text).toContain("OpsMix 测试消息");
  expect(lark?.text).toContain(teamName);
  await page.reload();
  const logRow = page.getByTestId("delivery-log-row").first();
  await expect(logRow).toHaveAttribute("data-status", "sent");
  await expect(logRow).toContainText("运营群");
  await expect(logRow).toContainText("测试");
  await expect(logRow).toContainText("已发送");

  // The secret and the URL's key are stored sealed and never shown again.
  const [stored] = await sql<{ secretBox: string }>(`SELECT c."secretBox" FROM "DeliveryChannel" c JOIN "Team" t ON t.id = c."teamId" WHERE t.slug = $1`, [slug]);
  const hookId = new URL(larkUrl).pathname.split("/").pop()!;
  expect(stored!.secretBox).toMatch(/^v1\./);
  expect(stored!.secretBox).not.toContain(hookId);
  const html = await page.content();
  expect(html).not.toContain("lark-secret-right");
  expect(html).not.toContain(hookId);
  await expect(row(page, "运营群").getByTestId("channel-secret-state")).toContainText("•••• 保存于");

  // E-mail: the test goes to the admin's own address, with a text and an HTML part.
  await addChannel(page, "email", "邮件提醒");
  await expect(await sendTest(page, "邮件提醒")).toHaveText(`测试邮件已发送到 ${admin.email}。请查收。`);
  const [letter] = mail.to(admin.email);
  expect(letter?.subject).toBe("OpsMix 测试消息");
  expect(letter?.text).toContain(teamName);
  expect(letter?.html).toContain("<h2>OpsMix 测试消息</h2>");

  // The other platforms, each in its own format and signature, verified by the receiver.
  for (const [kind, secret] of [["dingtalk", "SECding-right"], ["wecom", undefined], ["slack", undefined], ["webhook", "hook-right"]] as const) {
    const url = chat.endpoint(kind, secret ? { secret } : {});
    await addChannel(page, kind, `群-${kind}`, url, secret);
    await expect(await sendTest(page, `群-${kind}`)).toHaveAttribute("data-delivered", "yes");
    const [got] = chat.for(url);
    expect(got?.verified, `${kind}: ${got?.problem}`).toBe(true);
  }

  // A wrong secret: the platform's refusal in words, with its own message, logged as a failure.
  const strictUrl = chat.endpoint("lark", { secret: "the-real-one" });
  await addChannel(page, "lark", "错密钥群", strictUrl, "not-the-real-one");
  const refused = await sendTest(page, "错密钥群");
  await expect(refused).toHaveAttribute("data-delivered", "no");
  await expect(refused).toContainText("平台拒绝了签名：签名密钥与机器人的不一致。请重新粘贴密钥。");
  await expect(refused).toContainText("19021");
  await page.reload();
  await expect(page.getByTestId("delivery-log-row").first()).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("delivery-log-row").first()).toContainText("平台拒绝了签名");

  // Replacing the secret (the URL field left blank keeps the saved URL) fixes it.
  await row(page, "错密钥群").getByRole("button", { name: "编辑" }).click();
  await row(page, "错密钥群").getByLabel(/新的签名密钥/).fill("the-real-one");
  await row(page, "错密钥群").getByRole("button", { name: "保存" }).click();
  await expect(row(page, "错密钥群").getByTestId("edit-channel-form")).toHaveCount(0);
  await expect(await sendTest(page, "错密钥群")).toHaveAttribute("data-delivered", "yes");
  expect(chat.for(strictUrl).filter((r) => r.verified)).toHaveLength(1);

  // An unreachable address (nothing listens there).
  await addChannel(page, "slack", "不存在的地址", `http://127.0.0.1:${E2E_PORT + 5}/services/none`);
  const unreachable = await sendTest(page, "不存在的地址");
  await expect(unreachable).toContainText("无法连接 Webhook 地址。请检查地址，以及本服务器能否访问它。");
  await page.reload();
  const failedRow = page.getByTestId("delivery-log-row").first();
  await expect(failedRow).toHaveAttribute("data-status", "failed");
  await expect(failedRow).toContainText("不存在的地址");

  // Off and on, then delete.
  await row(page, "不存在的地址").getByRole("button", { name: "关闭" }).click();
  await expect(row(page, "不存在的地址").getByTestId("channel-enabled")).toHaveText("已关闭");
  page.once("dialog", (dialog) => dialog.accept());
  await row(page, "不存在的地址").getByRole("button", { name: "删除" }).click();
  await expect(row(page, "不存在的地址")).toHaveCount(0);
  expect(await teamChannels()).toBe("7");

  const audit = await sql<{ action: string }>(
    `SELECT DISTINCT a.action FROM "AuditEvent" a JOIN "Team" t ON t.id = a."teamId" WHERE t.slug = $1 AND a.action LIKE 'delivery.%' ORDER BY a.action`,
    [slug],
  );
  expect(audit.map((a) => a.action)).toEqual(["delivery.channel.create", "delivery.channel.delete", "delivery.channel.disable", "delivery.channel.test", "delivery.channel.update"]);
});

test("managers and members do not see delivery channels", async ({ page }) => {
  const id = uniqueId();
  const slug = `deliver-m-${id}`;
  const manager: TestUser = { email: `mgr-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `经理 ${id}` };
  seedTeam(slug, `推送组 ${id}`, [[manager, "manager"]]);
  await signInPage(page, manager);
  const response = await page.goto(`/t/${slug}/settings`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("delivery-settings")).toHaveCount(0);
});
