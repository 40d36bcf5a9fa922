// Schedule math: wall-clock times in the team's zone (with and without daylight saving), working days and holidays.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_CALENDAR } from "@/lib/rhythm/calendar";
import { dueJobs, nextRuns, wallClock, zonedInstant, type RhythmScheduleSettings } from "./schedule";

const ON: RhythmScheduleSettings = { reminderEnabled: true, reminderTime: "17:30", digestEnabled: true, digestWeekday: 1, digestTime: "09:00" };

describe("schedule math", () => {
  it("turns a team's wall-clock time into the right instant, in zones with and without daylight saving", () => {
    assert.equal(zonedInstant("2026-12-07", "17:30", "Asia/Shanghai").toISOString(), "2026-12-07T09:30:00.000Z");
    assert.equal(zonedInstant("2026-12-07", "09:00", "America/New_York").toISOString(), "2026-12-07T14:00:00.000Z");
    assert.equal(zonedInstant("2026-07-06", "09:00", "America/New_York").toISOString(), "2026-07-06T13:00:00.000Z", "summer time");
    assert.equal(zonedInstant("2026-12-07", "09:00", "Asia/Kolkata").toISOString(), "2026-12-07T03:30:00.000Z", "half-hour zone");
    // 02:30 does not exist in New York on 2026-03-08 (clocks jump from 02:00 to 03:00): it runs at 03:30 local.
    assert.deepEqual(wallClock("America/New_York", zonedInstant("2026-03-08", "02:30", "America/New_York")), { date: "2026-03-08", minutes: 3 * 60 + 30 });
  });

  it("is due from the reminder time on a working day, in the team's zone, not before and not on weekends or holidays", () => {
    const calendar = { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-08"] };
    // 09:29 UTC is 17:29 in Shanghai: not yet. 09:30 UTC: due, for the Shanghai date.
    assert.deepEqual(dueJobs("t1", ON, calendar, "Asia/Shanghai", new Date("2026-12-07T09:29:00Z")).map((d) => d.kind), ["digest"], "Monday: only the 09:00 digest so far");
    const due = dueJobs("t1", ON, calendar, "Asia/Shanghai", new Date("2026-12-07T09:30:00Z"));
    assert.deepEqual(due.map((d) => [d.kind, d.key, d.runAt.toISOString()]), [
      ["reminder", "reminder:t1:2026-12-07", "2026-12-07T09:30:00.000Z"],
      ["digest", "digest:t1:2026-W49", "2026-12-07T01:00:00.000Z"],
    ]);
    // Late in the evening (23:59 local) it is still today's reminder; after midnight it is not (the next day's waits).
    assert.equal(dueJobs("t1", ON, calendar, "Asia/Shanghai", new Date("2026-12-07T15:59:00Z"))[0]!.period, "2026-12-07");
    assert.deepEqual(dueJobs("t1", ON, calendar, "Asia/Shanghai", new Date("2026-12-07T16:01:00Z")), []);
    assert.deepEqual(dueJobs("t1", ON, calendar, "Asia/Shanghai", new Date("2026-12-08T10:00:00Z")), [], "a holiday");
    assert.deepEqual(dueJobs("t1", ON, calendar, "Asia/Shanghai", new Date("2026-12-12T10:00:00Z")), [], "a Saturday");
    assert.equal(dueJobs("t1", ON, { workingDays: [6], holidays: [] }, "Asia/Shanghai", new Date("2026-12-12T10:00:00Z"))[0]!.period, "2026-12-12", "a team that works Saturdays");
  });

  it("uses the team's date, not the server's: 17:30 in New York is already tomorrow in UTC", () => {
    const due = dueJobs("t2", { ...ON, digestEnabled: false }, DEFAULT_CALENDAR, "America/New_York", new Date("2026-12-04T22:31:00Z"));
    assert.deepEqual(due.map((d) => d.key), ["reminder:t2:2026-12-04"]);
    assert.deepEqual(dueJobs("t2", ON, DEFAULT_CALENDAR, "America/New_York", new Date("2026-12-05T14:31:00Z")), [], "Saturday in New York");
  });

  it("the digest covers last week, on its weekday, and nothing when switched off", () => {
    const monday = new Date("2026-01-05T01:00:00Z"); // Monday 09:00 in Shanghai, first week of 2026
    assert.deepEqual(dueJobs("t3", { ...ON, reminderEnabled: false }, DEFAULT_CALENDAR, "Asia/Shanghai", monday).map((d) => d.key), ["digest:t3:2026-W01"]);
    assert.deepEqual(dueJobs("t3", { ...ON, reminderEnabled: false, digestWeekday: 5 }, DEFAULT_CALENDAR, "Asia/Shanghai", monday), []);
    assert.deepEqual(dueJobs("t3", { ...ON, reminderEnabled: false, digestEnabled: false }, DEFAULT_CALENDAR, "Asia/Shanghai", monday), []);
  });

  it("names the next runs, skipping weekends and holidays", () => {
    const friday = new Date("2026-12-04T10:00:00Z"); // Friday 18:00 in Shanghai: today's reminder has gone
    const next = nextRuns(ON, { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-07"] }, "Asia/Shanghai", friday);
    assert.equal(next.reminder?.toISOString(), "2026-12-08T09:30:00.000Z");
    assert.equal(next.digest?.toISOString(), "2026-12-07T01:00:00.000Z");
    assert.deepEqual(nextRuns({ ...ON, reminderEnabled: false, digestEnabled: false }, DEFAULT_CALENDAR, "Asia/Shanghai", friday), { reminder: null, digest: null });
  });
});
