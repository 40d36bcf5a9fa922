import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  accuracy,
  interleaveByRole,
  parseItemRef,
  scoreAnswer,
  selectQuizRound,
  weakestKey,
  type ItemHistory,
  type QuizCandidate,
} from "./quiz";

function seeded(seed = 1): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const confirmed = (ref: string, role = "user", stage = "activation"): QuizCandidate => ({ ref, tier: "confirmed", role, stage });
const golden = (ref: string, pinnedAt: number, role = "community"): QuizCandidate => ({ ref, tier: "golden", role, stage: "activation", pinnedAt });
const starter = (key: string, role = "content"): QuizCandidate => ({ ref: `seed:${key}`, tier: "starter", role, stage: "activation" });

describe("selectQuizRound", () => {
  it("puts golden examples first, the latest pin leading", () => {
    const round = selectQuizRound({
      candidates: [confirmed("a"), golden("g-old", 1), confirmed("b"), golden("g-new", 2)],
      history: new Map(),
      teamGoldenCount: 2,
      random: seeded(),
    });
    assert.deepEqual(round.slice(0, 2).map((c) => c.ref), ["g-new", "g-old"]);
  });

  it("asks ten questions when the pool allows, with no repeats", () => {
    const candidates = Array.from({ length: 30 }, (_, i) => confirmed(`c${i}`));
    const round = selectQuizRound({ candidates: [...candidates, ...candidates], history: new Map(), teamGoldenCount: 9, random: seeded() });
    assert.equal(round.length, 10);
    assert.equal(new Set(round.map((c) => c.ref)).size, 10);
  });

  it("leads with the seed article's starter set while the team has few goldens of its own", () => {
    const round = selectQuizRound({
      candidates: [confirmed("a"), confirmed("b"), starter("live-class"), golden("g", 1)],
      history: new Map(),
      teamGoldenCount: 1,
      random: seeded(),
    });
    assert.equal(round.length, 4);
    assert.equal(round[0].ref, "g");
    assert.equal(round[1].ref, "seed:live-class");
  });

  it("gives the starter set at most half a round once the team's own entries can fill one", () => {
    const starters = Array.from({ length: 15 }, (_, i) => starter(`s${i}`));
    const team = Array.from({ length: 12 }, (_, i) => confirmed(`c${i}`));
    const round = selectQuizRound({ candidates: [...starters, ...team], history: new Map(), teamGoldenCount: 0, random: seeded() });
    assert.equal(round.length, 10);
    assert.equal(round.filter((c) => c.tier === "starter").length, 5);
    assert.ok(round.slice(0, 5).every((c) => c.tier === "starter"));
    const small = selectQuizRound({ candidates: [...starters, confirmed("only")], history: new Map(), teamGoldenCount: 0, random: seeded() });
    assert.equal(small.filter((c) => c.tier === "starter").length, 9);
  });

  it("keeps the starter set as filler once the team has its own goldens", () => {
    const goldens = Array.from({ length: 5 }, (_, i) => golden(`g${i}`, i));
    const round = selectQuizRound({
      candidates: [starter("live-class"), ...goldens, confirmed("a"), confirmed("b")],
      history: new Map(),
      teamGoldenCount: 5,
      random: seeded(),
    });
    assert.equal(round.at(-1)?.ref, "seed:live-class");
    assert.equal(round.length, 8);
  });

  it("moves items the learner already got right behind unseen ones, and brings back mistakes", () => {
    const history = new Map<string, ItemHistory>([
      ["g", { lastCorrect: true, lastAt: 10 }],
      ["a", { lastCorrect: false, lastAt: 20 }],
    ]);
    const round = selectQuizRound({
      candidates: [golden("g", 1), confirmed("a"), confirmed("fresh")],
      history,
      teamGoldenCount: 7,
      random: seeded(),
    });
    assert.deepEqual(round.map((c) => c.ref), ["fresh", "a", "g"]);
  });

  it("reviews the longest-ago right answers first when everything has been answered", () => {
    const history = new Map<string, ItemHistory>([
      ["a", { lastCorrect: true, lastAt: 30 }],
      ["b", { lastCorrect: true, lastAt: 10 }],
      ["c", { lastCorrect: true, lastAt: 20 }],
    ]);
    const round = selectQuizRound({ candidates: [confirmed("a"), confirmed("b"), confirmed("c")], history, teamGoldenCount: 7 });
    assert.deepEqual(round.map((c) => c.ref), ["b", "c", "a"]);
  });

  it("returns an empty round for an empty pool", () => {
    assert.deepEqual(selectQuizRound({ candidates: [], history: new Map(), teamGoldenCount: 0 }), []);
  });
});

describe("interleaveByRole", () => {
  it("spreads roles so a round is not ten of the same kind", () => {
    const items = [confirmed("u1", "user"), confirmed("u2", "user"), confirmed("u3", "user"), confirmed("c1", "content"), confirmed("m1", "marketing")];
    assert.deepEqual(interleaveByRole(items).map((c) => c.ref), ["u1", "c1", "m1", "u2", "u3"]);
  });
});

describe("scoreAnswer", () => {
  it("scores role and stage separately; correct needs both", () => {
    assert.deepEqual(scoreAnswer({ role: "user", stage: "retention" }, { role: "user", stage: "activation" }), { roleOk: true, stageOk: false, correct: false });
    assert.deepEqual(scoreAnswer({ role: "user", stage: "retention" }, { role: "user", stage: "retention" }), { roleOk: true, stageOk: true, correct: true });
  });
});

describe("accuracy and weakestKey", () => {
  it("reports no accuracy rather than 0% before any answer", () => {
    assert.equal(accuracy(0, 0), null);
    assert.equal(accuracy(3, 4), 0.75);
  });
  it("names the weakest key among those answered often enough", () => {
    const rows = [
      { key: "user", total: 10, right: 9 },
      { key: "community", total: 4, right: 1 },
      { key: "content", total: 1, right: 0 },
    ];
    assert.equal(weakestKey(rows), "community");
    assert.equal(weakestKey(rows, 20), null);
  });
});

describe("parseItemRef", () => {
  it("tells starter keys from activity ids and refuses junk", () => {
    assert.deepEqual(parseItemRef("seed:live-class"), { kind: "starter", key: "live-class" });
    assert.deepEqual(parseItemRef("clx123abc"), { kind: "activity", id: "clx123abc" });
    assert.equal(parseItemRef("seed:../etc"), null);
    assert.equal(parseItemRef(""), null);
    assert.equal(parseItemRef({}), null);
    assert.equal(parseItemRef("a b"), null);
  });
});
