// Reminders and the weekly digest through real channels: the team's admin adds an SMTP channel and a signed Lark bot
// pointed at local receivers (their test messages arrive) and sets the schedule, and the scheduled-work clock is moved (OPSMIX_TEST_CLOCK, set by
// `cli clock:set` in the database so every instance sees it). At 17:30 team time each member who has not logged
// gets exactly one reminder (the one who logged and the one who snoozed get none) and the chat gets one list; on
// Monday 09:00 the managers get the digest. With DATABASE_URL a second app instance polls the same jobs table and
// still nobody gets two.
import { spawn, type ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { cli, expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";
import { startChatReceiver, startMailReceiver, type ChatReceiver, type MailReceiver } from "./receivers";
import { closeDatabase, sql } from "./security-support";
import { E2E_CHAT_PORT, E2E_PORT, E2E_SMTP_PORT, e2eServerEnv, START_APP } from "./server-env";

const SECOND_PORT = E2E_PORT + 6;
const FRIDAY = "2026-11-27";

function setClock(at: string): void {
  cli(["clock:set", at]);
}

/** A second app instance on the same database and secret, as `npm start` would run it behind a load balancer. */
async function startSecondInstance(): Promise<ChildProcess> {
  const env = { ...process.env, ...e2eServerEnv(), PORT: String(SECOND_PORT), NEXTAUTH_URL: `http://127.0.0.1:${SECOND_PORT}` };
  const child = spawn(START_APP[0], START_APP.slice(1), { env, stdio: "ignore", detached: true });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${SECOND_PORT}/signin`)).ok) return child;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("the second instance did not start");
}

/** Adds a channel through the team settings form, as an admin does. */
async function addChannel(page: Page, kindLabel: string, name: string, url?: string, secret?: string): Promise<void> {
  const form = page.getByTestId("add-channel-form");
  // The submit button is enabled once React has hydrated the form; a choice made before then can be reset by it.
  await expect(form.getByRole("button", { name: "添加渠道" })).toBeEnabled();
  await form.getByLabel("类型").selectOption({ label: kindLabel });
  await form.getByLabel("名称").fill(name);
  if (url !== undefined) await form.getByLabel("Webhook 地址").fill(url);
  if (secret !== undefined) await form.getByLabel(/^签名密钥/).fill(secret);
  await form.getByRole("button", { name: "添加渠道" }).click();
  await expect(channelRow(page, name)).toBeVisible();
}

function channelRow(page: Page, name: string) {
  return page.locator(`[data-testid="channel-row"][data-channel-name="${name}"]`);
}

/** Every mail and chat message of the reminder run, per address, stays at its count for a few more polls. */
async function settle(check: () => void): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 4000));
  check();
}

test.describe("reminders and digest", () => {
  let mail: MailReceiver;
  let chat: ChatReceiver;
  let second: ChildProcess | null = null;

  test.beforeAll(async () => {
    mail = await startMailReceiver(E2E_SMTP_PORT);
    chat = await startChatReceiver(E2E_CHAT_PORT);
  });

  test.afterAll(async () => {
    setClock("now");
    if (second?.pid) process.kill(-second.pid, "SIGTERM");
    await mail.close();
    await chat.close();
    await closeDatabase();
  });

  test("exactly one reminder per member who has not logged, one chat list, and the Monday digest", async ({ page, request }) => {
    test.setTimeout(300_000);
    const id = uniqueId();
    const slug = `remind-${id}`;
    const user = (name: string): TestUser => ({ email: `${name}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${name}${id}` });
    const manager = user("boss");
    const logger = user("logger");
    const snoozer = user("snoozer");
    const forgot = user("forgot");
    // The team's admin (admins may do what managers do, and only they add channels).
    const [loggerToken] = seedTeam(slug, `提醒组 ${id}`, [[manager, "admin"], [logger, "member"], [snoozer, "member"], [forgot, "member"]], [logger]);
    await sql(`UPDATE "User" SET locale = 'en' WHERE email = $1`, [forgot.email]);
    const [team] = await sql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [slug]);

    if (process.env.DATABASE_URL) second = await startSecondInstance();

    // Friday noon, team time: nothing is due yet.
    setClock(`${FRIDAY}T12:00:00+08:00`);

    // The team's admin adds the channels in team settings: e-mail over SMTP_URL and a Lark bot that checks its
    // signature; "send test message" arrives on both.
    await signInPage(page, manager);
    await page.goto(`/t/${slug}/settings`);
    const larkSecret = `lark-${id}`;
    const larkUrl = chat.endpoint("lark", { secret: larkSecret });
    await addChannel(page, "电子邮件", "邮件");
    await addChannel(page, "飞书机器人", "飞书群", larkUrl, larkSecret);
    await channelRow(page, "飞书群").getByRole("button", { name: "发送测试消息" }).click();
    await expect.poll(() => chat.for(larkUrl).length, { timeout: 20_000 }).toBe(1);
    expect(chat.for(larkUrl)[0]!.verified, chat.for(larkUrl)[0]!.problem).toBe(true);
    await channelRow(page, "邮件").getByRole("button", { name: "发送测试消息" }).click();
    await expect.poll(() => mail.to(manager.email).length, { timeout: 20_000 }).toBe(1);

    // They switch on the 17:30 reminder and the Monday 09:00 digest; a schedule that goes nowhere is refused in words first.
    await page.goto(`/t/${slug}/coverage`);
    const form = page.getByTestId("schedule-form");
    await form.getByTestId("reminder-enabled").check();
    await form.getByTestId("reminder-email").uncheck();
    await form.getByTestId("reminder-chat").uncheck();
    await form.getByTestId("schedule-save").click();
    await expect(form.getByTestId("schedule-error")).toHaveText("提醒已开启但没有发送方式：请勾选邮件、群聊或两者，然后重新保存。");
    expect(await sql(`SELECT 1 FROM "RhythmSchedule" WHERE "teamId" = $1`, [team!.id])).toHaveLength(0);
    await form.getByTestId("reminder-email").check();
    await form.getByTestId("reminder-chat").check();
    await form.getByTestId("reminder-time").fill("17:30");
    await form.getByTestId("digest-enabled").check();
    await form.getByTestId("digest-time").fill("09:00");
    await form.getByTestId("schedule-save").click();
    await expect(form.getByTestId("schedule-saved")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("schedule-next")).toHaveText(`下次提醒：${FRIDAY} 17:30。下次摘要：2026-11-30 09:00。`);

    // One member logs that day (through the API), another snoozes today's reminder on My day.
    const token = loggerToken!;
    const logged = await request.post(`/api/v1/activities?team=${slug}`, {
      headers: { authorization: `Bearer ${token}` },
      data: { activities: [{ text: `社群答疑 ${id}`, date: FRIDAY, minutes: 45 }] },
    });
    expect(logged.status()).toBe(201);
    await signInPage(page, snoozer);
    await page.goto(`/t/${slug}/today`);
    await page.getByTestId("reminder-snooze").click();
    await expect(page.getByTestId("reminder-snoozed")).toHaveText(`今天（${FRIDAY}）不会再提醒你。`);

    // 17:31 team time: the reminder run.
    setClock(`${FRIDAY}T17:31:00+08:00`);
    await expect.poll(() => mail.to(forgot.email).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => mail.to(manager.email).length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => chat.for(larkUrl).length, { timeout: 30_000 }).toBe(2);
    await settle(() => {
      expect(mail.to(forgot.email)).toHaveLength(1);
      expect(mail.to(manager.email)).toHaveLength(2);
      expect(mail.to(logger.email)).toHaveLength(0);
      expect(mail.to(snoozer.email)).toHaveLength(0);
      expect(chat.for(larkUrl)).toHaveLength(2);
    });
    const [toForgot] = mail.to(forgot.email);
    expect(toForgot!.subject).toBe(`提醒组 ${id}: you have not logged today's work yet`);
    expect(toForgot!.text).toContain(`/t/${slug}/today`);
    expect(mail.to(manager.email)[1]!.subject).toBe(`提醒组 ${id}：你今天还没有记录工作`);
    const list = chat.for(larkUrl)[1];
    expect(list!.verified, list!.problem).toBe(true);
    expect(list!.text).toContain(`今天还有 2 人没有记录工作：boss${id}、forgot${id}。`);
    const jobs = await sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM "Job" WHERE "teamId" = $1 AND kind = 'reminder'`, [team!.id]);
    expect(jobs).toEqual([{ status: "done", attempts: 1 }]);

    // Monday 09:01: the digest of week 48 to the admin (the only manager), by e-mail and in the chat.
    setClock("2026-11-30T09:01:00+08:00");
    await expect.poll(() => mail.to(manager.email).length, { timeout: 30_000 }).toBe(3);
    await expect.poll(() => chat.for(larkUrl).length, { timeout: 30_000 }).toBe(3);
    await settle(() => {
      expect(mail.to(manager.email)).toHaveLength(3);
      expect(mail.to(forgot.email)).toHaveLength(1);
      expect(chat.for(larkUrl)).toHaveLength(3);
    });
    const digest = mail.to(manager.email)[2]!;
    expect(digest.subject).toBe(`提醒组 ${id} 每周摘要 · 2026-W48（2026-11-23 至 2026-11-29）`);
    expect(digest.text).toContain("共记录 1 条，1 天有记录");
    expect(digest.text).toContain(`logger${id}：1/5 天`);
    expect(digest.text).toContain(`forgot${id}：0/5 天`);
    expect(chat.for(larkUrl)[2]!.verified).toBe(true);
    expect(chat.for(larkUrl)[2]!.text).toContain("每周摘要 · 2026-W48");

    // The manager sees both runs on the settings form.
    await signInPage(page, manager);
    await page.goto(`/t/${slug}/coverage`);
    await expect(page.getByTestId("schedule-runs").locator("li")).toHaveCount(2);
  });

  test("two instances racing over many teams: every job run once, every member reminded once", async () => {
    test.skip(!process.env.DATABASE_URL, "PGlite is one process's embedded database: a second app instance needs DATABASE_URL (PostgreSQL)");
    test.setTimeout(180_000);
    expect(second?.exitCode ?? null, "the second instance is still up").toBeNull();
    // Eight teams, each with a 17:30 reminder, an e-mail channel and three people who have not logged (made in SQL: the
    // CLI would take minutes). Both instances poll every half second; the clock jumps past 17:30 for all at once.
    const id = uniqueId();
    const emails: string[] = [];
    for (let n = 0; n < 8; n++) {
      const teamId = `race-${id}-${n}`;
      await sql(`INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ($1, $1, $2, now())`, [teamId, `赛跑 ${n}`]);
      await sql(`INSERT INTO "RhythmSchedule" ("teamId", "reminderEnabled", "reminderTime", "updatedAt") VALUES ($1, true, '17:30', now())`, [teamId]);
      await sql(`INSERT INTO "DeliveryChannel" (id, "teamId", kind, name, enabled, "createdAt", "updatedAt") VALUES ($1, $2, 'email', 'mail', true, now(), now())`, [`ch-${teamId}`, teamId]);
      for (let p = 0; p < 3; p++) {
        const email = `race-${id}-${n}-${p}@example.test`;
        emails.push(email);
        await sql(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, 'x', now())`, [`u-${teamId}-${p}`, email, `racer ${n}.${p}`]);
        await sql(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'member')`, [`m-${teamId}-${p}`, teamId, `u-${teamId}-${p}`]);
      }
    }
    setClock("2026-11-20T17:31:00+08:00");
    await expect.poll(() => emails.filter((email) => mail.to(email).length > 0).length, { timeout: 60_000 }).toBe(emails.length);
    await settle(() => {
      for (const email of emails) expect(mail.to(email), email).toHaveLength(1);
    });
    const jobs = await sql<{ status: string; attempts: number; lockedBy: string }>(`SELECT status, attempts, "lockedBy" FROM "Job" WHERE "teamId" LIKE $1`, [`race-${id}-%`]);
    expect(jobs).toHaveLength(8);
    expect(jobs.every((job) => job.status === "done" && job.attempts === 1)).toBe(true);
    test.info().annotations.push({ type: "workers", description: `jobs run by ${new Set(jobs.map((job) => job.lockedBy)).size} instance(s)` });
  });
});
