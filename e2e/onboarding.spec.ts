import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { cli, expect, signInPage, test, uniqueId, type TestUser } from "./fixtures";

/** A member who has never signed in: the first-day path is theirs. */
function newMember(team: string, role: "member" | "manager" = "member"): TestUser {
  const id = uniqueId();
  const user = { email: `newbie-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `新人 ${id}` };
  cli(["user:create", "--email", user.email, "--password", user.password, "--name", user.name, "--team", team, "--role", role]);
  return user;
}

/**
 * Signs in through next-auth's API like the shared fixture, but waits out the sign-in throttle (10 a minute per
 * address) when the whole suite, all from 127.0.0.1, has used it up.
 */
async function signInPatiently(request: APIRequestContext, user: TestUser) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: user.email, password: user.password, json: "true" },
      maxRedirects: 0,
    });
    if (response.status() !== 429) break;
    const seconds = Math.min(61, Number(response.headers()["retry-after"] ?? "10"));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.uid, `sign-in of ${user.email} failed`).toBeTruthy();
}

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A page signed in as `user` in its own browser context, so each person signs in once per test. */
async function pageAs(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN" });
  contexts.push(context);
  await signInPatiently(context.request, user);
  return context.newPage();
}

/**
 * A member logs one entry on "My day" and confirms the engine's tags; a member's confirmation waits for a manager, who
 * accepts it among the suggested corrections, so the entry joins the example library.
 */
async function logConfirmedEntry(page: Page, team: string, text: string, manager: Page) {
  await page.goto(`/t/${team}/today`);
  const box = page.getByPlaceholder(/今天做了什么/);
  await box.fill(text);
  await box.press("Enter");
  const entry = page.getByTestId("entry").filter({ hasText: text });
  await expect(entry).toHaveAttribute("data-status", "saved");
  await entry.getByRole("button", { name: "确认" }).click();
  await expect(entry.getByTestId("tag-source")).toContainText("等待经理确认");
  await manager.goto(`/t/${team}/entries/suggestions`);
  await manager.getByTestId("suggestion").filter({ hasText: text }).getByRole("button", { name: "接受", exact: true }).click();
  await expect(manager.getByTestId("suggestion").filter({ hasText: text })).toHaveCount(0);
}

/** Answers every question of the round on screen with the given tags; returns the texts asked. */
async function answerRound(page: Page, role: string, stage: string): Promise<string[]> {
  const quiz = page.getByTestId("quiz");
  const asked: string[] = [];
  for (let i = 1; i <= 10; i++) {
    await expect(page.getByTestId("quiz-progress")).toContainText(`${i} / 10`);
    asked.push(await page.getByTestId("quiz-text").innerText());
    await quiz.getByRole("radio", { name: role, exact: true }).check();
    await quiz.getByRole("radio", { name: stage, exact: true }).check();
    await page.getByTestId("quiz-check").click();
    await expect(page.getByTestId("quiz-feedback")).toBeVisible();
    await expect(page.getByTestId("answer-role")).toBeVisible();
    await page.getByTestId("quiz-next").click();
  }
  return asked;
}

test.describe("onboarding", () => {
  test("a new member takes the tour, answers a practice round and sees their per-role score", async ({ browser, page, world }) => {
    test.slow();
    // The tour is offered to people joining a team that already logs its work.
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/today`);
    await page.getByPlaceholder(/今天做了什么/).fill(`回复社区帖子15条 ${uniqueId()}`);
    await page.getByPlaceholder(/今天做了什么/).press("Enter");
    await expect(page.getByTestId("entry").first()).toHaveAttribute("data-status", "saved");
    await page.context().clearCookies();
    const newbie = newMember(world.teamA);
    await signInPatiently(page.context().request, newbie);
    await page.goto(`/t/${world.teamA}/today`);
    const banner = page.getByTestId("tour-banner");
    await expect(banner).toContainText("5 分钟");
    await banner.getByTestId("start-tour").click();

    // Step 1: the taxonomy, each role and stage linking to its guide.
    await expect(page.getByTestId("tour-step-1")).toBeVisible();
    await expect(page.getByTestId("role-guides").getByRole("link")).toHaveCount(8);
    await expect(page.getByTestId("stage-guides").getByRole("link")).toHaveCount(5);
    await page.getByTestId("tour-next").click();

    // Step 2: log and confirm a first entry right in the tour.
    await expect(page.getByTestId("tour-step-2")).toBeVisible();
    const text = `在社区回复新人提问15条 #${uniqueId()}`;
    const box = page.getByPlaceholder(/今天做了什么/);
    await box.fill(text);
    await box.press("Enter");
    const entry = page.getByTestId("entry").filter({ hasText: text });
    await expect(entry).toHaveAttribute("data-status", "saved");
    await entry.getByRole("button", { name: "确认" }).click();
    // A newcomer's confirmation waits for a manager before it teaches the team.
    await expect(entry.getByTestId("tag-source")).toContainText("等待经理确认");
    await page.getByTestId("tour-next").click();

    // Step 3: a 10-question round with immediate feedback, then this round's score per role.
    await expect(page.getByTestId("tour-step-3")).toBeVisible();
    const asked = await answerRound(page, "用户运营", "促进活跃");
    expect(asked).not.toContain(text);
    await expect(page.getByTestId("round-score")).toContainText("/ 10");
    await expect(page.getByTestId("round-role-score").locator("li").first()).toContainText("/");
    await page.getByTestId("finish-tour").click();

    // The tour is done: the per-role accuracy is kept, and the offer is gone.
    await expect(page).toHaveURL(/\/learn\/practice\?tour=done/);
    await expect(page.getByTestId("tour-done")).toBeVisible();
    const roleRows = page.getByTestId("role-accuracy").locator("li");
    await expect(roleRows).toHaveCount(8);
    const totals = await roleRows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-total"))));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(10);
    const userRow = page.getByTestId("role-accuracy").locator('li[data-key="user"]');
    if (Number(await userRow.getAttribute("data-total")) > 0) await expect(userRow).toContainText("%");
    await expect(page.getByTestId("overall-score")).toContainText("/10");
    await page.goto(`/t/${world.teamA}/today`);
    await expect(page.getByPlaceholder(/今天做了什么/)).toBeVisible();
    await expect(page.getByTestId("tour-banner")).toHaveCount(0);

    // A manager sees the team's onboarding progress; a member does not.
    const manager = await pageAs(browser, world.managerA);
    await manager.goto(`/t/${world.teamA}/learn/progress`);
    const row = manager.getByTestId("progress-row").filter({ hasText: newbie.name });
    await expect(row).toContainText("✓");
    await expect(row.locator("td").nth(3)).toHaveText("10");
    const member = await pageAs(browser, world.memberA);
    await member.goto(`/t/${world.teamA}/learn/progress`);
    await expect(member.getByText("找不到这个页面")).toBeVisible();
    await expect(member.getByTestId("progress-table")).toHaveCount(0);
  });

  test("a manager pins a golden example with a comment; it leads the library and the quiz", async ({ browser, world }) => {
    test.slow();
    const id = uniqueId();
    const text = `在自己论坛置顶新人问答帖并回复 #${id}`;
    const author = await pageAs(browser, world.memberA2);
    const manager = await pageAs(browser, world.managerA);
    await logConfirmedEntry(author, world.teamA, text, manager);

    await manager.goto(`/t/${world.teamA}/learn/library?q=${encodeURIComponent(`#${id}`)}`);
    const card = manager.getByTestId("example").filter({ hasText: text });
    await expect(card).toHaveAttribute("data-kind", "confirmed");
    const role = (await card.locator("[data-value]").first().getAttribute("data-value"))!;
    await card.getByTestId("pin-golden").click();
    const comment = `自己论坛里的回复和置顶是社区运营,不是新媒体 ${id}`;
    await card.getByRole("textbox").fill(comment);
    await card.getByRole("button", { name: "保存" }).click();
    await expect(manager.getByTestId("golden-examples").getByTestId("example").filter({ hasText: text })).toContainText(comment);

    // First in the unfiltered library…
    await manager.goto(`/t/${world.teamA}/learn/library`);
    const first = manager.getByTestId("example").first();
    await expect(first).toHaveAttribute("data-kind", "golden");
    await expect(first).toContainText(text);
    await expect(first.getByTestId("golden-comment")).toContainText(comment);

    // …and first in another member's practice round; a wrong answer shows the right tags and the manager's note.
    const learner = await pageAs(browser, world.memberA);
    await learner.goto(`/t/${world.teamA}/learn/practice`);
    await expect(learner.getByTestId("quiz-text")).toHaveText(text);
    await expect(learner.getByTestId("quiz-text")).toHaveAttribute("data-tier", "golden");
    const wrongRole = role === "marketing" ? "用户运营" : "市场运营";
    await learner.getByRole("radio", { name: wrongRole, exact: true }).check();
    await learner.getByRole("radio", { name: "口碑传播", exact: true }).check();
    await learner.getByTestId("quiz-check").click();
    const feedback = learner.getByTestId("quiz-feedback");
    await expect(feedback).toHaveAttribute("data-correct", "false");
    await expect(feedback.getByTestId("answer-role")).toHaveAttribute("data-value", role);
    await expect(feedback.getByTestId("quiz-golden-comment")).toContainText(comment);
    await expect(feedback.getByTestId("quiz-cues")).toBeVisible();
  });

  test("the role and stage guides render in zh-CN and en", async ({ browser, world }) => {
    const page = await pageAs(browser, world.memberA);
    await page.goto(`/t/${world.teamA}/learn/roles/community`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("社区运营");
    await expect(page.getByTestId("guide-definition")).toContainText("论坛");
    await expect(page.getByTestId("guide-cues")).toContainText("版主");
    const userPair = page.getByTestId("guide-neighbours").locator('li[data-key="user"]');
    await expect(userPair).toContainText("用户运营");
    await expect(userPair).toContainText("私聊");
    await page.goto(`/t/${world.teamA}/learn/stages/retention`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("提高留存");

    await page.context().addCookies([{ name: "opsmix-locale", value: "en", url: new URL(page.url()).origin }]);
    await page.goto(`/t/${world.teamA}/learn/roles/community`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Community ops");
    const userPairEn = page.getByTestId("guide-neighbours").locator('li[data-key="user"]');
    await expect(userPairEn).toContainText("User ops");
    await expect(userPairEn).toContainText("chat groups");
    await page.goto(`/t/${world.teamA}/learn/stages/retention`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Retention");
    await expect(page.getByTestId("guide-definition")).toContainText("churn");
    await page.goto(`/t/${world.teamA}/learn`);
    await expect(page.getByRole("heading", { name: "The 8 ops roles" })).toBeVisible();
  });

  test("the library never shows another team's entries, and can hide members' names", async ({ browser, world }) => {
    test.slow();
    const id = uniqueId();
    const secret = `B组内部:和某银行谈联名卡合作 #${id}`;
    const outsider = await pageAs(browser, world.memberB);
    const managerB = newMember(world.teamB, "manager");
    await logConfirmedEntry(outsider, world.teamB, secret, await pageAs(browser, managerB));
    await outsider.goto(`/t/${world.teamB}/learn/library?q=${encodeURIComponent(`#${id}`)}`);
    await expect(outsider.getByTestId("example").filter({ hasText: secret })).toHaveCount(1);

    const member = await pageAs(browser, world.memberA);
    await member.goto(`/t/${world.teamA}/learn/library?q=${encodeURIComponent(`#${id}`)}`);
    await expect(member.getByText("没有符合条件的已确认记录")).toBeVisible();
    await member.goto(`/t/${world.teamA}/learn/library`);
    await expect(member.getByText(secret)).toHaveCount(0);
    const other = await member.goto(`/t/${world.teamB}/learn/library`);
    expect(other?.status()).toBe(404);
    await expect(member.getByText(secret)).toHaveCount(0);

    // Names are shown until a manager hides them.
    const mine = `给新会员逐个发欢迎私信 #${id}`;
    const author = await pageAs(browser, world.memberA2);
    await logConfirmedEntry(author, world.teamA, mine, await pageAs(browser, world.managerA));
    const search = `/t/${world.teamA}/learn/library?q=${encodeURIComponent(`#${id}`)}`;
    await member.goto(search);
    const byline = member.getByTestId("example").filter({ hasText: mine }).getByTestId("example-author");
    await expect(byline).toContainText(world.memberA2.name);

    const manager = await pageAs(browser, world.managerA);
    await manager.goto(search);
    await manager.getByRole("button", { name: "隐藏姓名" }).click();
    await expect(manager.getByTestId("names-setting")).toContainText("已隐藏");
    await member.reload();
    await expect(byline).toContainText("团队成员");
    await expect(byline).not.toContainText(world.memberA2.name);

    await manager.getByRole("button", { name: "显示姓名" }).click();
    await expect(manager.getByTestId("names-setting")).toContainText("显示成员姓名");
  });
});
