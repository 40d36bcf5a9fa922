import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildTeamModel, getBaseModel, type LabelledExample } from ".";

const CORRECTION: LabelledExample = { text: "在抖音直播带课,在线800人", role: "activity", stage: "activation" };
const FOLLOW_UP = "抖音直播带课第二场,在线900人";

describe("learning from corrections", () => {
  it("a correction changes the next similar entry's tag for that team only", () => {
    const base = getBaseModel();
    const before = base.classify(FOLLOW_UP);
    assert.equal(before.role, "new_media");
    const team = base.fork();
    team.learn(CORRECTION);
    const after = team.classify(FOLLOW_UP);
    assert.equal(after.role, "activity");
    assert.equal(after.explanation.nearest?.source, "team");
    assert.equal(after.explanation.nearest?.text, CORRECTION.text);
    // The base and a fresh fork still say what the base says.
    assert.deepEqual(base.classify(FOLLOW_UP), before);
    assert.deepEqual(base.fork().classify(FOLLOW_UP), before);
  });

  it("keeps teams apart: one team's corrections do not reach another team", () => {
    const teamA = getBaseModel().fork();
    const teamB = getBaseModel().fork();
    teamA.learn(CORRECTION);
    assert.equal(teamA.classify(FOLLOW_UP).role, "activity");
    assert.equal(teamB.classify(FOLLOW_UP).role, "new_media");
    // A fork of a team carries its corrections, and learning in the fork leaves the parent alone.
    const child = teamA.fork();
    assert.equal(child.classify(FOLLOW_UP).role, "activity");
    child.learn({ text: "抖音直播带课第三场,在线700人", role: "new_media", stage: "activation" });
    assert.equal(child.learnedCount(), 2);
    assert.equal(teamA.learnedCount(), 1);
  });

  it("does not forget unrelated entries after a correction", () => {
    const team = getBaseModel().fork();
    team.learn(CORRECTION);
    assert.equal(team.classify("抖音发布短视频3条,新增粉丝200").role, "new_media");
    assert.equal(team.classify("回复社区帖子32条").role, "community");
  });

  it("exports, rebuilds and resets learned examples", () => {
    const learned: LabelledExample[] = [
      CORRECTION,
      { text: "Weekly sync with the bootcamp partner about co-hosted workshops", role: "business", stage: "activation" },
    ];
    const team = buildTeamModel(learned);
    assert.equal(team.learnedCount(), 2);
    assert.deepEqual(team.learnedExamples(), learned);
    // Rebuilding from the exported examples gives the same model.
    const rebuilt = buildTeamModel(team.learnedExamples());
    assert.deepEqual(rebuilt.classify(FOLLOW_UP), team.classify(FOLLOW_UP));
    team.reset();
    assert.equal(team.learnedCount(), 0);
    assert.deepEqual(team.classify(FOLLOW_UP), getBaseModel().classify(FOLLOW_UP));
  });

  it("learns quickly and rejects malformed examples", () => {
    const team = getBaseModel().fork();
    team.learn(CORRECTION);
    const started = performance.now();
    for (let i = 0; i < 200; i++) team.learn({ text: `回复社区帖子${i}条,处理举报`, role: "community", stage: "retention" });
    assert.ok((performance.now() - started) / 200 < 5, "well under a few ms per learn()");
    assert.throws(() => team.learn({ text: "x", role: "boss", stage: "activation" } as unknown as LabelledExample), TypeError);
    team.learn({ text: "   ", role: "user", stage: "activation" });
    assert.equal(team.learnedCount(), 201);
  });

  it("the shared base model refuses to learn (teams learn into forks)", () => {
    assert.throws(() => getBaseModel().learn(CORRECTION));
  });
});
