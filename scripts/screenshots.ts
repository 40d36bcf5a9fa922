// Screenshots for the README (docs/screenshots/): My day, dashboard and library, zh-CN and en, desktop and phone.
// Against a running app on an empty data directory (the first account founds a team; the demo fills the dashboard):
//   OPSMIX_DATA_DIR=/tmp/shots PORT=3000 npm start &   then   npx tsx scripts/screenshots.ts http://127.0.0.1:3000
import { randomBytes } from "node:crypto";
import { chromium, type Page } from "@playwright/test";
import { chromiumExecutable } from "../e2e/browser";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = "docs/screenshots";
const DEVICES = { desktop: { width: 1280, height: 860 }, phone: { width: 375, height: 780 } } as const;

async function shoot(page: Page, path: string, name: string) {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  console.log(`${out}/${name}.png`);
}

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox", "--disable-gpu"] });
  const id = randomBytes(3).toString("hex");
  const context = await browser.newContext({ locale: "zh-CN", viewport: DEVICES.desktop });
  const page = await context.newPage();
  await page.goto(`${base}/signup`);
  await page.getByLabel("你的名字").fill("林晓");
  await page.getByLabel("邮箱").fill(`lin-${id}@example.com`);
  await page.getByLabel("密码").fill(`Screenshot-pass-${id}`);
  await page.getByLabel("团队名称").fill("增长组");
  await page.getByRole("button", { name: "创建账号" }).click();
  await page.waitForURL(/\/t\/[^/]+\/today$/);
  const team = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto(`${base}/t/${team}/dashboard`);
  await page.getByTestId("explore-demo").click();
  await page.waitForURL(/\/t\/demo[^/]*\/dashboard$/, { timeout: 120_000 });
  const demo = new URL(page.url()).pathname.split("/")[2]!;
  // A few entries of the founder's own day (the dashboard's explore button shows only while the team is empty).
  await page.goto(`${base}/t/${team}/today`);
  const box = page.getByPlaceholder(/今天做了什么/);
  for (const line of ["回复社区帖子32条，置顶了本周问答汇总 1小时", "小红书发布3篇护肤笔记，收藏1.1k", "给流失会员逐个打电话回访，召回4人 2小时", "和银行谈联名卡合作方案"]) {
    await box.fill(line);
    await box.press("Enter");
    await page.waitForTimeout(600);
  }
  for (const locale of ["zh-CN", "en"] as const) {
    await context.addCookies([{ name: "opsmix-locale", value: locale, url: base }]);
    for (const [device, viewport] of Object.entries(DEVICES)) {
      await page.setViewportSize(viewport);
      await shoot(page, `/t/${team}/today`, `my-day-${locale}-${device}`);
      await shoot(page, `/t/${demo}/dashboard?range=last-4-weeks`, `dashboard-${locale}-${device}`);
      await shoot(page, `/t/${demo}/learn/library`, `library-${locale}-${device}`);
    }
  }
  await browser.close();
}

void main();
