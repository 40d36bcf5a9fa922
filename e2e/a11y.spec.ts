import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { expect, seedTeam, signInPage, test, uniqueId, type TestUser } from "./fixtures";
import { E2E_BASE_URL } from "./server-env";

// axe-core (WCAG 2.0/2.1 A and AA rules) on every main page of a seeded demo team, in both languages:
// any serious or critical violation fails the test, listed page by page with the offending elements.
const axePath = createRequire(__filename).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `[${v.impact}] ${v.id} (${v.help}): ${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(1).join(" ").trim()}`),
    );
}

async function auditPages(page: Page, teamBase: string, ownTeamBase: string, locale: "zh-CN" | "en"): Promise<string[]> {
  await page.context().addCookies([{ name: "opsmix-locale", value: locale, url: E2E_BASE_URL }]);
  const paths = [
    `${teamBase}/today`,
    `${teamBase}/week`,
    `${teamBase}/entries`,
    `${teamBase}/dashboard`,
    `${teamBase}/dashboard/members`,
    `${teamBase}/dashboard/targets`,
    `${teamBase}/learn`,
    `${teamBase}/learn/library`,
    `${teamBase}/learn/roles/community`,
    `${teamBase}/learn/stages/activation`,
    `${teamBase}/learn/practice`,
    `${teamBase}/import`,
    `${teamBase}/report`,
    `${teamBase}/coverage`,
    `${ownTeamBase}/settings`, // the demo team's settings are for its admins; the founder is admin of their own team
    `/account`,
  ];
  const problems: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), `${locale} ${path} should load`).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await page.waitForLoadState("networkidle");
    for (const line of await seriousViolations(page)) problems.push(`${locale} ${path}: ${line}`);
  }
  return problems;
}

test.describe("accessibility", () => {
  test("every main page of a seeded demo team has no serious or critical axe violation, in zh-CN and en", async ({ page }) => {
    test.setTimeout(300_000); // seeds a 12-week demo team, then audits 32 pages
    const id = uniqueId();
    const founder: TestUser = { email: `a11y-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `创始人 ${id}` };
    // Team settings list each member with a role select and a remove button.
    const colleague = (name: string, role: string): [TestUser, string] => [{ email: `${role}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${name} ${id}` }, role];
    seedTeam(`a11y-${id}`, `无障碍 ${id}`, [[founder, "admin"], colleague("小王", "member"), colleague("Alex", "manager")]);
    await signInPage(page, founder);
    await page.goto(`/t/a11y-${id}/dashboard`);
    await page.getByTestId("explore-demo").click();
    await expect(page).toHaveURL(/\/t\/demo[^/]*\/dashboard$/, { timeout: 60_000 });
    const teamBase = new URL(page.url()).pathname.replace(/\/dashboard$/, "");

    const ownTeamBase = `/t/a11y-${id}`;
    const problems = [...(await auditPages(page, teamBase, ownTeamBase, "zh-CN")), ...(await auditPages(page, teamBase, ownTeamBase, "en"))];
    expect(problems, `${problems.length} serious/critical axe violations:\n${problems.join("\n")}`).toEqual([]);

    // axe accepts any name; a member's role select must say whose role it is, in the page's language.
    await page.context().addCookies([{ name: "opsmix-locale", value: "zh-CN", url: E2E_BASE_URL }]);
    await page.goto(`${ownTeamBase}/settings`);
    await expect(page.getByRole("combobox", { name: `小王 ${id} 的角色`, exact: true })).toHaveValue("member");
    await expect(page.getByRole("button", { name: `移除 小王 ${id}`, exact: true })).toBeVisible();
    await page.context().addCookies([{ name: "opsmix-locale", value: "en", url: E2E_BASE_URL }]);
    await page.goto(`${ownTeamBase}/settings`);
    await expect(page.getByRole("combobox", { name: `Role for Alex ${id}`, exact: true })).toHaveValue("manager");
    await expect(page.getByRole("button", { name: `Remove Alex ${id}`, exact: true })).toBeVisible();
  });
});
