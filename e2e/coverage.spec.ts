// Logging coverage: a member sees their own row, a manager the team's with "has not logged since"; the manager sets
// a holiday (a bad date is refused in words and changes nothing) and the day leaves the grid.
import { expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";

function shanghaiDay(offsetDays: number): string {
  const now = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The most recent Monday–Friday on or before the given day offset. */
function lastWeekday(fromOffset: number): string {
  for (let offset = fromOffset; ; offset--) {
    const day = shanghaiDay(offset);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) return day;
  }
}

test("coverage grid: own row for members, the team for managers, holidays leave the grid", async ({ page, request }) => {
  test.setTimeout(240_000);
  const id = uniqueId();
  const slug = `cover-${id}`;
  const user = (name: string): TestUser => ({ email: `${name}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${name} ${id}` });
  const manager = user("boss");
  const member = user("logger");
  const [token] = seedTeam(slug, `覆盖组 ${id}`, [[manager, "manager"], [member, "member"]], [member]);
  const logged = lastWeekday(-1);
  const response = await request.post(`/api/v1/activities?team=${slug}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { activities: [{ text: `回复社区帖子 ${id}`, date: logged }, { text: `写推文 ${id}`, date: logged }] },
  });
  expect(response.status()).toBe(201);

  await signInPage(page, member);
  await page.goto(`/t/${slug}/coverage`);
  await expect(page.getByRole("heading", { name: "我的记录覆盖" })).toBeVisible();
  await expect(page.getByTestId("coverage-row")).toHaveCount(1);
  await expect(page.locator(`[data-testid="coverage-cell"][data-day="${logged}"]`)).toHaveAttribute("data-count", "2");
  await expect(page.getByTestId("calendar-form")).toHaveCount(0);

  await signInPage(page, manager);
  await page.goto(`/t/${slug}/coverage`);
  await expect(page.getByTestId("coverage-row")).toHaveCount(2);
  const bossRow = page.locator(`[data-testid="coverage-row"][data-member="boss ${id}"]`);
  await expect(bossRow.getByTestId("coverage-last")).toHaveText("从未记录");
  const loggerRow = page.locator(`[data-testid="coverage-row"][data-member="logger ${id}"]`);
  await expect(loggerRow.getByTestId("coverage-logged")).toHaveText(/^1 \/ \d+$/);

  // A bad holiday is refused in words and nothing changes; a good one takes the day out of the grid.
  await page.getByTestId("calendar-holidays").fill("2026-13-01");
  await page.getByTestId("calendar-form").getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("calendar-error")).toContainText("“2026-13-01”不是 2026-10-01 这样的日期");
  await page.reload();
  await expect(page.getByTestId("calendar-holidays")).toHaveValue("");
  await page.getByTestId("calendar-holidays").fill(logged);
  await page.getByTestId("calendar-form").getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("calendar-saved")).toBeVisible();
  await page.reload();
  await expect(page.locator(`[data-testid="coverage-cell"][data-day="${logged}"]`)).toHaveCount(0);
  await expect(page.getByTestId("calendar-holidays")).toHaveValue(logged);
});
