// A manager re-tags a selection of the team's entries at once: the rows take the new role when the page refreshes,
// and the message saying how many were updated is still there after that refresh (the table once remounted for the
// new rows and dropped it).
import { bothRight } from "../lib/tagging/review";
import { expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";

test.describe("bulk re-tag on the team's entries", () => {
  test("a manager sets the role of two selected entries and is told how many were updated", async ({ page, request }) => {
    test.setTimeout(120_000);
    const id = uniqueId();
    const slug = `bulk-${id}`;
    const user = (name: string): TestUser => ({ email: `${name}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${name} ${id}` });
    const manager = user("lead");
    const writer = user("writer");
    const [token] = seedTeam(slug, `批量组 ${id}`, [[manager, "manager"], [writer, "member"]], [writer]);
    const texts = [`回复社区帖子32条 ${id}`, `公众号推文排版并发布 ${id}`, `整理用户反馈表 ${id}`];
    for (const text of texts) {
      const created = await request.post(`/api/v1/activities?team=${slug}`, { headers: { authorization: `Bearer ${token}` }, data: { text, date: "2026-12-01" } });
      expect(created.status()).toBe(201);
    }

    await signInPage(page, manager);
    await page.goto(`/t/${slug}/entries`);
    const rows = page.getByTestId("entry-row");
    await expect(rows).toHaveCount(3);
    const chosen = [rows.filter({ hasText: texts[0] }), rows.filter({ hasText: texts[1] })];
    const untouched = rows.filter({ hasText: texts[2] });
    const untouchedRole = await untouched.getByTestId("role-chip").inputValue();
    // An automatic tag shows one percentage, the chance that role and stage are both right (review.ts bothRight, a
    // curve in the lower of the two confidences, below it); hovering gives the role's and the stage's.
    const sureness = untouched.getByTestId("tag-confidence");
    const title = (await sureness.getAttribute("title")) ?? "";
    const parts = /岗位把握 (\d+)%，阶段把握 (\d+)%/.exec(title);
    expect(parts, title).not.toBeNull();
    const [role, stage] = [Number(parts![1]), Number(parts![2])];
    const shown = Number(/^(\d+)%$/.exec((await sureness.textContent()) ?? "")?.[1]);
    // The title's percentages are rounded, so the curve on them may differ from the chip by a point.
    expect(Math.abs(shown - Math.round(100 * bothRight(role / 100, stage / 100))), `${shown}% from ${title}`).toBeLessThanOrEqual(1);
    expect(shown).toBeLessThanOrEqual(Math.min(role, stage));
    // A role none of the chosen entries has, so the change is visible on both.
    const before = await Promise.all(chosen.map((row) => row.getByTestId("role-chip").inputValue()));
    const target = ["marketing", "business", "product"].find((role) => !before.includes(role))!;
    for (const row of chosen) await row.getByRole("checkbox", { name: "选择" }).check();
    await expect(page.getByText("已选 2 条")).toBeVisible();
    await page.getByRole("combobox", { name: "批量设置岗位…" }).selectOption(target);

    for (const row of chosen) await expect(row.getByTestId("role-chip")).toHaveValue(target, { timeout: 30_000 });
    await expect(untouched.getByTestId("role-chip")).toHaveValue(untouchedRole);
    // The page has refreshed with the new tags, and still says what happened; the selection is cleared.
    await expect(page.getByRole("status").filter({ hasText: "已更新 2 条" })).toBeVisible();
    await expect(page.getByText("已选 0 条")).toBeVisible();

    // After a reload the new roles are what the server has.
    await page.reload();
    for (const row of chosen) await expect(row.getByTestId("role-chip")).toHaveValue(target);
  });
});
