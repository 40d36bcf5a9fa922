// The TaggingModel: base weights + a team's corrections. Classification is linear scoring (two heads),
// a memory of the team's own examples, the role→stage prior and calibrated softmax; learning is a
// passive-aggressive update touching only the example's features, so one learn() is O(features).
import { addStagePrior, type BaseModel } from "./base-model";
import { topCues } from "./explain";
import { type FeatureBuffer, featurize, type FeatureSpace, LEX_ROLE, LEX_STAGE, ngramCount } from "./featurizer";
import type { LinearHead } from "./linear";
import { softmaxInPlace } from "./linear";
import { DELTA_WIDTH, TeamState } from "./team-state";
import {
  type ClassifyOptions, isRoleKey, isStageKey, type LabelledExample, ROLE_KEYS, STAGE_KEYS, type TagExplanation,
  type TaggingModel, type TagResult,
} from "./types";
import { FeatureBuffer as Buffer } from "./featurizer";

export const DEFAULT_REVIEW_THRESHOLD = 0.5;

/** Team memory: a learned example this similar or more pulls the tag towards its labels. */
const MEMORY_MIN_SIMILARITY = 0.3;
const MEMORY_BOOST = 4;
const MEMORY_NEIGHBOURS = 5;
/** A learned example must end up this many (temperature-scaled) logits ahead of any other class. */
const LEARN_MARGIN = 2;

const R = ROLE_KEYS.length;
const S = STAGE_KEYS.length;

// Scratch space shared by every model: classification is synchronous, so one set suffices.
const buffer: FeatureBuffer = new Buffer();
const roleZ = new Float64Array(R);
const stageZ = new Float64Array(S);
const roleP = new Float64Array(R);
const stageP = new Float64Array(S);
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
    return { base: space.base, extra: this.team.extra, cueRoleMask: space.cueRoleMask, cueStageMask: space.cueStageMask, stamp: this.team.stamp, epoch: 0 };
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
    const memory = team.index.size > 0 ? team.index.similar(buffer.ids, ngrams, queryNorm, 0, MEMORY_NEIGHBOURS) : [];
    for (const m of memory) {
      if (m.similarity < MEMORY_MIN_SIMILARITY) break;
      const pull = (MEMORY_BOOST * (m.similarity - MEMORY_MIN_SIMILARITY)) / (1 - MEMORY_MIN_SIMILARITY);
      const ex = team.learned[m.example];
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
      roleCues: this.cues(text, base.role, 0, role, R, LEX_ROLE, ngrams),
      stageCues: this.cues(text, base.stage, R, stage, S, LEX_STAGE, ngrams),
    };
    const bankMatch = base.index.nearest(buffer.ids, ngrams, queryNorm);
    const teamMatch = memory.length > 0 ? memory[0] : null;
    if (teamMatch && (!bankMatch || teamMatch.similarity >= bankMatch.similarity)) {
      const ex = team.learned[teamMatch.example];
      explanation.nearest = { text: ex.text, role: ex.role, stage: ex.stage, source: "team", similarity: round3(teamMatch.similarity) };
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
        const k = (slotOf[f] - 1) * DELTA_WIDTH;
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
        const k = this.team.slotFor(buffer.ids[j]) * DELTA_WIDTH + offset;
        const step = tau * buffer.values[j];
        this.team.deltas[k + label] += step;
        this.team.deltas[k + rival] -= step;
      }
    }
  }

  /** Top cues for class `c` of a head: each n-gram's pull towards c (vs the mean class), lexicon pull shared by cues. */
  private cues(text: string, head: LinearHead, offset: number, c: number, C: number, lexBase: number, ngrams: number) {
    const { base, team } = this;
    if (contributions.length < ngrams) contributions = new Float64Array(ngrams * 2);
    const W = head.weights;
    const masks = offset === 0 ? base.space.cueRoleMask : base.space.cueStageMask;
    const lexFeature = lexBase + c;
    let lexPull = 0;
    let lexHits = 0;
    for (let j = ngrams; j < buffer.count; j++) {
      if (buffer.ids[j] === lexFeature) lexPull = buffer.values[j] * (W[lexFeature * C + c] - meanRow(W, lexFeature, C));
    }
    if (lexPull > 0) for (let j = 0; j < ngrams; j++) if (buffer.ids[j] < base.features && masks[buffer.ids[j]] & (1 << c)) lexHits++;
    for (let j = 0; j < ngrams; j++) {
      const f = buffer.ids[j];
      let pull = 0;
      if (f < base.features) {
        pull = W[f * C + c] - meanRow(W, f, C);
        if (lexHits > 0 && masks[f] & (1 << c)) pull += lexPull / lexHits / buffer.values[j];
      }
      if (team.slotOf !== null && team.slotOf[f] !== 0) {
        const k = (team.slotOf[f] - 1) * DELTA_WIDTH + offset;
        let mean = 0;
        for (let x = 0; x < C; x++) mean += team.deltas[k + x];
        pull += team.deltas[k + c] - mean / C;
      }
      contributions[j] = pull * buffer.values[j];
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

function meanRow(W: Float32Array, f: number, C: number): number {
  let sum = 0;
  for (let c = 0, k = f * C; c < C; c++, k++) sum += W[k];
  return sum / C;
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
