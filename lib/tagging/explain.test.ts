import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getBaseModel } from ".";
import { isWholeWords, chineseWords } from "./zh-words";

const cuesOf = (text: string) => {
  const { explanation } = getBaseModel().classify(text);
  return [...explanation.roleCues, ...explanation.stageCues].map((c) => c.cue);
};

describe("explanations show whole words", () => {
  it("shows 知乎 as a cue, never a fragment across a word boundary such as 在知 or 乎上", () => {
    const cues = cuesOf("在知乎上回答了5个问题");
    assert.ok(cues.includes("知乎"), `cues: ${cues.join(", ")}`);
    for (const fragment of ["在知", "乎上", "在知乎", "答了", "了5", "5"]) assert.ok(!cues.includes(fragment), `cue ${fragment}`);
  });

  it("never shows a number or an English function word as a cue", () => {
    const texts = [
      "Posted a thread on each channel for who joined this week",
      "Replied to the users who asked about each plan, then followed up with the ones that churned",
      "私域社群拉新100人",
      "今天在小红书发了3篇笔记",
      "Called 12 customers who haven't booked since winter, we've sent w/ a code",
      "Done: didn't get to the partner QBRs, mostly over the dispute between two sellers",
      "负责社区相关的用户管理，能够及时回复各种问题",
      "今天完成了公众号推文，并且已经开始下周的选题",
    ];
    for (const text of texts) {
      for (const cue of cuesOf(text)) {
        assert.ok(!/^\d+$/.test(cue), `number cue ${cue} in ${text}`);
        assert.ok(![
          "who", "each", "the", "a", "for", "on", "this", "which", "then", "t", "haven", "ve", "w", "didn", "done", "mostly",
          "over", "between", "since", "负责", "相关", "能够", "各种", "今天", "完成", "并且", "已经", "开始", "下周", "及时",
        ].includes(cue.toLowerCase()), `cue ${cue} in ${text}`);
      }
    }
  });

  it("never shows a dictionary word that the entry's own words cut through", () => {
    const cases: [string, string[], string[]][] = [
      // text, cues that must not appear, words of which at least one must appear
      ["在知乎回答了3个问题，引流到公众号", ["流到", "公众", "众号"], ["公众号", "引流"]],
      ["跟进老用户续费，电话回访了20位会员", ["用户"], ["老用户", "续费", "回访", "电话回访"]],
    ];
    for (const [text, never, some] of cases) {
      const cues = cuesOf(text);
      for (const fragment of never) assert.ok(!cues.includes(fragment), `cue ${fragment} in ${text}: ${cues.join(", ")}`);
      assert.ok(some.some((w) => cues.includes(w)), `cues of ${text}: ${cues.join(", ")}`);
    }
  });

  it("a function word cuts the n-grams that cross it, and a stray Chinese character never rides along with an English word", () => {
    const cases: [string, string[], string[]][] = [
      // text, cues that must not appear, words of which at least one must appear
      // 完成 is never shown, but it is a word: 成对 ("in pairs") in 完成对 is not.
      ["完成对投稿素材质量的把控", ["成对", "完成"], ["投稿", "素材", "质量"]],
      ["协助小组完成对素材质量的把控", ["成对", "协助"], ["素材", "质量"]],
      // ...but a function word that the words on both sides of it cross is none: 下发 and 行业 stay.
      ["统一下发活动物料给各地社群群主", ["一下"], ["下发"]],
      ["整理先进行业案例写成公众号推文", ["进行"], ["行业"]],
      // "的 issue", "issue 或": the particle and the conjunction are no part of the cue; "Q群" is written as one word.
      ["跟进用户提的 issue 或者 PR", ["的 issue", "issue 或", "的"], ["issue", "跟进"]],
      ["回复社区里的 issue 并关闭", ["的 issue", "里的 issue"], ["issue", "回复", "社区"]],
      ["管理Q群，提高群成员活跃度", [], ["Q群"]],
      // 负责 (never shown) still cuts 责SEO.
      ["负责SEO、SEM投放数据分析", ["责SEO", "负责"], ["SEO", "SEM", "投放"]],
      ["论坛精华帖置顶那种东西", ["东西"], ["论坛", "精华帖"]],
      // Words led or closed by a function word show as the other word alone.
      ["负责活动数据分析，对社群运营产生的数据进行分析", ["负责活动", "进行分析", "负责"], ["活动", "数据分析", "社群运营"]],
      ["最后完成活动的总结报道，可以加入招募义工内容", ["完成活动", "可以加入", "完成"], ["活动", "加入", "总结"]],
    ];
    for (const [text, never, some] of cases) {
      const cues = cuesOf(text);
      for (const fragment of never) assert.ok(!cues.includes(fragment), `cue ${fragment} in ${text}: ${cues.join(", ")}`);
      assert.ok(some.some((w) => cues.includes(w)), `cues of ${text}: ${cues.join(", ")}`);
    }
  });

  it("never shows a lone English function word, even one a taxonomy cue reduces to (how-to → how)", () => {
    for (const text of [
      "Wrote a blog post about how we onboard new contributors to the project",
      "Replied to everyone in the Discord help channel and pinned the FAQ",
      "Set up the newsletter for our existing users about the new feature",
      "I reply to all the comments myself, going to hire a moderator",
    ]) {
      for (const cue of cuesOf(text)) {
        assert.ok(!["how", "up", "everyone", "about", "myself", "going"].includes(cue.toLowerCase()), `cue ${cue} in ${text}`);
      }
    }
  });

  it("accepts n-grams made of whole words and rejects ones that cut a word", () => {
    const words = chineseWords();
    assert.ok(isWholeWords("知乎", words));
    assert.ok(isWholeWords("私域社群", words));
    assert.ok(!isWholeWords("在知", words));
    assert.ok(!isWholeWords("在知乎", words));
  });
});
