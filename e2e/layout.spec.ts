// What a person reads on the entry lists and the dashboard: what a confidence percentage means, which entry a chip
// select changes, and an English top bar, filter bar and role axis that fit a 1280 px screen without wrapping.
import type { Locator, Page } from "@playwright/test";
import { expect, signInPage, test, uniqueId } from "./fixtures";
import { E2E_BASE_URL } from "./server-env";

/** How many lines the element's visible children (and the children of `inner`) take, by their vertical centres. */
async function lines(container: Locator, inner?: string): Promise<number> {
  return container.evaluate((element, innerSelector) => {
    const boxes = [...element.children, ...(innerSelector ? [...element.querySelectorAll(`${innerSelector} > *`)] : [])]
      .map((child) => child.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0);
    const centres = boxes.map((box) => box.top + box.height / 2).sort((a, b) => a - b);
    let count = 0;
    let last = -Infinity;
    for (const centre of centres) {
      if (centre - last > 12) count++;
      last = centre;
    }
    return count;
  }, inner);
}

async function logEntry(page: Page, text: string): Promise<void> {
  const box = page.getByPlaceholder(/今天做了什么|What did you do/);
  await box.fill(text);
  await box.press("Enter");
  await expect(page.getByTestId("entry-text").filter({ hasText: text })).toBeVisible();
}

test.describe("layout and labels", () => {
  // Both languages, as an admin (the most links) and as a member; the role axis is checked in English, where it is longest.
  for (const [locale, who] of [["en", "adminA"], ["zh-CN", "adminA"], ["en", "memberA"], ["zh-CN", "memberA"]] as const) {
    test(`${locale} at 1280 px as ${who}: the top bar and the filter bar are one line each, role labels are not broken`, async ({ browser, world }) => {
      const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN", viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await signInPage(page, world[who]);
      await context.addCookies([{ name: "opsmix-locale", value: locale, url: E2E_BASE_URL }]);
      await page.goto(`/t/${world.teamA}/today`);
      await logEntry(page, `Replied to 32 questions in the community group ${uniqueId()}`);
      await page.goto(`/t/${world.teamA}/dashboard`);
      await expect(page.getByTestId("dashboard-filters")).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`dashboard-${locale}-${who}-1280.png`) });
      expect(await lines(page.getByTestId("top-bar"), "nav")).toBe(1);
      expect(await lines(page.getByTestId("dashboard-filters"))).toBe(1);
      if (locale === "en") {
        const community = page.getByTestId("axis-label").filter({ hasText: "Community ops" }).first();
        await expect(community).toHaveText("Community ops");
        expect((await community.boundingBox())!.height).toBeLessThan(20);
      }
      await context.close();
    });
  }

  for (const [locale, legend, roleOf, why] of [
    ["en", "Confidence: how sure the automatic tagging is", "Change role of “", "Why?"],
    ["zh-CN", "置信度：自动标注对这个标签有多大把握", "修改「", "为什么？"],
  ] as const) {
    test(`${locale}: a percentage says it is confidence, and each chip select names its entry`, async ({ browser, world }) => {
      const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN" });
      const page = await context.newPage();
      await signInPage(page, world.memberA);
      await context.addCookies([{ name: "opsmix-locale", value: locale, url: E2E_BASE_URL }]);
      await page.goto(`/t/${world.teamA}/today`);
      const text = `${locale === "en" ? "Wrote the weekly newsletter for new users" : "给新用户写了本周的公众号推文"} ${uniqueId()}`;
      await logEntry(page, text);
      await expect(page.getByTestId("confidence-legend")).toContainText(legend);
      const entry = page.getByTestId("entry").filter({ hasText: text });
      const roleSelect = entry.getByTestId("role-chip");
      const name = await roleSelect.getAttribute("aria-label");
      expect(name?.startsWith(roleOf)).toBe(true);
      expect(name).toContain(text.slice(0, 12));
      await expect(page.getByRole("combobox", { name: name! })).toHaveCount(1);
      await expect(entry.getByTestId("stage-chip")).not.toHaveAttribute("aria-label", name!);
      await entry.getByText(why).click();
      await expect(entry.getByRole("note")).toContainText(legend);
      await context.close();
    });
  }
});
