// CSV both ways: a file exported in either UI language imports back unchanged: into another team it creates the
// same entries with the same tags; into the same team it creates nothing. Bad rows name the offending value.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess } from "@/lib/teams/access";
import { addDays, todayIn } from "./rules";
import { CSV_BOM, exportHeader, exportRows, toCsv } from "./csv";
import { analyseImport, commitImport } from "./import";
import { createActivities, updateActivity } from "./mutations";
import { listActivities } from "./queries";

let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function team(userId: string, role: "manager" | "member" = "manager"): Promise<TeamAccess> {
  const t = await prisma.team.create({ data: { slug: `csv-${randomUUID().slice(0, 8)}`, name: "CSV", timeZone: "Asia/Shanghai" } });
  await prisma.membership.create({ data: { teamId: t.id, userId, role } });
  return { teamId: t.id, slug: t.slug, name: t.name, timeZone: t.timeZone, role, userId };
}

async function exported(access: TeamAccess, locale: Locale): Promise<Uint8Array> {
  const { activities } = await listActivities(access, { limit: 200 });
  return new TextEncoder().encode(CSV_BOM + toCsv(exportHeader(locale), exportRows(activities, locale)) + "\r\n");
}

const entries = async (teamId: string) =>
  (await prisma.activity.findMany({ where: { teamId, deletedAt: null }, orderBy: [{ dateWorked: "asc" }, { text: "asc" }] })).map((a) => ({
    author: a.authorId, date: a.dateWorked.toISOString().slice(0, 10), text: a.text, minutes: a.minutes, role: a.role, stage: a.stage, tagSource: a.tagSource, needsReview: a.needsReview,
  }));

for (const locale of ["zh-CN", "en"] as const) {
  describe(`CSV round trip (${locale})`, () => {
    it("imports its own export back: same entries and tags in another team, nothing new in the same team", async () => {
      const user = await prisma.user.create({ data: { email: `csv-${randomUUID().slice(0, 8)}@example.test`, name: "Round Trip", passwordHash: "x" } });
      const source = await team(user.id);
      const today = todayIn(source.timeZone);
      const { activities } = await createActivities(source, [
        { text: "回复社区帖子32条，整理用户反馈", date: addDays(today, -1), minutes: 45 },
        { text: "Ran the Tuesday live class, with 140 attendees", date: today, minutes: 90 },
        { text: "=SUM(A1) looked like a formula, \"quoted\" too", date: today },
        { text: "回复社区帖子32条，整理用户反馈", date: addDays(today, -1), minutes: 45 },
      ]);
      // A person's correction: the re-imported entry must keep it, not be re-tagged by the engine.
      const corrected = activities[1]!;
      const otherRole = corrected.role === "marketing" ? "content" : "marketing";
      await updateActivity(source, corrected.id, { version: corrected.version, role: otherRole, stage: "referral" });
      const file = await exported(source, locale);
      const text = new TextDecoder().decode(file);
      assert.ok(text.includes(translate(locale, "csv.header.member_email")), "headers follow the UI language");
      assert.ok(text.includes(translate(locale, `taxonomy.roles.${otherRole}`)), "role names follow the UI language");

      const preview = await analyseImport(source, file, locale);
      assert.deepEqual(preview.errors, []);
      assert.equal(preview.rows.length, 4);

      const again = await commitImport(source, file, locale);
      assert.deepEqual({ created: again.created, skipped: again.skipped }, { created: 0, skipped: 4 });

      const copy = await team(user.id);
      const first = await commitImport(copy, file, locale);
      assert.deepEqual(first.errors, []);
      assert.equal(first.created, 4);
      assert.deepEqual(await entries(copy.teamId), await entries(source.teamId));
      const kept = await prisma.activity.findFirstOrThrow({ where: { teamId: copy.teamId, text: corrected.text } });
      assert.deepEqual([kept.role, kept.stage, kept.tagSource], [otherRole, "referral", "corrected"]);
      const second = await commitImport(copy, file, locale);
      assert.deepEqual({ created: second.created, skipped: second.skipped }, { created: 0, skipped: 4 });
      assert.equal((await entries(copy.teamId)).length, 4);
    });
  });
}

describe("CSV import errors", () => {
  it("name the offending value, and a shifted row is called shifted", async () => {
    const email = `csv-${randomUUID().slice(0, 8)}@example.test`;
    const user = await prisma.user.create({ data: { email, name: "Errors", passwordHash: "x" } });
    const access = await team(user.id);
    const today = todayIn(access.timeZone);
    const file = [
      "日期,成员邮箱,内容,分钟",
      `${today},${email},回复社区帖子,30`,
      `2026/13/45,${email},回复社区帖子,30`,
      `${today},${email},回复社区帖子,半小时`,
      `${today},${email},回复社区帖子, 整理反馈,30`,
      `${today},${email},"回复社区帖子, 整理反馈",30`,
    ].join("\n");
    const message = async (locale: Locale) => {
      const result = await analyseImport(access, new TextEncoder().encode(file), locale);
      return result.errors.map((e) => `${translate(locale, "csv.line", { line: e.line })}${translate(locale, e.messageKey, e.values)}`);
    };
    const zh = await message("zh-CN");
    assert.equal(zh.length, 3);
    assert.match(zh[0]!, /^第 3 行：日期 2026\/13\/45 无效/);
    assert.match(zh[1]!, /^第 4 行：分钟 半小时/);
    assert.match(zh[2]!, /^第 5 行：这一行有 5 列，表头只有 4 列/);
    const en = await message("en");
    assert.match(en[0]!, /^Line 3: date “2026\/13\/45” is not a valid date/);
    assert.match(en[2]!, /^Line 5: this row has 5 columns but the header has 4/);

    await assert.rejects(analyseImport(access, new TextEncoder().encode("when,who,what\n"), "zh-CN"), (error: { messageKey: string; details: { missing: string } }) => {
      assert.equal(error.messageKey, "csv.errors.header");
      assert.match(translate("zh-CN", error.messageKey, error.details), /缺少：日期（date）、成员邮箱（email）、内容（text）/);
      return true;
    });
    const badRole = `date,email,text,role,stage\n${today},${email},回复社区帖子,Sales,retention\n`;
    const roleError = (await analyseImport(access, new TextEncoder().encode(badRole), "en")).errors[0]!;
    assert.match(translate("en", roleError.messageKey, roleError.values), /role “Sales” is not an ops role/);
  });
});
