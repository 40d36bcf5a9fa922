import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  isRoleKey, isStageKey, ROLE_KEYS, ROLE_NEIGHBOURS, roleName, SEED_EXAMPLES, STAGE_KEYS, STAGE_NEIGHBOURS, stageName,
  TAXONOMY, TAXONOMY_VERSION,
} from ".";
import { buildBaseModel, DEFAULT_BUILD } from "./base-model";
import { cueKeys, FeatureBuffer, featurize, LEX_PAIR, RESERVED_FEATURES } from "./featurizer";
import { TokenBuffer } from "./features";
import { COUNTERPARTS } from "./taxonomy/counterparts";
import { PURPOSES } from "./taxonomy/purposes";

describe("taxonomy", () => {
  it("describes every role and stage in both languages, with cues in both", () => {
    assert.deepEqual(TAXONOMY.roles.map((r) => r.key), [...ROLE_KEYS]);
    assert.deepEqual(TAXONOMY.stages.map((s) => s.key), [...STAGE_KEYS]);
    for (const def of [...TAXONOMY.roles, ...TAXONOMY.stages]) {
      assert.ok(def.name.zh && def.name.en && def.definition.zh && def.definition.en, def.key);
      assert.ok(def.cues.zh.length >= 10 && def.cues.en.length >= 10, `${def.key} has cues in both languages`);
    }
    assert.match(TAXONOMY_VERSION, /^\d+\.\d+\.\d+$/);
  });

  it("lists purpose families with cues in both languages, each one the featurizer can find in an entry", () => {
    assert.ok(PURPOSES.length <= 16, "the purpose masks are 16 bits");
    assert.equal(new Set(PURPOSES.map((p) => p.key)).size, PURPOSES.length);
    const tokens = new TokenBuffer();
    for (const p of PURPOSES) {
      assert.ok(p.cues.zh.length >= 10 && p.cues.en.length >= 10, `${p.key} has cues in both languages`);
      for (const cue of [...p.cues.zh, ...p.cues.en]) assert.ok(cueKeys(cue, tokens) !== null, `${p.key}: "${cue}" can be looked up`);
    }
  });

  it("lists English counterpart families whose cues can be looked up, and pairs a counterpart with a verb", () => {
    const tokens = new TokenBuffer();
    for (const f of COUNTERPARTS) {
      assert.ok(f.cues.length >= 10, f.key);
      for (const cue of f.cues) assert.ok(cueKeys(cue, tokens) !== null, `${f.key}: "${cue}" can be looked up`);
    }
    const base = buildBaseModel(TAXONOMY.canonicalExamples, { ...DEFAULT_BUILD, taxonomyVersion: TAXONOMY_VERSION });
    const out = new FeatureBuffer();
    const pairs = (text: string) => {
      featurize(text, base.space, out);
      return [...out.ids.subarray(0, out.count)].filter((id) => id >= LEX_PAIR && id < RESERVED_FEATURES);
    };
    const called = pairs("Called 6 merchants about the new fee");
    assert.equal(called.length, 1, "a contact verb with a supplier kind");
    assert.deepEqual(pairs("called the merchant back"), called, "plural or not, the same pair");
    assert.notDeepEqual(pairs("Renewed the sponsor for next year"), called, "dealing with an organisation is another pair");
    assert.equal(pairs("Renewed the sponsor for next year").length, 1);
    assert.deepEqual(pairs("Wrote the merchant FAQ"), [], "no verb family, no pair");
    assert.deepEqual(pairs("给6家merchants打call"), [], "not in a Chinese entry");
  });

  it("names roles and stages per locale", () => {
    assert.equal(roleName("community", "zh-CN"), "社区运营");
    assert.equal(roleName("community", "en"), "Community ops");
    assert.equal(stageName("referral", "zh-CN"), "口碑传播");
    assert.equal(stageName("referral", "en"), "Referral");
  });

  it("lists confusable neighbours with a one-line difference in both languages", () => {
    for (const key of ROLE_KEYS) {
      assert.ok(ROLE_NEIGHBOURS[key].length >= 2, key);
      for (const n of ROLE_NEIGHBOURS[key]) {
        assert.ok(isRoleKey(n.key) && n.key !== key && n.differs.zh && n.differs.en, `${key} → ${n.key}`);
      }
    }
    for (const key of STAGE_KEYS) {
      assert.ok(STAGE_NEIGHBOURS[key].length >= 2, key);
      for (const n of STAGE_NEIGHBOURS[key]) {
        assert.ok(isStageKey(n.key) && n.key !== key && n.differs.zh && n.differs.en, `${key} → ${n.key}`);
      }
    }
  });

  it("carries the seed article's worked examples, tagged and explained", () => {
    assert.ok(SEED_EXAMPLES.length >= 10);
    assert.equal(new Set(SEED_EXAMPLES.map((s) => s.key)).size, SEED_EXAMPLES.length);
    for (const s of SEED_EXAMPLES) {
      assert.ok(isRoleKey(s.role) && isStageKey(s.stage), s.key);
      assert.ok(s.text && s.textEn && s.why.zh && s.why.en, s.key);
    }
    const texts = SEED_EXAMPLES.map((s) => s.text).join("|");
    for (const topic of ["班主任", "反馈给产品", "会员群", "社区的帖子", "打卡", "直播课", "总结"]) assert.ok(texts.includes(topic), topic);
  });

  it("canonical examples use valid keys and cover every role and stage", () => {
    const examples = TAXONOMY.canonicalExamples;
    for (const e of examples) assert.ok(isRoleKey(e.role) && isStageKey(e.stage) && e.text.trim(), e.text);
    for (const key of ROLE_KEYS) assert.ok(examples.some((e) => e.role === key), key);
    for (const key of STAGE_KEYS) assert.ok(examples.some((e) => e.stage === key), key);
  });
});
