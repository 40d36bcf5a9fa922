// The working calendar's arithmetic, and the coverage grid against direct SQL over seeded entries: who logged on
// which working day, streaks, "has not logged since", and a member seeing only their own row.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { Forbidden, Invalid } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess } from "@/lib/teams/access";
import { DEFAULT_CALENDAR, isWorkingDay, loggingStreak, parseCalendarInput, workingDaysBetween } from "./calendar";
import { getCoverage } from "./coverage";
import { getTeamCalendar, setTeamCalendar } from "./settings";

describe("working calendar", () => {
  it("counts working days without weekends and holidays", () => {
    const calendar = { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-02"] };
    assert.deepEqual(workingDaysBetween(calendar, "2026-11-30", "2026-12-06"), ["2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04"]);
    assert.equal(isWorkingDay(DEFAULT_CALENDAR, "2026-12-06"), false);
    assert.equal(isWorkingDay({ workingDays: [1, 2, 3, 4, 5, 6], holidays: [] }, "2026-12-05"), true);
  });

  it("streaks skip weekends and holidays, and an empty today does not break them", () => {
    const logged = new Set(["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-03"]);
    const calendar = { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-02"] };
    assert.equal(loggingStreak(calendar, logged, "2026-12-04", "2026-06-01"), 4);
    assert.equal(loggingStreak(calendar, new Set([...logged, "2026-12-04"]), "2026-12-04", "2026-06-01"), 5);
    assert.equal(loggingStreak(DEFAULT_CALENDAR, logged, "2026-12-04", "2026-06-01"), 1);
  });

  it("parses the settings form and refuses what it cannot use, in both languages", () => {
    assert.deepEqual(parseCalendarInput(["5", "1", "1"], "2026-10-02，2026-10-01\n 2026-10-01"), { workingDays: [1, 5], holidays: ["2026-10-01", "2026-10-02"] });
    assert.throws(() => parseCalendarInput([], ""), (e: Invalid) => e.messageKey === "rhythm.errors.noWorkingDays");
    assert.throws(() => parseCalendarInput(["8"], ""), Invalid);
    assert.throws(() => parseCalendarInput(["1"], "2026-13-01"), (e: Invalid) => e.messageKey === "rhythm.errors.holidayInvalid" && e.details?.value === "2026-13-01");
  });
});

describe("coverage grid", () => {
  let database: { close(): Promise<void> };
  let manager: TeamAccess;
  let member: TeamAccess;
  let teamId: string;
  const NOW = new Date("2026-12-04T10:00:00Z"); // Friday in Asia/Shanghai

  before(async () => {
    database = await openTestDatabase();
    const suffix = randomUUID().slice(0, 8);
    const team = await prisma.team.create({ data: { slug: `cov-${suffix}`, name: "Cov" }, select: { id: true, slug: true } });
    teamId = team.id;
    const [mgr, a, b] = await Promise.all(
      ["Manager", "Ann", "Ben"].map((name) => prisma.user.create({ data: { email: `${name}-${suffix}@example.test`, name, passwordHash: "x" }, select: { id: true } })),
    );
    await prisma.membership.createMany({
      data: [
        { teamId, userId: mgr!.id, role: "manager" },
        { teamId, userId: a!.id, role: "member" },
        { teamId, userId: b!.id, role: "member" },
      ],
    });
    const base = { slug: team.slug, name: "Cov", timeZone: "Asia/Shanghai" };
    manager = { ...base, teamId, role: "manager", userId: mgr!.id };
    member = { ...base, teamId, role: "member", userId: a!.id };
    // Ann logs every weekday of the last three weeks (twice on Mondays) and a Saturday; Ben stopped on 2026-11-25.
    const rows: { teamId: string; authorId: string; text: string; dateWorked: Date; deletedAt?: Date }[] = [];
    for (let d = Date.UTC(2026, 10, 16); d <= Date.UTC(2026, 11, 4); d += 86_400_000) {
      const day = new Date(d);
      const weekday = day.getUTCDay();
      if (weekday >= 1 && weekday <= 5) rows.push({ teamId, authorId: a!.id, text: "ann", dateWorked: day });
      if (weekday === 1) rows.push({ teamId, authorId: a!.id, text: "ann again", dateWorked: day });
      if (d <= Date.UTC(2026, 10, 25) && weekday >= 1 && weekday <= 5) rows.push({ teamId, authorId: b!.id, text: "ben", dateWorked: day });
    }
    rows.push({ teamId, authorId: a!.id, text: "ann saturday", dateWorked: new Date(Date.UTC(2026, 10, 28)) });
    rows.push({ teamId, authorId: b!.id, text: "ben deleted", dateWorked: new Date(Date.UTC(2026, 11, 3)), deletedAt: new Date() });
    await prisma.activity.createMany({ data: rows });
  });

  after(async () => {
    await database.close();
  });

  it("matches SQL per member and working day, with streaks and the last day logged", async () => {
    const coverage = await getCoverage(manager, NOW);
    assert.equal(coverage.today, "2026-12-04");
    assert.equal(coverage.from, "2026-11-09");
    assert.equal(coverage.days.length, 20);
    assert.ok(!coverage.days.includes("2026-11-28"), "weekends are not columns");
    for (const row of coverage.rows) {
      for (const [i, day] of coverage.days.entries()) {
        const [{ count }] = await prisma.$queryRawUnsafe<{ count: bigint }[]>(
          `SELECT count(*) AS count FROM "Activity" WHERE "teamId" = $1 AND "authorId" = $2 AND "dateWorked" = $3::date AND "deletedAt" IS NULL`,
          teamId,
          row.member.id,
          day,
        );
        assert.equal(row.counts[i], Number(count), `${row.member.name} ${day}`);
      }
    }
    const ann = coverage.rows.find((r) => r.member.name === "Ann")!;
    const ben = coverage.rows.find((r) => r.member.name === "Ben")!;
    const mgr = coverage.rows.find((r) => r.member.name === "Manager")!;
    assert.deepEqual([ann.loggedDays, ann.streak, ann.lastLogged, ann.behind], [15, 15, "2026-12-04", false]);
    assert.deepEqual([ben.loggedDays, ben.streak, ben.lastLogged, ben.behind], [8, 0, "2026-11-25", true]);
    assert.deepEqual([mgr.loggedDays, mgr.lastLogged, mgr.behind], [0, null, true]);
  });

  it("a streak longer than the grid is counted back to its first gap (a day whose only entry is deleted is a gap)", async () => {
    const dan = await prisma.user.create({ data: { email: `dan-${randomUUID().slice(0, 8)}@example.test`, name: "Dan", passwordHash: "x" }, select: { id: true } });
    await prisma.membership.create({ data: { teamId, userId: dan.id, role: "member" } });
    const entries = workingDaysBetween(DEFAULT_CALENDAR, "2026-10-05", "2026-12-03").map((day) => ({
      teamId,
      authorId: dan.id,
      text: "dan",
      dateWorked: new Date(`${day}T00:00:00Z`),
      deletedAt: day === "2026-10-14" ? new Date() : null,
    }));
    await prisma.activity.createMany({ data: entries });
    const row = (await getCoverage(manager, NOW)).rows.find((r) => r.member.name === "Dan")!;
    // Against the definition over direct SQL: consecutive working days logged back from today (an empty today aside).
    const days = await prisma.$queryRawUnsafe<{ day: string }[]>(
      `SELECT DISTINCT "dateWorked"::text AS day FROM "Activity" WHERE "teamId" = $1 AND "authorId" = $2 AND "deletedAt" IS NULL`,
      teamId,
      dan.id,
    );
    const expected = loggingStreak(DEFAULT_CALENDAR, new Set(days.map((d) => d.day)), "2026-12-04", "2026-06-05");
    assert.equal(expected, workingDaysBetween(DEFAULT_CALENDAR, "2026-10-15", "2026-12-03").length);
    assert.deepEqual([row.streak, row.streakCapped, row.lastLogged, row.behind], [expected, false, "2026-12-03", false]);
    await prisma.membership.deleteMany({ where: { teamId, userId: dan.id } });
  });

  it("follows the team's calendar: a holiday leaves the grid and keeps the streak", async () => {
    await assert.rejects(setTeamCalendar(member, { workingDays: [1], holidays: [] }), Forbidden);
    await setTeamCalendar(manager, { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-02"] });
    assert.deepEqual(await getTeamCalendar(teamId), { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-02"] });
    const coverage = await getCoverage(manager, NOW);
    assert.equal(coverage.days.length, 19);
    assert.ok(!coverage.days.includes("2026-12-02"));
  });

  it("a member who last logged before the streak look-back still shows that day (deleted entries aside)", async () => {
    const cat = await prisma.user.create({ data: { email: `cat-${randomUUID().slice(0, 8)}@example.test`, name: "Cat", passwordHash: "x" }, select: { id: true } });
    await prisma.membership.create({ data: { teamId, userId: cat.id, role: "member" } });
    await prisma.activity.createMany({
      data: [
        { teamId, authorId: cat.id, text: "cat long ago", dateWorked: new Date(Date.UTC(2026, 2, 2)) },
        { teamId, authorId: cat.id, text: "cat deleted", dateWorked: new Date(Date.UTC(2026, 3, 1)), deletedAt: new Date() },
      ],
    });
    const row = (await getCoverage(manager, NOW)).rows.find((r) => r.member.name === "Cat")!;
    assert.deepEqual([row.loggedDays, row.streak, row.lastLogged, row.behind], [0, 0, "2026-03-02", true]);
    await prisma.membership.deleteMany({ where: { teamId, userId: cat.id } });
  });

  it("a member sees only their own row", async () => {
    const coverage = await getCoverage(member, NOW);
    assert.deepEqual(coverage.rows.map((r) => r.member.name), ["Ann"]);
  });
});
