import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLE_NEIGHBOURS, STAGE_NEIGHBOURS } from "@/lib/tagging/taxonomy";
import { buildFeedback, confusablePairs, differenceBetween } from "./feedback";

describe("differenceBetween", () => {
  it("explains a confusable pair from the right tag's side", () => {
    const diff = differenceBetween(ROLE_NEIGHBOURS, "community", "user");
    assert.equal(diff?.key, "community");
    assert.equal(diff?.unlike, "user");
    assert.match(diff!.differs.zh, /私聊|微信群/);
  });
  it("falls back to the picked tag's side when only that side lists the pair", () => {
    const listedOnlyOneWay = Object.entries(ROLE_NEIGHBOURS).flatMap(([key, neighbours]) =>
      neighbours.filter((n) => !ROLE_NEIGHBOURS[n.key].some((back) => back.key === key)).map((n) => ({ key, other: n.key })),
    );
    assert.ok(listedOnlyOneWay.length > 0, "the taxonomy has one-way pairs");
    const { key, other } = listedOnlyOneWay[0];
    const diff = differenceBetween(ROLE_NEIGHBOURS, other, key as never);
    assert.equal(diff?.key, key);
  });
  it("says nothing for the same tag or an unrelated pair", () => {
    assert.equal(differenceBetween(STAGE_NEIGHBOURS, "retention", "retention"), null);
    assert.equal(differenceBetween(ROLE_NEIGHBOURS, "business", "product"), null);
  });
});

describe("buildFeedback", () => {
  it("shows the right tags, positive cues only, and the manager's reason", () => {
    const feedback = buildFeedback({
      tier: "golden",
      expected: { role: "community", stage: "activation" },
      answered: { role: "new_media", stage: "activation" },
      engine: {
        role: "community",
        stage: "activation",
        explanation: { roleCues: [{ cue: "帖子", weight: 1.2 }, { cue: "公众号", weight: -0.4 }], stageCues: [{ cue: "回复", weight: 0.8 }] },
      },
      comment: "自己社区里的回复是社区运营",
    });
    assert.deepEqual(feedback.verdict, { roleOk: false, stageOk: true, correct: false });
    assert.deepEqual(feedback.cues, { role: ["帖子"], stage: ["回复"] });
    assert.equal(feedback.comment, "自己社区里的回复是社区运营");
    assert.equal(feedback.roleDifference?.unlike, "new_media");
    assert.equal(feedback.stageDifference, null);
  });
});

describe("confusablePairs", () => {
  it("lists a tag's own neighbours first, then the tags that list it", () => {
    const pairs = confusablePairs(ROLE_NEIGHBOURS, "activity").map((p) => p.key);
    assert.deepEqual(pairs.slice(0, ROLE_NEIGHBOURS.activity.length), ROLE_NEIGHBOURS.activity.map((n) => n.key));
    assert.ok(pairs.includes("user"), "user lists activity as a neighbour");
    assert.equal(new Set(pairs).size, pairs.length);
    assert.ok(!pairs.includes("activity"));
  });
});
