// The validators every entry passes (UI, API, CSV import, CLI), fed with anything at all: each either returns a
// value that meets the rules or throws a translated Invalid, and never anything else.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DomainError, Invalid } from "@/lib/errors";
import { parseDashboardQuery } from "@/lib/reports/filters";
import { parseEffortRequest } from "@/lib/reports/effort-report";
import { parseActivityFilters } from "./queries";
import { addDays, isIsoDate, MINUTES_MAX, normaliseActivityText, normaliseDateWorked, normaliseMinutes, TEXT_MAX, todayIn } from "./rules";

const RUNS = Number(process.env.OPSMIX_FUZZ_RUNS ?? 2000);

const nasty = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true }),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme", maxLength: 3000 }),
  fc.constantFrom("\u0000", "a\u0000b", "\u202e回复\u202c", "👩‍👩‍👧‍👦", "__proto__", "\u200b\u200b", " \n\t ", "9999-12-31", "0000-01-01", "2026-02-29", "-1", "1e309", "NaN"),
  fc.double(),
  fc.integer(),
);

/** Runs `fn`; an Invalid (or another domain error) is a proper refusal, anything else thrown is a bug. */
function refusesCleanly<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `threw ${String(error)}`);
    return null;
  }
}

describe("activity rules under any input", () => {
  it("text is NFC, single-spaced, free of control characters, 1–2000 characters with a word in it", () => {
    fc.assert(
      fc.property(nasty, (raw) => {
        const text = refusesCleanly(() => normaliseActivityText(raw));
        if (text === null) return;
        assert.ok(text.length >= 1 && text.length <= TEXT_MAX);
        assert.equal(text, text.normalize("NFC"));
        assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/.test(text));
        assert.equal(text, text.trim());
        assert.ok(!/\s\s/.test(text));
      }),
      { numRuns: RUNS },
    );
  });

  it("minutes are a whole number from 1 to 1440, or none", () => {
    fc.assert(
      fc.property(nasty, (raw) => {
        const minutes = refusesCleanly(() => normaliseMinutes(raw));
        if (minutes === null) return;
        assert.ok(Number.isInteger(minutes) && minutes >= 1 && minutes <= MINUTES_MAX);
      }),
      { numRuns: RUNS },
    );
  });

  it("dates worked are real calendar dates between five years back and tomorrow", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const dates = fc.oneof(nasty, fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    fc.assert(
      fc.property(dates, fc.constantFrom("Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati", "Not/AZone"), (raw, zone) => {
        const date = refusesCleanly(() => normaliseDateWorked(raw, zone, now));
        if (date === null) return;
        const today = todayIn(zone, now);
        assert.ok(isIsoDate(date));
        assert.ok(date <= addDays(today, 1) && date >= addDays(today, -366 * 5), date);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("URL filters under any input", () => {
  const params = fc
    .dictionary(
      fc.constantFrom("from", "to", "member", "role", "stage", "q", "needsReview", "cursor", "limit", "range", "measure", "trend", "view", "groupBy", "__proto__"),
      fc.oneof(fc.string({ unit: "binary", maxLength: 50 }), fc.constantFrom("2026-11-01", "last-4-weeks", "custom", "role,stage", "community", "1", "0", "201", "%00", "\u0000")),
    )
    .map((entries) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(entries)) search.append(k, v);
      return search;
    });

  it("entry filters are valid or Invalid, never a filter that matches everything by accident", () => {
    fc.assert(
      fc.property(params, (search) => {
        const filters = refusesCleanly(() => parseActivityFilters(search));
        if (filters === null) return;
        for (const value of Object.values(filters)) assert.notEqual(value, undefined);
        if (filters.limit !== undefined) assert.ok(filters.limit >= 1 && filters.limit <= 200);
        if (filters.from) assert.ok(isIsoDate(filters.from));
        for (const value of Object.values(filters)) if (typeof value === "string") assert.ok(!value.includes("\u0000"));
      }),
      { numRuns: RUNS },
    );
  });

  it("dashboard and effort-report queries are valid or Invalid", () => {
    fc.assert(
      fc.property(params, (search) => {
        const query = refusesCleanly(() => parseDashboardQuery(search, "2026-11-25"));
        if (query) assert.ok(isIsoDate(query.range.from) && isIsoDate(query.range.to) && query.range.from <= query.range.to);
        const report = refusesCleanly(() => parseEffortRequest(search, "2026-11-25"));
        if (report) assert.ok(isIsoDate(report.range.from) && isIsoDate(report.range.to));
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses a NUL byte anywhere in a filter (PostgreSQL cannot store one)", () => {
    assert.throws(() => parseActivityFilters(new URLSearchParams({ q: "a\u0000" })), Invalid);
    assert.throws(() => parseActivityFilters(new URLSearchParams({ member: "\u0000" })), Invalid);
  });
});
