// CSV both ways (issue 13), in both UI languages: a file exported from the entry list imports back unchanged —
// into a team where those entries are gone it recreates the same entries with the same tags; imported again it
// adds nothing. Export headers, role names and the import preview follow the UI language.
import { readFileSync } from "node:fs";
import { expect, signInPage, test, uniqueId } from "./fixtures";
import { closeDatabase, sql } from "./security-support";
import { E2E_BASE_URL } from "./server-env";

const LANGUAGES = [
  { locale: "zh-CN", header: "日期,成员邮箱,成员姓名,内容,分钟,运营岗位,用户环节", imported: "已导入", commit: /导入 3 行/, minutesHeader: "分钟", nothingNew: "已导入 0 条记录（3 条此前已存在）" },
  { locale: "en", header: "Date,Member email,Member name,Entry,Minutes,Ops role,Funnel stage", imported: "Imported", commit: /Import 3 rows/, minutesHeader: "Minutes", nothingNew: "Imported 0 entries (3 already there)" },
] as const;

type Row = { text: string; date: string; minutes: number | null; role: string; stage: string; tagSource: string };

test.describe("CSV round trip", () => {
  test.afterAll(async () => closeDatabase());

  for (const language of LANGUAGES) {
    test(`export → import creates the same entries (${language.locale})`, async ({ page, world }) => {
      await signInPage(page, world.managerA);
      // After signing in: the sign-in sets the language the account chose.
      await page.context().addCookies([{ name: "opsmix-locale", value: language.locale, url: E2E_BASE_URL }]);
      const id = uniqueId();
      const entries = async () =>
        sql<Row>(
          `SELECT text, to_char("dateWorked", 'YYYY-MM-DD') AS date, minutes, role::text AS role, stage::text AS stage, "tagSource"::text AS "tagSource"
           FROM "Activity" WHERE text LIKE $1 AND "deletedAt" IS NULL ORDER BY text`,
          [`%${id}%`],
        );

      // Three entries through the import, one with a comma in its text (quoted, as spreadsheets write it).
      const date = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      const source = [
        "date,email,text,minutes",
        `${date},${world.memberA.email},回复社区帖子32条 ${id},30`,
        `${date},${world.managerA.email},"Ran the live class, 140 attendees ${id}",90`,
        `${date},${world.memberA.email},写公众号推文 ${id},`,
      ].join("\n");
      await page.goto(`/t/${world.teamA}/import`);
      await page.getByTestId("csv-file").setInputFiles({ name: "source.csv", mimeType: "text/csv", buffer: Buffer.from(source) });
      await page.getByRole("button", { name: language.commit }).click();
      await expect(page.getByTestId("import-done")).toContainText(language.imported);
      const before = await entries();
      expect(before).toHaveLength(3);

      await page.goto(`/t/${world.teamA}/entries?q=${encodeURIComponent(id)}`);
      await expect(page.getByTestId("entry-row")).toHaveCount(3);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
      const teamToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
      const file = readFileSync((await download.path())!);
      const text = file.toString("utf8");
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain(language.header);

      // The same file again: every row is already there.
      await page.goto(`/t/${world.teamA}/import`);
      await page.getByTestId("csv-file").setInputFiles({ name: download.suggestedFilename(), mimeType: "text/csv", buffer: file });
      const preview = page.getByTestId("import-preview");
      await expect(preview.getByRole("columnheader", { name: language.minutesHeader })).toBeVisible();
      await expect(preview.getByRole("row").filter({ hasText: `回复社区帖子32条 ${id}` })).toContainText("30");
      await page.getByRole("button", { name: language.commit }).click();
      await expect(page.getByTestId("import-done")).toContainText(language.nothingNew);
      expect(await entries()).toEqual(before);

      // Gone from the team (purged, as from a fresh install), the export brings back the same entries with the same
      // tags. (A soft-deleted entry stays deleted: its import key still holds.)
      await sql(`DELETE FROM "Activity" WHERE text LIKE $1`, [`%${id}%`]);
      expect(await entries()).toEqual([]);
      await page.reload();
      await page.getByTestId("csv-file").setInputFiles({ name: download.suggestedFilename(), mimeType: "text/csv", buffer: file });
      await page.getByRole("button", { name: language.commit }).click();
      await expect(page.getByTestId("import-done")).toContainText(language.imported);
      const after = await entries();
      expect(after).toEqual(before);
      expect(download.suggestedFilename()).toContain(teamToday);
    });
  }

  test("a row with an unquoted comma says its columns shifted; a bad date is quoted", async ({ page, world }) => {
    await signInPage(page, world.managerA);
    await page.goto(`/t/${world.teamA}/import`);
    const file = ["date,email,text,minutes", `2026/13/45,${world.memberA.email},回复社区帖子,30`, `2026-11-20,${world.memberA.email},回复社区帖子, 整理反馈,30`].join("\n");
    await page.getByTestId("csv-file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
    const errors = page.getByTestId("import-errors");
    await expect(errors).toContainText("第 2 行\uFF1A日期 2026/13/45 无效");
    await expect(errors).toContainText("第 3 行\uFF1A这一行有 5 列\uFF0C表头只有 4 列");
  });
});
