import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseLogLine, splitPastedLines } from "./parse-line";

const TODAY = "2026-11-25";

describe("parseLogLine", () => {
  it("keeps counts that belong to the work", () => {
    assert.deepEqual(parseLogLine("回复社区帖子32条", TODAY), { text: "回复社区帖子32条", minutes: null, date: null });
  });
  it("reads English durations and strips them", () => {
    assert.deepEqual(parseLogLine("Ran the Tuesday live class 2h", TODAY), { text: "Ran the Tuesday live class", minutes: 120, date: null });
    assert.equal(parseLogLine("Edited 3 posts, 45m", TODAY).minutes, 45);
    assert.equal(parseLogLine("Edited 3 posts, 45m", TODAY).text, "Edited 3 posts");
  });
  it("reads Chinese durations, including decimals and 半小时", () => {
    assert.deepEqual(parseLogLine("写公众号推文 1.5小时", TODAY), { text: "写公众号推文", minutes: 90, date: null });
    assert.equal(parseLogLine("整理用户反馈30分钟", TODAY).minutes, 30);
    assert.equal(parseLogLine("会员群答疑半小时", TODAY).minutes, 30);
  });
  it("reads relative and calendar dates", () => {
    assert.equal(parseLogLine("昨天 回复社区帖子20条", TODAY).date, "2026-11-24");
    assert.equal(parseLogLine("昨天 回复社区帖子20条", TODAY).text, "回复社区帖子20条");
    assert.equal(parseLogLine("yesterday: called 5 churned members", TODAY).date, "2026-11-24");
    assert.equal(parseLogLine("11/20 直播课复盘", TODAY).date, "2026-11-20");
    assert.equal(parseLogLine("11/20 直播课复盘", TODAY).text, "直播课复盘");
    assert.equal(parseLogLine("11月3日 写招生文案", TODAY).date, "2026-11-03");
    assert.equal(parseLogLine("2026-10-01 planned the holiday campaign", TODAY).date, "2026-10-01");
  });
  it("places a month/day after today in the previous year", () => {
    assert.equal(parseLogLine("12/30 年终总结帖", TODAY).date, "2025-12-30");
  });
  it("ignores impossible dates and keeps the text whole", () => {
    const parsed = parseLogLine("13/45 something", TODAY);
    assert.equal(parsed.date, null);
    assert.equal(parsed.text, "13/45 something");
  });
  it("never returns empty text when the line is only a hint", () => {
    assert.equal(parseLogLine("2h", TODAY).text, "2h");
  });
});

describe("splitPastedLines", () => {
  it("splits lines, drops blanks and bullets", () => {
    assert.deepEqual(splitPastedLines("- 回复帖子\r\n\n2. Ran a webinar\n•  写周报 \n"), ["回复帖子", "Ran a webinar", "写周报"]);
  });
});
