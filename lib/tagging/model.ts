// The TaggingModel: base weights + a team's corrections. Classification is linear scoring (two heads),
// a memory of the team's own examples, the role→stage prior and calibrated softmax; learning is a
// passive-aggressive update touching only the example's features, so one learn() is O(features).
import * as baseModel from "./base-model";
import type { BaseModel } from "./base-model";
import * as explain from "./explain";
import * as featurizer from "./featurizer";
import type { FeatureBuffer, FeatureSpace } from "./featurizer";
import * as linear from "./linear";
import * as teamState from "./team-state";
import { TeamState } from "./team-state";
import * as types from "./types";
import type { ClassifyOptions, LabelledExample, TagExplanation, TaggingModel, TagResult } from "./types";

// Local copies of what the hot path uses: compiled to CommonJS (tsx), imported bindings are read through getters.
const { addStagePrior } = baseModel;
const { topCues } = explain;
const { featurize, ngramCount, LEX_ROLE, LEX_STAGE } = featurizer;
const { softmaxInPlace } = linear;
const { isRoleKey, isStageKey, ROLE_KEYS, STAGE_KEYS } = types;

export const DEFAULT_REVIEW_THRESHOLD = 0.5;

/** Team memory: a learned example this similar or more pulls the tag towards its labels. */
const MEMORY_MIN_SIMILARITY = 0.3;
const MEMORY_BOOST = 4;
const MEMORY_NEIGHBOURS = 5;
/** A learned example must end up this many (temperature-scaled) logits ahead of any other class. */
const LEARN_MARGIN = 2;

const R = ROLE_KEYS.length;
const S = STAGE_KEYS.length;
const WIDTH = teamState.DELTA_WIDTH;

// Scratch space shared by every model: classification is synchronous, so one set suffices.
const buffer: FeatureBuffer = new featurizer.FeatureBuffer();
const roleZ = new Float64Array(R);
const stageZ = new Float64Array(S);
const roleP = new Float64Array(R);
const stageP = new Float64Array(S);
const memoryExamples = new Int32Array(MEMORY_NEIGHBOURS);
const memorySimilarities = new Float64Array(MEMORY_NEIGHBOURS);
let contributions = new Float64Array(1024);

export class Model implements TaggingModel {
  readonly taxonomyVersion: string;
  private space: FeatureSpace;

  constructor(
    private readonly base: BaseModel,
    private team: TeamState = new TeamState(base),
    /** The shared base refuses to learn: teams learn into their own fork. */
    private readonly frozen = false,
  ) {
    this.taxonomyVersion = base.taxonomyVersion;
    this.space = this.makeSpace();
  }

  private makeSpace(): FeatureSpace {
    const { space } = this.base;
    return { base: space.base, extra: this.team.extra, cueRoleMask: space.cueRoleMask, cueStageMask: space.cueStageMask, maxN: space.maxN, stamp: this.team.stamp, epoch: 0 };
  }

  classify(text: string, opts?: ClassifyOptions): TagResult {
    const threshold = opts?.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
    if (typeof text !== "string" || text.trim().length === 0) return this.priorResult();
    const { base, team } = this;
    featurize(text, this.space, buffer);
    const ngrams = ngramCount(buffer);
    this.score(buffer, roleZ, stageZ);
    // Team memory: the team's own confirmed entries outweigh the bank.
    const queryNorm = ngrams > 0 ? Math.sqrt(base.index.queryNorm2(buffer.ids, ngrams)) : 0;
    const remembered = team.index.size > 0
      ? team.index.similar(buffer.ids, ngrams, queryNorm, MEMORY_NEIGHBOURS, memoryExamples, memorySimilarities)
      : 0;
    for (let m = 0; m < remembered && memorySimilarities[m] >= MEMORY_MIN_SIMILARITY; m++) {
      const pull = (MEMORY_BOOST * (memorySimilarities[m] - MEMORY_MIN_SIMILARITY)) / (1 - MEMORY_MIN_SIMILARITY);
      const ex = team.learned[memoryExamples[m]];
      roleZ[ROLE_KEYS.indexOf(ex.role)] += pull * base.roleTemperature;
      stageZ[STAGE_KEYS.indexOf(ex.stage)] += pull * base.stageTemperature;
    }
    roleP.set(roleZ);
    softmaxInPlace(roleP, R, base.roleTemperature);
    addStagePrior(stageZ, roleP, base.logStageGivenRole, base.priorWeight);
    stageP.set(stageZ);
    softmaxInPlace(stageP, S, base.stageTemperature);
    const [role, roleRunnerUp] = topTwo(roleP);
    const [stage, stageRunnerUp] = topTwo(stageP);
    const confidence = { role: round3(roleP[role]), stage: round3(stageP[stage]) };
    const explanation: TagExplanation = {
      roleCues: this.cues(text, base.roleCentered, 0, role, R, LEX_ROLE, ngrams),
      stageCues: this.cues(text, base.stageCentered, R, stage, S, LEX_STAGE, ngrams),
    };
    const bankMatch = base.index.nearest(buffer.ids, ngrams, queryNorm);
    if (remembered > 0 && (!bankMatch || memorySimilarities[0] >= bankMatch.similarity)) {
      const ex = team.learned[memoryExamples[0]];
      explanation.nearest = { text: ex.text, role: ex.role, stage: ex.stage, source: "team", similarity: round3(memorySimilarities[0]) };
    } else if (bankMatch) {
      const ex = base.examples[bankMatch.example];
      explanation.nearest = { text: ex.text, role: ex.role, stage: ex.stage, source: "bank", similarity: round3(bankMatch.similarity) };
    }
    return {
      role: ROLE_KEYS[role],
      stage: STAGE_KEYS[stage],
      confidence,
      runnerUp: { role: ROLE_KEYS[roleRunnerUp], stage: STAGE_KEYS[stageRunnerUp] },
      needsReview: ngrams === 0 || confidence.role < threshold || confidence.stage < threshold,
      explanation,
    };
  }

  learn(example: LabelledExample): void {
    if (!example || typeof example.text !== "string" || !isRoleKey(example.role) || !isStageKey(example.stage)) {
      throw new TypeError("learn() needs { text: string, role: RoleKey, stage: StageKey }");
    }
    if (this.frozen) throw new Error("The shared base model does not learn: fork() it per team first");
    const text = example.text;
    if (text.trim().length === 0) return;
    const { team, base } = this;
    team.reserve(Math.min(text.length, 4096) * 4 + 16);
    this.space.stamp = team.stamp;
    featurize(text, this.space, buffer, (a, b) => team.addFeature(a, b));
    this.space.extra = team.extra;
    const ngrams = ngramCount(buffer);
    team.reserve(0);
    this.passiveAggressive(ngrams, 0, R, ROLE_KEYS.indexOf(example.role), LEARN_MARGIN * base.roleTemperature);
    this.passiveAggressive(ngrams, R, S, STAGE_KEYS.indexOf(example.stage), LEARN_MARGIN * base.stageTemperature);
    team.index.add(buffer.ids, ngrams);
    team.learned.push({ text, role: example.role, stage: example.stage });
  }

  fork(): TaggingModel {
    return new Model(this.base, this.team.learned.length === 0 ? new TeamState(this.base) : this.team.clone());
  }

  learnedCount(): number {
    return this.team.learned.length;
  }

  learnedExamples(): LabelledExample[] {
    return this.team.learned.map((e) => ({ ...e }));
  }

  reset(): void {
    if (this.frozen) return;
    this.team = new TeamState(this.base);
    this.space = this.makeSpace();
  }

  /** Bytes held by this model's own additions (the base is shared). */
  teamByteSize(): number {
    return this.team.byteSize();
  }

  /** Raw logits of both heads: base weights plus this team's deltas. */
  private score(buf: FeatureBuffer, role: Float64Array, stage: Float64Array): void {
    const { base, team } = this;
    const Wr = base.role.weights;
    const Ws = base.stage.weights;
    const features = base.features;
    for (let c = 0; c < R; c++) role[c] = base.role.bias[c];
    for (let c = 0; c < S; c++) stage[c] = base.stage.bias[c];
    const slotOf = team.slotOf;
    const deltas = team.deltas;
    for (let j = 0; j < buf.count; j++) {
      const f = buf.ids[j];
      const v = buf.values[j];
      if (f < features) {
        for (let c = 0, k = f * R; c < R; c++, k++) role[c] += v * Wr[k];
        for (let c = 0, k = f * S; c < S; c++, k++) stage[c] += v * Ws[k];
      }
      if (slotOf !== null && slotOf[f] !== 0) {
        const k = (slotOf[f] - 1) * WIDTH;
        for (let c = 0; c < R; c++) role[c] += v * deltas[k + c];
        for (let c = 0; c < S; c++) stage[c] += v * deltas[k + R + c];
      }
    }
  }

  /** Passive-aggressive update of one head (delta columns [offset, offset + C)) until `label` leads by `margin`. */
  private passiveAggressive(ngrams: number, offset: number, C: number, label: number, margin: number): void {
    const z = offset === 0 ? roleZ : stageZ;
    let norm2 = 0;
    for (let j = 0; j < ngrams; j++) norm2 += buffer.values[j] * buffer.values[j];
    if (norm2 === 0) return;
    for (let round = 0; round < 4; round++) {
      this.score(buffer, roleZ, stageZ);
      let rival = -1;
      for (let c = 0; c < C; c++) if (c !== label && (rival < 0 || z[c] > z[rival])) rival = c;
      const loss = margin - (z[label] - z[rival]);
      if (loss <= 0) return;
      const tau = loss / (2 * norm2);
      for (let j = 0; j < ngrams; j++) {
        const k = this.team.slotFor(buffer.ids[j]) * WIDTH + offset;
        const step = tau * buffer.values[j];
        this.team.deltas[k + label] += step;
        this.team.deltas[k + rival] -= step;
      }
    }
  }

  /** Top cues for class `c` of a head: each n-gram's pull towards c (vs the mean class), lexicon pull shared by cues. */
  private cues(text: string, W: Float32Array, offset: number, c: number, C: number, lexBase: number, ngrams: number) {
    const { base, team } = this;
    if (contributions.length < ngrams) contributions = new Float64Array(ngrams * 2);
    const masks = offset === 0 ? base.space.cueRoleMask : base.space.cueStageMask;
    const features = base.features;
    const bit = 1 << c;
    let lexPull = 0;
    let lexHits = 0;
    for (let j = ngrams; j < buffer.count; j++) {
      if (buffer.ids[j] === lexBase + c) lexPull = buffer.values[j] * W[(lexBase + c) * C + c];
    }
    if (lexPull > 0) for (let j = 0; j < ngrams; j++) if (buffer.ids[j] < features && masks[buffer.ids[j]] & bit) lexHits++;
    const slotOf = team.slotOf;
    for (let j = 0; j < ngrams; j++) {
      contributions[j] = 0;
      if (buffer.readable[j] === 0) continue;
      const f = buffer.ids[j];
      const v = buffer.values[j];
      let pull = 0;
      if (f < features) {
        pull = v * W[f * C + c];
        if (lexHits > 0 && masks[f] & bit) pull += lexPull / lexHits;
      }
      if (slotOf !== null && slotOf[f] !== 0) {
        const k = (slotOf[f] - 1) * WIDTH + offset;
        let mean = 0;
        for (let x = 0; x < C; x++) mean += team.deltas[k + x];
        pull += v * (team.deltas[k + c] - mean / C);
      }
      contributions[j] = pull;
    }
    return topCues(text, buffer, contributions, ngrams);
  }

  private priorResult(): TagResult {
    const { rolePrior, stagePrior } = this.base;
    const [role, roleRunnerUp] = topTwo(rolePrior);
    const [stage, stageRunnerUp] = topTwo(stagePrior);
    return {
      role: ROLE_KEYS[role],
      stage: STAGE_KEYS[stage],
      confidence: { role: round3(rolePrior[role]), stage: round3(stagePrior[stage]) },
      runnerUp: { role: ROLE_KEYS[roleRunnerUp], stage: STAGE_KEYS[stageRunnerUp] },
      needsReview: true,
      explanation: { roleCues: [], stageCues: [] },
    };
  }
}

/** Indices of the largest and second-largest entries (ties: the lower index). */
function topTwo(p: Float64Array): [number, number] {
  let first = 0;
  let second = -1;
  for (let c = 1; c < p.length; c++) {
    if (p[c] > p[first]) {
      second = first;
      first = c;
    } else if (second < 0 || p[c] > p[second]) second = c;
  }
  return [first, second < 0 ? first : second];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
