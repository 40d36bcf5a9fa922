import type { Page } from "@playwright/test";
import { cli, expect, signInPage, test, uniqueId, type TestUser } from "./fixtures";

/** A member who has never signed in: the first-day path is theirs. */
function newMember(team: string): TestUser {
  const id = uniqueId();
  const user = { email: `newbie-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `新人 ${id}` };
  cli(["user:create", "--email", user.email, "--password", user.password, "--name", user.name, "--team", team, "--role", "member"]);
  return user;
}

/** Logs one entry on "My day" and confirms the engine's tags, so it joins the example library. */
async function logConfirmedEntry(page: Page, team: string, text: string) {
  await page.goto(`/t/${team}/today`);
  const box = page.getByPlaceholder(/今天做了什么/);
  await box.fill(text);
  await box.press("Enter");
  const entry = page.getByTestId("entry").filter({ hasText: text });
  await expect(entry).toHaveAttribute("data-status", "saved");
  await entry.getByRole("button", { name: "确认" }).click();
  await expect(entry.getByTestId("tag-source")).toContainText("已确认");
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
  test("a new member takes the tour, answers a practice round and sees their per-role score", async ({ page, world }) => {
    const newbie = newMember(world.teamA);
    await signInPage(page, newbie);
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
    await expect(entry.getByTestId("tag-source")).toContainText("已确认");
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
    await signInPage(page, world.managerA);
    await page.goto(`/t/${world.teamA}/learn/progress`);
    const row = page.getByTestId("progress-row").filter({ hasText: newbie.name });
    await expect(row).toContainText("✓");
    await expect(row.locator("td").nth(3)).toHaveText("10");
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/learn/progress`);
    await expect(page.getByText("找不到这个页面")).toBeVisible();
    await expect(page.getByTestId("progress-table")).toHaveCount(0);
  });

  test("a manager pins a golden example with a comment; it leads the library and the quiz", async ({ page, world }) => {
    const id = uniqueId();
    const text = `在自己论坛置顶新人问答帖并回复 #${id}`;
    await signInPage(page, world.memberA2);
    await logConfirmedEntry(page, world.teamA, text);

    await signInPage(page, world.managerA);
    await page.goto(`/t/${world.teamA}/learn/library?q=${encodeURIComponent(`#${id}`)}`);
    const card = page.getByTestId("example").filter({ hasText: text });
    await expect(card).toHaveAttribute("data-kind", "confirmed");
    const role = (await card.locator("[data-value]").first().getAttribute("data-value"))!;
    await card.getByTestId("pin-golden").click();
    const comment = `自己论坛里的回复和置顶是社区运营,不是新媒体 ${id}`;
    await card.getByRole("textbox").fill(comment);
    await card.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("golden-examples").getByTestId("example").filter({ hasText: text })).toContainText(comment);

    // First in the unfiltered library…
    await page.goto(`/t/${world.teamA}/learn/library`);
    const first = page.getByTestId("example").first();
    await expect(first).toHaveAttribute("data-kind", "golden");
    await expect(first).toContainText(text);
    await expect(first.getByTestId("golden-comment")).toContainText(comment);

    // …and first in another member's practice round; a wrong answer shows the right tags and the manager's note.
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/learn/practice`);
    await expect(page.getByTestId("quiz-text")).toHaveText(text);
    await expect(page.getByTestId("quiz-text")).toHaveAttribute("data-tier", "golden");
    const wrongRole = role === "marketing" ? "用户运营" : "市场运营";
    await page.getByRole("radio", { name: wrongRole, exact: true }).check();
    await page.getByRole("radio", { name: "口碑传播", exact: true }).check();
    await page.getByTestId("quiz-check").click();
    const feedback = page.getByTestId("quiz-feedback");
    await expect(feedback).toHaveAttribute("data-correct", "false");
    await expect(feedback.getByTestId("answer-role")).toHaveAttribute("data-value", role);
    await expect(feedback.getByTestId("quiz-golden-comment")).toContainText(comment);
    await expect(feedback.getByTestId("quiz-cues")).toBeVisible();
  });

  test("the role and stage guides render in zh-CN and en", async ({ page, world }) => {
    await signInPage(page, world.memberA);
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
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Community operations");
    const userPairEn = page.getByTestId("guide-neighbours").locator('li[data-key="user"]');
    await expect(userPairEn).toContainText("User ops");
    await expect(userPairEn).toContainText("chat groups");
    await page.goto(`/t/${world.teamA}/learn/stages/retention`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Retention");
    await expect(page.getByTestId("guide-definition")).toContainText("churn");
    await page.goto(`/t/${world.teamA}/learn`);
    await expect(page.getByRole("heading", { name: "The 8 ops roles" })).toBeVisible();
    await page.context().clearCookies({ name: "opsmix-locale" });
  });

  test("the library never shows another team's entries, and can hide members' names", async ({ page, world }) => {
    const id = uniqueId();
    const secret = `B组内部:和某银行谈联名卡合作 #${id}`;
    await signInPage(page, world.memberB);
    await logConfirmedEntry(page, world.teamB, secret);
    await page.goto(`/t/${world.teamB}/learn/library?q=${encodeURIComponent(`#${id}`)}`);
    await expect(page.getByTestId("example").filter({ hasText: secret })).toHaveCount(1);

    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/learn/library?q=${encodeURIComponent(`#${id}`)}`);
    await expect(page.getByText("没有符合条件的已确认记录")).toBeVisible();
    await page.goto(`/t/${world.teamA}/learn/library`);
    await expect(page.getByText(secret)).toHaveCount(0);
    const other = await page.goto(`/t/${world.teamB}/learn/library`);
    expect(other?.status()).toBe(404);
    await expect(page.getByText(secret)).toHaveCount(0);

    // Names are shown until a manager hides them.
    const mine = `给新会员逐个发欢迎私信 #${id}`;
    await signInPage(page, world.memberA2);
    await logConfirmedEntry(page, world.teamA, mine);
    await signInPage(page, world.memberA);
    const search = `/t/${world.teamA}/learn/library?q=${encodeURIComponent(`#${id}`)}`;
    await page.goto(search);
    await expect(page.getByTestId("example").filter({ hasText: mine }).getByTestId("example-author")).toContainText(world.memberA2.name);

    await signInPage(page, world.managerA);
    await page.goto(search);
    await page.getByRole("button", { name: "隐藏姓名" }).click();
    await expect(page.getByTestId("names-setting")).toContainText("已隐藏");
    await signInPage(page, world.memberA);
    await page.goto(search);
    const author = page.getByTestId("example").filter({ hasText: mine }).getByTestId("example-author");
    await expect(author).toContainText("团队成员");
    await expect(author).not.toContainText(world.memberA2.name);

    await signInPage(page, world.managerA);
    await page.goto(search);
    await page.getByRole("button", { name: "显示姓名" }).click();
    await expect(page.getByTestId("names-setting")).toContainText("显示成员姓名");
  });
});
