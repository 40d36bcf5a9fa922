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
  it("accepts full-width punctuation and a date first on the line with no separator", () => {
    assert.deepEqual(parseLogLine("\u6628\u5929\uFF0C\u6574\u7406\u672C\u5468\u7528\u6237\u53CD\u9988\uFF0C1\u5C0F\u65F6", TODAY), {
      text: "\u6574\u7406\u672C\u5468\u7528\u6237\u53CD\u9988",
      minutes: 60,
      date: "2026-11-24",
    });
    assert.deepEqual(parseLogLine("\u6628\u5929\u7ED9\u65B0\u7528\u6237\u6253\u56DE\u8BBF\u7535\u8BDD2\u5C0F\u65F6", TODAY), {
      text: "\u7ED9\u65B0\u7528\u6237\u6253\u56DE\u8BBF\u7535\u8BDD",
      minutes: 120,
      date: "2026-11-24",
    });
    assert.equal(parseLogLine("\u56DE\u590D\u793E\u533A\u5E16\u5B5020\u6761\uFF1B\u524D\u5929", TODAY).date, "2026-11-23");
    assert.equal(parseLogLine("\u56DE\u590D\u793E\u533A\u5E16\u5B5020\u6761\uFF1B\u524D\u5929", TODAY).text, "\u56DE\u590D\u793E\u533A\u5E16\u5B5020\u6761");
  });
  it("does not read the platform \u4ECA\u65E5\u5934\u6761 as a date", () => {
    assert.deepEqual(parseLogLine("\u4ECA\u65E5\u5934\u6761\u6295\u653E\u590D\u76D8", TODAY), {
      text: "\u4ECA\u65E5\u5934\u6761\u6295\u653E\u590D\u76D8",
      minutes: null,
      date: null,
    });
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
