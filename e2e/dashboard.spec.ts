import { readFileSync } from "node:fs";
import { cliBatch, expect, printedToken, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";

// A newcomer's first minute: an empty team offers the demo workspace, which opens on real charts.
test.describe("dashboards", () => {
  test("a manager explores the demo, sees a starved stage, sets targets, drills into a cell and exports", async ({ page }) => {
    test.slow(); // seeds a 12-week demo team first
    const id = uniqueId();
    const manager: TestUser = { email: `dash-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `经理 ${id}` };
    seedTeam(`fresh-${id}`, `新团队 ${id}`, [[manager, "manager"]]);
    await signInPage(page, manager);

    await page.goto(`/t/fresh-${id}/dashboard`);
    await expect(page.getByTestId("dashboard-empty")).toBeVisible();
    await page.getByTestId("explore-demo").click();
    await expect(page).toHaveURL(/\/t\/demo[^/]*\/dashboard$/, { timeout: 60_000 });
    const demoBase = new URL(page.url()).pathname;
    await expect(page.getByTestId("demo-banner")).toBeVisible();

    // The heatmap, with an empty cell that says how long it has been empty, and the starved stage called out.
    const heatmap = page.getByTestId("heatmap");
    await expect(heatmap).toBeVisible();
    const emptyCell = heatmap.locator('[data-testid="heat-cell"][data-state="empty"][data-stage="referral"]').first();
    await expect(emptyCell).toContainText("无投入");
    await expect(page.getByTestId("callouts")).toContainText("口碑传播");
    await expect(page.getByTestId("mix-role-chart").locator("svg.recharts-surface")).toBeVisible();

    // Set a target mix per stage and see the gap on the overview.
    await page.getByRole("link", { name: "目标配比", exact: true }).click();
    const stages = page.getByTestId("targets-stage");
    for (const stage of ["acquisition", "connection", "activation", "retention", "referral"]) await stages.getByTestId(`target-${stage}`).fill("10");
    await stages.getByRole("button", { name: "保存目标" }).click();
    await expect(stages.getByText(/合计为 50%/)).toBeVisible();
    await stages.getByTestId("target-activation").fill("50");
    await stages.getByTestId("target-referral").fill("20");
    await expect(stages.getByTestId("target-sum-stage")).toHaveText("合计\uFF1A100%");
    await stages.getByRole("button", { name: "保存目标" }).click();
    await expect(stages.getByTestId("targets-saved")).toBeVisible();
    await page.getByRole("link", { name: "总览", exact: true }).click();
    const referralGap = page.locator('[data-testid="gap-row"][data-dimension="stage"][data-key="referral"]');
    await expect(referralGap.getByTestId("gap-value")).toHaveText(/−20/);

    // Export the view as CSV and as PNG.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const text = readFileSync((await csv.path())!, "utf8");
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFF?"?section"?,/);
    expect(text).toMatch(/^"?cell"?,.*,"?referral"?,/m);
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png").click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe("PNG");

    // The same numbers as a table, then drill from a heatmap cell (by keyboard) into its entries.
    await page.goto(`${demoBase}?view=table&range=last-4-weeks`);
    await expect(page.getByTestId("mix-role-table")).toBeVisible();
    const cell = heatmap.locator('[data-testid="heat-cell"][data-state="normal"]').first();
    const role = await cell.getAttribute("data-role");
    const stage = await cell.getAttribute("data-stage");
    const count = Number((await cell.locator("a span").first().textContent())?.trim());
    await cell.locator("a").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/entries\\?.*role=${role}&stage=${stage}`));
    const rows = page.getByTestId("entry-row");
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBe(Math.min(count, 50));
    // A breadcrumb says where the list came from and leads back to the same dashboard view.
    const crumb = page.getByTestId("drill-breadcrumb");
    await expect(crumb).toContainText("仪表盘");
    await expect(crumb).toContainText("× ");
    await expect(crumb).toContainText("· 最近 4 周");
    await crumb.getByRole("link", { name: "仪表盘" }).click();
    await expect(page).toHaveURL(new RegExp(`${demoBase}\\?range=last-4-weeks$`));
  });

  test("a member sees only their own dashboard; other members and teams are not found", async ({ page, world }) => {
    await signInPage(page, world.managerA);
    await page.goto(`/t/${world.teamA}/dashboard/members`);
    const overviewLink = page.getByTestId("member-card").filter({ hasText: world.memberA2.name }).getByRole("link", { name: /总览/ });
    const otherMemberView = await overviewLink.getAttribute("href");
    expect(otherMemberView).toContain("member=");

    await signInPage(page, world.memberA);
    const own = await page.goto(`/t/${world.teamA}/dashboard`);
    expect(own?.status()).toBe(200);
    await expect(page.getByTestId("dashboard-title")).toHaveText("我的投入");
    await expect(page.getByTestId("dashboard-filters").locator('select[name="member"]')).toHaveCount(0);
    const members = await page.goto(`/t/${world.teamA}/dashboard/members`);
    expect(members?.status()).toBe(200);
    await expect(page.getByTestId("member-card")).toHaveCount(1);
    await expect(page.getByTestId("member-card")).toContainText(world.memberA.name);

    for (const path of [otherMemberView!, otherMemberView!.replace("/dashboard?", "/dashboard/members?"), `/t/${world.teamB}/dashboard`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    const csv = await page.request.get(`${otherMemberView!.replace("/dashboard?", "/dashboard/export?")}`);
    expect(csv.status()).toBe(404);
  });

  test("the effort API gives BI tools the same numbers, a member only their own", async ({ request, world }) => {
    const [memberToken, managerToken] = cliBatch([
      ["token:create", "--email", world.memberA2.email],
      ["token:create", "--email", world.managerA.email],
    ]).map(printedToken);
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const today = new Date().toISOString().slice(0, 10);
    const created = await request.post(`/api/v1/activities?team=${world.teamA}`, {
      headers: as(memberToken),
      data: { activities: [{ text: "回复社区的帖子20条", minutes: 30 }, { text: "Wrote the weekly newsletter", minutes: 45 }] },
    });
    expect(created.status()).toBe(201);
    const { activities } = (await created.json()) as { activities: { authorId: string; date: string }[] };
    const memberId = activities[0]!.authorId;
    const from = activities[0]!.date < today ? activities[0]!.date : today;

    const own = await request.get(`/api/v1/reports/effort?team=${world.teamA}&from=${from}&to=${activities[0]!.date}&groupBy=member,role`, { headers: as(memberToken) });
    expect(own.status()).toBe(200);
    const body = (await own.json()) as { rows: { member: string; role: string; count: number; minutes: number }[]; total: { count: number; minutes: number } };
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.every((row) => row.member === memberId)).toBe(true);
    expect(body.total.count).toBeGreaterThanOrEqual(2);
    expect(body.total.minutes).toBeGreaterThanOrEqual(75);

    const team = await request.get(`/api/v1/reports/effort?team=${world.teamA}&from=${from}&to=${activities[0]!.date}&groupBy=member`, { headers: as(managerToken) });
    const teamRows = ((await team.json()) as { rows: { member: string; count: number }[] }).rows;
    expect(teamRows.find((row) => row.member === memberId)?.count).toBe(body.total.count);

    const byEmail = (await (await request.get(`/api/v1/reports/effort?team=${world.teamA}&groupBy=member&member=${encodeURIComponent(world.managerA.email)}`, { headers: as(managerToken) })).json()) as { rows: unknown[] };
    expect(Array.isArray(byEmail.rows)).toBe(true);
    const someoneElse = await request.get(`/api/v1/reports/effort?team=${world.teamA}&member=${encodeURIComponent(world.managerA.email)}`, { headers: as(memberToken) });
    expect(someoneElse.status()).toBe(404);
    const otherTeam = await request.get(`/api/v1/reports/effort?team=${world.teamB}`, { headers: as(memberToken) });
    expect(otherTeam.status()).toBe(404);
    const bad = await request.get(`/api/v1/reports/effort?team=${world.teamA}&groupBy=colour`, { headers: as(memberToken) });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("role");
  });
});
