// What one team's model adds on top of the shared base: its learned examples, the n-grams only it has seen,
// its own copy of the weights (made on the first learn; the base's weights are ~0.5 MB, so a private copy
// is cheaper to read than a sparse overlay) and an index of its examples.
import { type BaseModel, ROW } from "./base-model";
import { TeamIndex } from "./team-index";
import type { LabelledExample } from "./types";
import { Vocabulary } from "./vocabulary";

const ROLES = 8;
const STAGES = 5;

export class TeamState {
  extra: Vocabulary | null = null;
  extraCount = 0;
  /** De-duplication stamps for the featurizer; covers base and team features. */
  stamp: Int32Array;
  /** Both heads' weights for base and team features (rows of ROW), or null while the team has learned nothing. */
  weights: Float32Array | null = null;
  learned: LabelledExample[] = [];
  /** Per learned example: the role the base alone reads in it. */
  baseRoles: number[] = [];
  index: TeamIndex;
  /**
   * What the team taught the joint role × stage head: per feature its row in jointDelta (-1: none), and rows of
   * ROLES × STAGES logits (role-major) added to the base's joint logits. Only features of corrections get a row.
   */
  jointRows: Int32Array = new Int32Array(0);
  jointDelta: Float32Array = new Float32Array(0);
  jointRowCount = 0;
  /** Learned examples per label (role × stage). */
  labels = new Int32Array(ROLES * STAGES);
  /** Learned examples per (what the base read, what the team said), role-major: roles ROLES × ROLES, stages STAGES × STAGES. */
  roleMoves = new Int32Array(ROLES * ROLES);
  stageMoves = new Int32Array(STAGES * STAGES);
  /** Learned examples per (the base's reading as a pair, the team's pair), pairs role-major: (ROLES × STAGES)². */
  pairMoves = new Int32Array(ROLES * STAGES * ROLES * STAGES);
  /**
   * Per (from, to) pair move with examples: how many of them carry each lexicon feature (ids below lexicon, the
   * role, stage and purpose-family cues): the concepts the rule's entries are about.
   */
  moveConcepts = new Map<number, Float32Array>();
  /** Learned examples the team labelled other than the base's pair reading, per the team's pair, and in all. */
  movedInto = new Int32Array(ROLES * STAGES);
  moved = 0;
  /** Per team pair, the most learned examples moved into it from any one pair reading of the base (model.ts RULE_SOURCE). */
  mainMoveInto = new Int32Array(ROLES * STAGES);
  /** As pairMoves and moveConcepts, from the base's role alone: rows of ROLES × STAGES team pairs per base role. */
  roleToPair = new Int32Array(ROLES * ROLES * STAGES);
  roleConcepts = new Map<number, Float32Array>();

  constructor(readonly base: BaseModel) {
    this.stamp = new Int32Array(base.features + 64);
    this.index = new TeamIndex(base.index);
  }

  get featureCount(): number {
    return this.base.features + this.extraCount;
  }

  /** Makes room for `more` new team features before a featurize call that may add them. */
  reserve(more: number): void {
    const need = this.featureCount + more;
    if (this.stamp.length < need) {
      const next = new Int32Array(Math.max(need, this.stamp.length * 2));
      next.set(this.stamp);
      this.stamp = next;
    }
  }

  /** Adds an n-gram key as a team feature; returns its id. */
  addFeature(a: number, b: number): number {
    if (this.extra === null) this.extra = new Vocabulary(256);
    const id = this.extra.put(a, b, this.base.features + this.extraCount);
    if (id === this.base.features + this.extraCount) this.extraCount++;
    return id;
  }

  /** The team's weights, copied from the base on first use and grown to cover every team feature. */
  writableWeights(): Float32Array {
    const need = this.featureCount * ROW;
    if (this.weights === null) {
      this.weights = new Float32Array(Math.max(need, this.base.weights.length + 1024 * ROW));
      this.weights.set(this.base.weights);
    } else if (this.weights.length < need) {
      const next = new Float32Array(Math.max(need, Math.floor(this.weights.length * 1.5)));
      next.set(this.weights);
      this.weights = next;
    }
    return this.weights;
  }

  /** Feature f's row in jointDelta (rows start at a multiple of ROLES × STAGES), made on first use. */
  writableJointRow(f: number): number {
    const J = ROLES * STAGES;
    if (this.jointRows.length <= f) {
      const next = new Int32Array(Math.max(f + 1, this.featureCount, Math.floor(this.jointRows.length * 1.5))).fill(-1);
      next.set(this.jointRows);
      this.jointRows = next;
    }
    if (this.jointRows[f] < 0) {
      if ((this.jointRowCount + 1) * J > this.jointDelta.length) {
        const next = new Float32Array(Math.max(64, this.jointRowCount * 2) * J);
        next.set(this.jointDelta);
        this.jointDelta = next;
      }
      this.jointRows[f] = this.jointRowCount++;
    }
    return this.jointRows[f] * J;
  }

  /** Counts a learned example labelled (role, stage). */
  count(role: number, stage: number): void {
    this.labels[role * STAGES + stage]++;
  }

  /** Counts a learned example the base read as (baseRole, baseStage) and the team labelled (role, stage). */
  move(baseRole: number, baseStage: number, role: number, stage: number): void {
    this.roleMoves[baseRole * ROLES + role]++;
    this.stageMoves[baseStage * STAGES + stage]++;
  }

  /**
   * Counts a learned example the base reads as the pair `from` (role · STAGES + stage) and the team labelled `to`,
   * with its lexicon features ids[start, end) (ids below `lexicon`).
   */
  movePair(from: number, to: number, ids: Int32Array, start: number, end: number, lexicon: number): void {
    const key = from * ROLES * STAGES + to;
    this.pairMoves[key]++;
    if (from !== to) {
      this.movedInto[to]++;
      this.moved++;
      if (this.pairMoves[key] > this.mainMoveInto[to]) this.mainMoveInto[to] = this.pairMoves[key];
    }
    countConcepts(this.moveConcepts, key, ids, start, end, lexicon);
    const roleKey = Math.floor(from / STAGES) * ROLES * STAGES + to;
    this.roleToPair[roleKey]++;
    countConcepts(this.roleConcepts, roleKey, ids, start, end, lexicon);
  }

  /**
   * How consistently the team turns the base's `from` into `to` on one head (roles or stages): the share of its examples
   * read as `from` that it labelled `to`, times min(1, how many / evidence). 1 for a house rule applied again and
   * again, small for a one-off correction.
   */
  consistency(head: "role" | "stage", from: number, to: number, evidence: number): number {
    const C = head === "role" ? ROLES : STAGES;
    const moves = head === "role" ? this.roleMoves : this.stageMoves;
    let read = 0;
    for (let c = 0; c < C; c++) read += moves[from * C + c];
    const same = moves[from * C + to];
    return read === 0 ? 0 : (same / read) * Math.min(1, same / evidence);
  }

  /**
   * How many learned examples support the team's answer (role, stage) where it differs from the base's reading
   * (baseRole, baseStage): those with the same label, else those that share the changed role or stage (at least 1:
   * the team model only moves after learning something).
   */
  support(baseRole: number, baseStage: number, role: number, stage: number): number {
    const label = this.labels[role * STAGES + stage];
    if (label > 0) return label;
    let shared = 0;
    for (let r = 0; r < ROLES; r++) {
      for (let s = 0; s < STAGES; s++) {
        if ((r === role && role !== baseRole) || (s === stage && stage !== baseStage)) shared += this.labels[r * STAGES + s];
      }
    }
    return Math.max(1, shared);
  }

  clone(): TeamState {
    const copy = new TeamState(this.base);
    copy.extra = this.extra ? this.extra.clone() : null;
    copy.extraCount = this.extraCount;
    copy.stamp = new Int32Array(this.stamp.length);
    copy.weights = this.weights ? this.weights.slice() : null;
    copy.learned = this.learned.slice();
    copy.baseRoles = this.baseRoles.slice();
    copy.index = this.index.clone();
    copy.jointRows = this.jointRows.slice();
    copy.jointDelta = this.jointDelta.slice();
    copy.jointRowCount = this.jointRowCount;
    copy.labels = this.labels.slice();
    copy.roleMoves = this.roleMoves.slice();
    copy.stageMoves = this.stageMoves.slice();
    copy.pairMoves = this.pairMoves.slice();
    copy.movedInto = this.movedInto.slice();
    copy.mainMoveInto = this.mainMoveInto.slice();
    copy.moved = this.moved;
    copy.roleToPair = this.roleToPair.slice();
    for (const [key, concepts] of this.roleConcepts) copy.roleConcepts.set(key, concepts.slice());
    for (const [key, concepts] of this.moveConcepts) copy.moveConcepts.set(key, concepts.slice());
    return copy;
  }
}

/** Counts the lexicon features among ids[start, end) (ids below `lexicon`) into the row `key` of `concepts`. */
function countConcepts(
  concepts: Map<number, Float32Array>, key: number, ids: Int32Array, start: number, end: number, lexicon: number,
): void {
  let row = concepts.get(key);
  if (row === undefined) concepts.set(key, (row = new Float32Array(lexicon)));
  for (let j = start; j < end; j++) if (ids[j] < lexicon) row[ids[j]]++;
}
