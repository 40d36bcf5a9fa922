import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildModel, DEFAULT_REVIEW_THRESHOLD, getBaseModel, ROLE_KEYS, STAGE_KEYS, TAXONOMY, type TagResult } from ".";

const model = getBaseModel();

function assertWellFormed(result: TagResult) {
  assert.ok(ROLE_KEYS.includes(result.role));
  assert.ok(STAGE_KEYS.includes(result.stage));
  assert.ok(ROLE_KEYS.includes(result.runnerUp.role));
  assert.ok(STAGE_KEYS.includes(result.runnerUp.stage));
  for (const c of [result.confidence.role, result.confidence.stage]) assert.ok(c >= 0 && c <= 1, `confidence ${c}`);
  assert.equal(typeof result.needsReview, "boolean");
  // The explanation is stored in the database as JSON: it must survive a round trip unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(result.explanation)), result.explanation);
}

describe("classify", () => {
  it("tags Chinese entries by role and stage, with the cues behind the tag", () => {
    const result = model.classify("回复社区帖子32条");
    assertWellFormed(result);
    assert.equal(result.role, "community");
    assert.equal(result.stage, "activation");
    assert.notEqual(result.runnerUp.role, result.role);
    assert.ok(result.explanation.roleCues.some((c) => "回复社区帖子32条".includes(c.cue)));
    assert.ok(result.explanation.roleCues.every((c) => c.weight > 0));
    assert.ok(result.explanation.nearest, "a similar confirmed example is shown");
    assert.equal(result.explanation.nearest?.source, "bank");
  });

  it("tags English entries", () => {
    const result = model.classify("Ran the Tuesday live class, 140 attendees");
    assertWellFormed(result);
    assert.equal(result.role, "activity");
    assert.equal(result.stage, "activation");
    const ads = model.classify("Raised Google Ads bids on brand keywords, CPC down 8%");
    assert.equal(ads.role, "marketing");
    assert.equal(ads.stage, "acquisition");
  });

  it("tags mixed Chinese and English, full-width characters and typos", () => {
    assertWellFormed(model.classify("在LinkedIn发了3条post,涨粉120"));
    assert.equal(model.classify("在LinkedIn发了3条post,涨粉120").role, "new_media");
    assert.equal(model.classify("ＳＥＭ账户调价,ＣＰＣ降了１０％").role, "marketing");
    assert.equal(model.classify("Replyed to 30 forum thredas").role, "community");
  });

  it("does not crash on empty, whitespace or emoji-only text, and flags it for review", () => {
    for (const text of ["", "   \n\t", "🎉🔥👍", "😀".repeat(50), "!!!???", "12345"]) {
      const result = model.classify(text);
      assertWellFormed(result);
      assert.equal(result.needsReview, true, JSON.stringify(text));
      assert.ok(result.confidence.role < 0.6 && result.confidence.stage < 0.6, JSON.stringify(text));
    }
  });

  it("handles very long entries", () => {
    const long = "回复社区帖子,处理举报。Replied to forum threads. 🎉 ".repeat(300).slice(0, 10_000);
    assert.equal(long.length, 10_000);
    const started = performance.now();
    const result = model.classify(long);
    assert.ok(performance.now() - started < 500);
    assertWellFormed(result);
    assert.equal(result.role, "community");
    assert.ok(result.explanation.roleCues.length <= 4);
    // A team can learn such an entry too, and still tag it and others afterwards.
    const team = model.fork();
    team.learn({ text: long, role: "community", stage: "retention" });
    assert.equal(team.classify(long).stage, "retention");
    assertWellFormed(team.classify("Replied to forum threads"));
  });

  it("flags entries below the review threshold", () => {
    const text = "整理了一下资料";
    assert.equal(model.classify(text, { reviewThreshold: 1 }).needsReview, true);
    assert.equal(model.classify("回复社区帖子32条", { reviewThreshold: 0 }).needsReview, false);
    const uncertain = model.classify(text);
    assert.equal(uncertain.needsReview, Math.min(uncertain.confidence.role, uncertain.confidence.stage) < DEFAULT_REVIEW_THRESHOLD);
  });

  it("is deterministic: same input and training examples give the same output", () => {
    const texts = ["公众号推文阅读量3000", "Triaged 20 bug reports", "拉新活动复盘 + 邀请返现"];
    const first = texts.map((t) => model.classify(t));
    const again = texts.map((t) => model.classify(t));
    assert.deepEqual(again, first);
    const examples = TAXONOMY.canonicalExamples;
    const a = buildModel(examples);
    const b = buildModel(examples);
    assert.deepEqual(texts.map((t) => b.classify(t)), texts.map((t) => a.classify(t)));
  });

  it("leans the stage towards the stage of the most similar training examples (neighbour vote)", () => {
    const examples = [
      ...TAXONOMY.canonicalExamples,
      { text: "Posted the meetup recap and photos to our forum", role: "community" as const, stage: "retention" as const },
      { text: "Posted the meetup recap thread on our forum", role: "community" as const, stage: "retention" as const },
    ];
    const without = buildModel(examples, { build: { neighbourWeight: 0 } });
    const withVote = buildModel(examples);
    const text = "Posted the meetup recap and photos on our forum";
    const stageShare = (m: typeof without) => {
      const r = m.classify(text);
      return r.stage === "retention" ? r.confidence.stage : 1 - r.confidence.stage;
    };
    assert.ok(stageShare(withVote) > stageShare(without), `${stageShare(withVote)} vs ${stageShare(without)}`);
    // An entry with nothing in common with the bank gets no vote: the same answer either way.
    assert.deepEqual(withVote.classify("🎉🔥"), without.classify("🎉🔥"));
  });

  it("states the taxonomy version it was built on", () => {
    assert.equal(model.taxonomyVersion, TAXONOMY.version);
  });
});
