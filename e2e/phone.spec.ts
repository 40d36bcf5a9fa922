// On a phone: My day, My week and the entry list fit 375 px; an entry typed offline waits on the device and is saved
// exactly once when the connection returns; a back-dated entry says where it went; OpsMix installs as a PWA.
import { expect, signInPage, test, uniqueId } from "./fixtures";
import { E2E_BASE_URL } from "./server-env";

const PHONE = { width: 375, height: 740 };

test.describe("on a phone", () => {
  test("My day, My week and the entry list have no horizontal scroll at 375 px", async ({ page, world }) => {
    await page.setViewportSize(PHONE);
    await signInPage(page, world.managerA);
    for (const path of ["today", "week", "entries"]) {
      await page.goto(`/t/${world.teamA}/${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `/${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
  });

  test("an entry typed offline is kept on the device and saved once when back online", async ({ page, world }) => {
    await page.setViewportSize(PHONE);
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/today`);
    const box = page.getByPlaceholder(/今天做了什么/);
    const id = uniqueId();
    const text = `离线记录：回复社区帖子12条 #${id}`;

    await page.context().setOffline(true);
    await box.fill(text);
    await box.press("Enter");
    const entry = page.getByTestId("entry").filter({ hasText: `#${id}` });
    await expect(entry).toHaveAttribute("data-status", "queued");
    await expect(entry.getByTestId("entry-queued")).toContainText("联网后自动保存");

    await page.context().setOffline(false);
    // The first save after the server started can be slow (the tagging model warms up): allow it time.
    await expect(entry).toHaveAttribute("data-status", "saved", { timeout: 30_000 });
    // Saved once: after a reload the day shows it a single time, and nothing is left waiting on the device.
    await page.reload();
    await expect(page.getByTestId("entry").filter({ hasText: `#${id}` })).toHaveCount(1);
    await expect(page.getByTestId("entry").filter({ hasText: `#${id}` })).toHaveAttribute("data-status", "saved");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("opsmix-pending:")).length)).toBe(0);
  });

  test("typed with full-width punctuation, 昨天 dates the entry and says where it went", async ({ page, world }) => {
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/today`);
    const id = uniqueId();
    const box = page.getByPlaceholder(/今天做了什么/);
    await box.fill(`昨天，整理本周用户反馈 #${id}，1小时`);
    await box.press("Enter");
    const entry = page.getByTestId("entry").filter({ hasText: `#${id}` });
    await expect(entry).toHaveAttribute("data-status", "saved");
    await expect(entry.getByTestId("entry-text")).toHaveText(`整理本周用户反馈 #${id}`);
    await expect(entry).toContainText("60 分钟");
    const filed = entry.getByTestId("entry-filed");
    await expect(filed).toContainText(/已记到 \d\d-\d\d · 我的本周/);
    await filed.getByRole("link").click();
    await expect(page).toHaveURL(/\/week\?week=\d{4}-\d\d-\d\d/);
    await expect(page.getByText(`整理本周用户反馈 #${id}`)).toBeVisible();
  });

  test("English: the same line is dated and the note is in English", async ({ page, world }) => {
    await signInPage(page, world.memberA2);
    await page.context().addCookies([{ name: "opsmix-locale", value: "en", url: E2E_BASE_URL }]);
    await page.goto(`/t/${world.teamA}/today`);
    const id = uniqueId();
    const box = page.getByPlaceholder(/What did you do/);
    await box.fill(`yesterday, called 5 churned members #${id}, 30m`);
    await box.press("Enter");
    const entry = page.getByTestId("entry").filter({ hasText: `#${id}` });
    await expect(entry).toHaveAttribute("data-status", "saved");
    await expect(entry.getByTestId("entry-filed")).toContainText(/Logged on \d\d-\d\d · My week/);
  });

  test("installs as an app: manifest and icons are served", async ({ request }) => {
    const manifest = await (await request.get("/manifest.webmanifest")).json();
    expect(manifest.short_name).toBe("运营配比");
    expect(manifest.display).toBe("standalone");
    for (const icon of manifest.icons as { src: string; sizes: string }[]) {
      const response = await request.get(icon.src);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()["content-type"]).toContain("image/png");
    }
    const worker = await request.get("/sw.js");
    expect(worker.status()).toBe(200);
  });
});
