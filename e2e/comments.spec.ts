// Managers' comments (点评): a manager comments on a member's entry, changing its role (a manager's correction), and
// on the member's weekly report; the member finds both on My week, marked new until seen, with the new tag; a
// team-mate sees neither; members get no comment controls; the API gives an entry's comments to whoever sees it.
import { expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";

const MONDAY = "2026-11-30";
const WEEK = "2026-W49";

test.describe("manager comments", () => {
  test("a manager comments on an entry (changing its role) and on the weekly report; only the member sees them", async ({ page, request }) => {
    test.setTimeout(240_000);
    const id = uniqueId();
    const slug = `comments-${id}`;
    const user = (name: string): TestUser => ({ email: `${name}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${name} ${id}` });
    const manager = user("lead");
    const writer = user("writer");
    const mate = user("mate");
    const [writerToken, mateToken] = seedTeam(slug, `点评组 ${id}`, [[manager, "manager"], [writer, "member"], [mate, "member"]], [writer, mate]);
    const text = `设计裂变海报并投放朋友圈 ${id}`;
    const created = await request.post(`/api/v1/activities?team=${slug}`, { headers: { authorization: `Bearer ${writerToken}` }, data: { text, date: "2026-12-01" } });
    expect(created.status()).toBe(201);
    const entry = (await created.json()).activities[0] as { id: string; role: string; stage: string };
    const newRole = entry.role === "marketing" ? "product" : "marketing";

    // The manager, on the team's entries: a comment that also changes the role.
    await signInPage(page, manager);
    await page.goto(`/t/${slug}/entries`);
    const row = page.getByTestId("entry-row").filter({ hasText: text });
    await row.getByTestId("comment-open").click();
    await row.getByTestId("comment-input").fill("这条是营销推广，不是用户运营。\n下次记得写投放渠道。");
    await row.getByTestId("comment-role").selectOption(newRole);
    await row.getByTestId("comment-submit").click();
    await expect(row.getByTestId("comment-text")).toHaveText(/这条是营销推广/);
    await expect(row.getByTestId("comment-correction")).toBeVisible();
    await expect(row.getByTestId("role-chip")).toHaveValue(newRole);
    await expect(row.getByTestId("comment-byline")).toContainText(`lead ${id}`);

    // An empty comment is refused in words, and nothing is lost or written.
    await row.getByTestId("comment-open").click();
    await row.getByTestId("comment-input").fill("   ");
    await row.getByTestId("comment-submit").click();
    await expect(row.getByTestId("comment-message")).toHaveText("请先写点评内容，不能为空。");
    await expect(row.getByTestId("comment")).toHaveCount(1);

    // And on the member's weekly report.
    await page.goto(`/t/${slug}/report?week=${WEEK}&member=${encodeURIComponent(writer.email)}`);
    const report = page.getByTestId("report-comments");
    await report.getByTestId("comment-input").fill("本周节奏不错，口碑传播可以再多一些。");
    await report.getByTestId("comment-submit").click();
    await expect(report.getByTestId("comment-text")).toHaveText("本周节奏不错，口碑传播可以再多一些。");

    // The member: a badge on My week, both comments marked new, the entry carrying the manager's tag.
    await signInPage(page, writer);
    await page.goto(`/t/${slug}/today`);
    await expect(page.getByTestId("nav-unread-comments")).toContainText("2");
    await page.goto(`/t/${slug}/week?week=${MONDAY}`);
    const panel = page.getByTestId("my-week-comments");
    await expect(panel.getByTestId("comment")).toHaveCount(2);
    await expect(panel.getByTestId("comment-unread")).toHaveCount(2);
    await expect(panel.getByTestId("comments-unread-count")).toHaveText("2 条新点评");
    await expect(panel.getByTestId("comment").filter({ hasText: "本周节奏不错" }).getByTestId("comment-subject")).toHaveText(`点评你的周报（${WEEK}）`);
    const onEntry = panel.getByTestId("comment").filter({ hasText: "这条是营销推广" });
    await expect(onEntry.getByTestId("comment-subject")).toContainText(text);
    await expect(onEntry.getByTestId("comment-correction")).toBeVisible();
    const mine = page.getByTestId("entry-row").filter({ hasText: text });
    await expect(mine.getByTestId("role-chip")).toHaveValue(newRole);
    await expect(mine.getByTestId("comment-text")).toHaveText(/下次记得写投放渠道/);
    // A member gets no comment controls, here or on their report.
    await expect(page.getByTestId("comment-open")).toHaveCount(0);
    await expect(page.getByTestId("comment-edit")).toHaveCount(0);
    await expect(page.getByTestId("comment-delete")).toHaveCount(0);
    // Seen: the next visit has no "new" markers and no badge.
    await expect(page.getByTestId("nav-unread-comments")).toHaveCount(0);
    await page.reload();
    await expect(panel.getByTestId("comment")).toHaveCount(2);
    await expect(panel.getByTestId("comment-unread")).toHaveCount(0);
    await page.goto(`/t/${slug}/report?week=${WEEK}`);
    await expect(page.getByTestId("report-comments").getByTestId("comment-text")).toHaveText("本周节奏不错，口碑传播可以再多一些。");
    await expect(page.getByTestId("comment-form")).toHaveCount(0);

    // The API: the author reads the entry's comment; a team-mate gets "not found".
    const own = await request.get(`/api/v1/activities/${entry.id}?team=${slug}`, { headers: { authorization: `Bearer ${writerToken}` } });
    expect(own.status()).toBe(200);
    const body = await own.json();
    expect(body.activity.role).toBe(newRole);
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0]).toMatchObject({ author: { name: `lead ${id}` }, correction: { to: { role: newRole } }, on: { kind: "entry", activityId: entry.id } });
    expect((await request.get(`/api/v1/activities/${entry.id}?team=${slug}`, { headers: { authorization: `Bearer ${mateToken}` } })).status()).toBe(404);

    // Another member sees none of it.
    await signInPage(page, mate);
    await page.goto(`/t/${slug}/week?week=${MONDAY}`);
    await expect(page.getByTestId("week-report-link")).toBeVisible();
    await expect(page.getByTestId("my-week-comments")).toHaveCount(0);
    await expect(page.getByText("这条是营销推广")).toHaveCount(0);
    await expect(page.getByTestId("nav-unread-comments")).toHaveCount(0);
    expect((await page.goto(`/t/${slug}/report?week=${WEEK}&member=${encodeURIComponent(writer.email)}`))?.status()).toBe(404);

    // The manager edits and deletes their own comment.
    await signInPage(page, manager);
    await page.goto(`/t/${slug}/report?week=${WEEK}&member=${encodeURIComponent(writer.email)}`);
    const reportComment = page.getByTestId("report-comments").getByTestId("comment");
    await reportComment.getByTestId("comment-edit").click();
    await reportComment.getByTestId("comment-input").fill("本周节奏不错。");
    await reportComment.getByRole("button", { name: "保存" }).click();
    await expect(reportComment.getByTestId("comment-text")).toHaveText("本周节奏不错。");
    await expect(reportComment).toContainText("（已编辑）");
    page.once("dialog", (dialog) => void dialog.accept());
    await reportComment.getByTestId("comment-delete").click();
    await expect(page.getByTestId("report-comments").getByTestId("comment")).toHaveCount(0);
  });
});
