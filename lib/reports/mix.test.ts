import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EffortRow } from "./effort";
import { emptyWeeks, findCallouts, heatmapCells, mixBy, mixGaps, sharesFromPercents, trendSeries, QUIET_MIN_HISTORY_WEEKS } from "./mix";
import { presetRange, resolveRange, trendWeeks } from "./range";
import { dashboardSearch, parseDashboardQuery, parseDashboardQueryLenient } from "./filters";

const row = (fields: Partial<EffortRow>): EffortRow => ({ count: 0, minutes: 0, reviewCount: 0, timedCount: 0, ...fields });

describe("date ranges", () => {
  it("weeks start on Monday and presets follow the team's today", () => {
    assert.deepEqual(presetRange("this-week", "2025-03-05"), { from: "2025-03-03", to: "2025-03-09", preset: "this-week" });
    assert.deepEqual(presetRange("this-week", "2025-03-09"), { from: "2025-03-03", to: "2025-03-09", preset: "this-week" });
    assert.deepEqual(presetRange("last-week", "2025-03-03"), { from: "2025-02-24", to: "2025-03-02", preset: "last-week" });
    assert.deepEqual(presetRange("this-month", "2024-02-10"), { from: "2024-02-01", to: "2024-02-29", preset: "this-month" });
    assert.deepEqual(presetRange("last-month", "2025-01-15"), { from: "2024-12-01", to: "2024-12-31", preset: "last-month" });
    assert.equal(presetRange("last-12-weeks", "2025-03-05").from, "2024-12-16");
  });
  it("a named preset wins over stale dates; custom dates are validated", () => {
    assert.equal(resolveRange({ range: "last-week", from: "2020-01-01" }, "2025-03-05").from, "2025-02-24");
    assert.deepEqual(resolveRange({ range: "custom", from: "2025-01-01", to: "2025-01-31" }, "2025-03-05"), { from: "2025-01-01", to: "2025-01-31", preset: null });
    assert.throws(() => resolveRange({ from: "2025-02-30" }, "2025-03-05"), { messageKey: "errors.dateInvalid" } as object);
    assert.throws(() => resolveRange({ from: "2025-03-05", to: "2025-03-01" }, "2025-03-05"), { messageKey: "dashboard.errors.rangeReversed" } as object);
    assert.throws(() => resolveRange({ from: "2015-01-01", to: "2025-01-01" }, "2025-03-05"), { messageKey: "dashboard.errors.rangeTooLong" } as object);
    assert.throws(() => resolveRange({ range: "forever" }, "2025-03-05"), { messageKey: "dashboard.errors.rangeInvalid" } as object);
  });
  it("the trend window is 12 Mondays ending with the week of the range's end", () => {
    const weeks = trendWeeks("2025-03-05");
    assert.equal(weeks.length, 12);
    assert.equal(weeks[11], "2025-03-03");
    assert.equal(weeks[0], "2024-12-16");
  });
  it("URL state round-trips and stays short", () => {
    const query = parseDashboardQuery(new URLSearchParams("range=last-4-weeks&measure=minutes&view=table&trend=stage"), "2025-03-05");
    assert.equal(dashboardSearch(query), "?range=last-4-weeks&measure=minutes&view=table&trend=stage");
    assert.equal(dashboardSearch(parseDashboardQuery(new URLSearchParams(""), "2025-03-05")), "");
    assert.throws(() => parseDashboardQuery(new URLSearchParams("measure=hours"), "2025-03-05"));
  });
  it("a bad value anywhere in the URL falls back to the defaults with the error, keeping a good member filter", () => {
    const { query, error } = parseDashboardQueryLenient(new URLSearchParams("from=a\u0000b&member=someone@example.test"), "2025-03-05");
    assert.equal(error?.code, "invalid");
    assert.deepEqual([query.range.preset, query.member], ["this-week", "someone@example.test"]);
    assert.equal(parseDashboardQueryLenient({ member: "x\u0000", measure: "hours" }, "2025-03-05").query.member, null);
  });
});

describe("effort mix", () => {
  const cells = [
    row({ role: "content", stage: "activation", count: 6, minutes: 300 }),
    row({ role: "user", stage: "retention", count: 3, minutes: 60 }),
    row({ role: "user", stage: "activation", count: 1, minutes: 0 }),
    row({ role: null, stage: null, count: 2, minutes: 30 }),
  ];
  it("shares leave untagged entries out and follow the measure", () => {
    const byRole = mixBy(cells, "role", "count");
    assert.equal(byRole.length, 8);
    assert.equal(byRole.find((e) => e.key === "content")!.share, 0.6);
    assert.equal(byRole.find((e) => e.key === "user")!.count, 4);
    assert.equal(mixBy(cells, "role", "minutes").find((e) => e.key === "content")!.share, 300 / 360);
  });
  it("gaps come largest first, negative meaning starved", () => {
    const mixes = { role: mixBy(cells, "role", "count"), stage: mixBy(cells, "stage", "count") };
    const gaps = mixGaps(mixes, { role: null, stage: { activation: 0.3, retention: 0.3, referral: 0.4 } });
    assert.equal(gaps.length, 5);
    // Equal gaps: the starved one first.
    assert.deepEqual([gaps[0]!.key, Math.round(gaps[0]!.gap * 100)], ["referral", -40]);
    assert.deepEqual([gaps[1]!.key, Math.round(gaps[1]!.gap * 100)], ["activation", 40]);
  });
  it("target percentages must add up to 100 (with half a point of slack)", () => {
    assert.deepEqual(sharesFromPercents({ acquisition: 40, connection: 10, activation: 20, retention: 20, referral: 10 }, "stage"), {
      acquisition: 0.4, connection: 0.1, activation: 0.2, retention: 0.2, referral: 0.1,
    });
    assert.deepEqual(sharesFromPercents({ acquisition: 50, activation: 40 }, "stage"), { error: "sum", sum: 90 });
    assert.deepEqual(sharesFromPercents({ acquisition: 120 }, "stage"), { error: "range", sum: 0 });
    const thirds = sharesFromPercents({ acquisition: 33.3, activation: 33.3, retention: 33.3 }, "stage") as Record<string, number>;
    assert.ok(Math.abs(Object.values(thirds).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });
});

describe("empty and thin cells", () => {
  const weekly = [
    row({ week: "2025-02-10", role: "user", stage: "referral", count: 2 }),
    row({ week: "2025-02-17", role: "user", stage: "referral", count: 1 }),
    row({ week: "2025-02-24", role: "content", stage: "activation", count: 5 }),
    row({ week: "2025-03-03", role: "content", stage: "activation", count: 60 }),
    row({ week: "2025-03-03", role: "user", stage: "retention", count: 1 }),
  ];
  const range = { from: "2025-03-03", to: "2025-03-09" };
  const cells = [row({ role: "content", stage: "activation", count: 60 }), row({ role: "user", stage: "retention", count: 1 })];

  it("counts the weeks since something last had work", () => {
    assert.equal(emptyWeeks(["2025-02-10", "2025-02-17"], "2025-03-05"), 2);
    assert.equal(emptyWeeks(["2025-03-03"], "2025-03-05"), 0);
    assert.equal(emptyWeeks([], "2025-03-05"), null);
  });
  it("calls out a funnel stage with no work, and for how long", () => {
    const mixes = { role: mixBy(cells, "role", "count"), stage: mixBy(cells, "stage", "count") };
    const callouts = findCallouts({ range, measure: "count", mixes, cells, weekly, historyWeeks: 12, targets: { role: null, stage: null } });
    const referral = callouts.find((c) => c.kind === "empty" && c.stage === "referral");
    assert.deepEqual(referral, { kind: "empty", dimension: "stage", stage: "referral", weeks: 2 });
    assert.deepEqual(callouts.find((c) => c.kind === "empty" && c.stage === "acquisition")!.weeks, null);
    assert.ok(callouts.some((c) => c.kind === "thin" && c.stage === "retention"));
    // Roles never worked on and without a target are not nagged about.
    assert.ok(!callouts.some((c) => c.dimension === "role" && c.role === "business"));
  });
  it("holds back 'went quiet' until the team has a few weeks of history", () => {
    const mixes = { role: mixBy(cells, "role", "count"), stage: mixBy(cells, "stage", "count") };
    const input = { range, measure: "count" as const, mixes, cells, weekly, targets: { role: null, stage: null } };
    const quietWith = (historyWeeks: number) => findCallouts({ ...input, historyWeeks }).filter((c) => c.kind === "quietCell");
    assert.deepEqual(quietWith(8).map((c) => `${c.role}:${c.stage}`), ["user:referral"]);
    assert.deepEqual(quietWith(QUIET_MIN_HISTORY_WEEKS - 1), []);
  });
  it("marks every heatmap cell as empty, thin or normal", () => {
    const grid = heatmapCells(cells, weekly, "count", range.to);
    assert.equal(grid.length, 40);
    assert.equal(grid.find((c) => c.role === "content" && c.stage === "activation")!.state, "normal");
    assert.equal(grid.find((c) => c.role === "user" && c.stage === "retention")!.state, "thin");
    const referral = grid.find((c) => c.role === "user" && c.stage === "referral")!;
    assert.deepEqual([referral.state, referral.weeks], ["empty", 2]);
  });
  it("the trend has every week of the window, zeros included", () => {
    const points = trendSeries(weekly, trendWeeks(range.to), "stage", "count");
    assert.equal(points.length, 12);
    assert.equal(points[11]!.total, 61);
    assert.equal(points[11]!.values.activation, 60);
    assert.equal(points[0]!.total, 0);
  });
});
