// The weekly report drafted from the tags: a member drafts their own week, edits it and switches paste formats; a
// manager reads the team's and one member's; the API gives the same numbers; nobody reads a report they may not.
import { expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";

const WEEK = "2026-W45"; // 2026-11-02 … 2026-11-08

test.describe("weekly report", () => {
  test("member drafts their week, manager reads the team's, the API agrees", async ({ page, request }) => {
    // Six CLI commands and the tagging engine's first load: slow on a shared two-core machine.
    test.setTimeout(240_000);
    const id = uniqueId();
    const slug = `report-${id}`;
    const user = (name: string): TestUser => ({ email: `${name}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${name} ${id}` });
    const manager = user("lead");
    const writer = user("writer");
    const mate = user("mate");
    const [writerToken, mateToken] = seedTeam(slug, `周报组 ${id}`, [[manager, "manager"], [writer, "member"], [mate, "member"]], [writer, mate]);
    const post = async (bearer: string, activities: { text: string; date: string; minutes?: number }[]) => {
      const response = await request.post(`/api/v1/activities?team=${slug}`, { headers: { authorization: `Bearer ${bearer}` }, data: { activities } });
      expect(response.status()).toBe(201);
    };
    await post(writerToken, [
      { text: `回复社区帖子32条 ${id}`, date: "2026-11-03", minutes: 45 },
      { text: `小红书笔记3篇 ${id}`, date: "2026-11-03", minutes: 90 },
      { text: `写公众号推文一篇 ${id}`, date: "2026-11-05" },
      { text: `上周的记录 ${id}`, date: "2026-10-30", minutes: 30 },
    ]);
    await post(mateToken, [{ text: `mate 拉新活动复盘 ${id}`, date: "2026-11-04", minutes: 60 }]);

    // The member's own week: their three entries, none of the mate's, in the Chinese report shapes.
    await signInPage(page, writer);
    await page.goto(`/t/${slug}/week?week=2026-11-02`);
    await page.getByTestId("week-report-link").click();
    await expect(page).toHaveURL(new RegExp(`/report\\?week=${WEEK}$`));
    await expect(page.getByTestId("report-count")).toHaveText("3");
    await expect(page.getByTestId("report-minutes")).toHaveText("2 小时 15 分钟");
    await expect(page.getByTestId("report-days")).toHaveText("2");
    const text = page.getByTestId("report-text");
    await expect(text).toHaveValue(new RegExp(`^周报 · writer ${id} · ${WEEK}`));
    await expect(text).toHaveValue(/^本周工作内容$/m);
    await expect(text).toHaveValue(/共记录 3 条，2 天有记录/);
    await expect(text).toHaveValue(/比上周多 2 条/);
    await expect(text).toHaveValue(new RegExp(`11-03 小红书笔记3篇 ${id}（1 小时 30 分钟）`));
    await expect(text).toHaveValue(/本周无口碑传播/);
    expect(await text.inputValue()).not.toContain(`mate 拉新活动复盘 ${id}`);

    await page.getByTestId("report-format").selectOption("dingtalk");
    await expect(text).toHaveValue(/^本周完成工作$/m);
    await expect(text).toHaveValue(/^1\. /m);
    // Edits stay with their format while switching, and "back to the draft" drops them.
    await text.fill(`${await text.inputValue()}\n下周：准备双十二活动`);
    await page.getByTestId("report-format").selectOption("markdown");
    await expect(text).toHaveValue(/^## 本周完成$/m);
    await page.getByTestId("report-format").selectOption("dingtalk");
    await expect(text).toHaveValue(/下周：准备双十二活动/);
    await page.getByRole("button", { name: "恢复为草稿" }).click();
    expect(await text.inputValue()).not.toContain("双十二");

    // The daily version, and a team-mate's report is not there for a member.
    await page.goto(`/t/${slug}/report?day=2026-11-03`);
    await expect(page.getByTestId("report-count")).toHaveText("2");
    await expect(text).toHaveValue(/^今日工作内容$/m);
    expect((await page.goto(`/t/${slug}/report?week=${WEEK}&member=${encodeURIComponent(mate.email)}`))?.status()).toBe(404);

    // The manager: the whole team, then one member; a bad week is said in words and the current week shown.
    await signInPage(page, manager);
    await page.goto(`/t/${slug}/report?week=${WEEK}`);
    await expect(page.getByTestId("report-count")).toHaveText("4");
    await expect(page.getByTestId("report-members")).toHaveText("2 / 3");
    await expect(text).toHaveValue(new RegExp(`按成员：[\\s\\S]*writer ${id}：3 条`));
    await page.getByTestId("report-member").selectOption({ label: `mate ${id}` });
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page.getByTestId("report-count")).toHaveText("1");
    await expect(text).toHaveValue(new RegExp(`mate 拉新活动复盘 ${id}`));
    await page.goto(`/t/${slug}/report?week=2026-W99`);
    await expect(page.getByTestId("report-error")).toContainText("周的格式应为");
    await expect(page.getByTestId("report-count")).toBeVisible();

    // The API: the same figures and text; a bad week is a 400 that says what to do.
    const api = await request.get(`/api/v1/reports/weekly?team=${slug}&week=${WEEK}&format=wecom`, { headers: { authorization: `Bearer ${writerToken}`, "accept-language": "en" } });
    expect(api.status()).toBe(200);
    const body = await api.json();
    expect(body).toMatchObject({ kind: "week", period: WEEK, from: "2026-11-02", to: "2026-11-08", totals: { count: 3, minutes: 135 }, previous: { count: 1 }, format: "wecom" });
    expect(body.text).toMatch(/^This week$/m);
    expect(body.text).toContain(`小红书笔记3篇 ${id} (1 h 30 min)`);
    const bad = await request.get(`/api/v1/reports/weekly?team=${slug}&week=2026-45`, { headers: { authorization: `Bearer ${writerToken}`, "accept-language": "en" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toMatch(/must look like 2026-W50/);
  });
});
