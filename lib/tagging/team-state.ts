// What one team's model adds on top of the shared base: its learned examples, the n-grams only it has seen,
// sparse weight corrections (one slot of role + stage deltas per touched feature) and an index of its examples.
import type { BaseModel } from "./base-model";
import { TeamIndex } from "./similarity";
import { type LabelledExample, ROLE_KEYS, STAGE_KEYS } from "./types";
import { Vocabulary } from "./vocabulary";

export const DELTA_WIDTH = ROLE_KEYS.length + STAGE_KEYS.length;

export class TeamState {
  extra: Vocabulary | null = null;
  extraCount = 0;
  /** De-duplication stamps for the featurizer; covers base and team features. */
  stamp: Int32Array;
  /** Delta slot + 1 per feature id (0: the team never changed this feature). */
  slotOf: Int32Array | null = null;
  deltas = new Float32Array(0);
  slots = 0;
  learned: LabelledExample[] = [];
  index: TeamIndex;

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
    if (this.slotOf && this.slotOf.length < need) {
      const next = new Int32Array(Math.max(need, this.slotOf.length * 2));
      next.set(this.slotOf);
      this.slotOf = next;
    }
  }

  /** Adds an n-gram key as a team feature; returns its id. */
  addFeature(a: number, b: number): number {
    if (this.extra === null) this.extra = new Vocabulary(256);
    const id = this.extra.put(a, b, this.base.features + this.extraCount);
    if (id === this.base.features + this.extraCount) this.extraCount++;
    return id;
  }

  /** Delta slot of a feature, created on first use. */
  slotFor(id: number): number {
    if (this.slotOf === null) this.slotOf = new Int32Array(Math.max(this.stamp.length, this.featureCount));
    const existing = this.slotOf[id];
    if (existing !== 0) return existing - 1;
    if ((this.slots + 1) * DELTA_WIDTH > this.deltas.length) {
      const next = new Float32Array(Math.max(DELTA_WIDTH * 64, this.deltas.length * 2));
      next.set(this.deltas);
      this.deltas = next;
    }
    this.slotOf[id] = ++this.slots;
    return this.slots - 1;
  }

  clone(): TeamState {
    const copy = new TeamState(this.base);
    copy.extra = this.extra ? this.extra.clone() : null;
    copy.extraCount = this.extraCount;
    copy.stamp = new Int32Array(this.stamp.length);
    copy.slotOf = this.slotOf ? this.slotOf.slice() : null;
    copy.deltas = this.deltas.slice(0, this.slots * DELTA_WIDTH);
    copy.slots = this.slots;
    copy.learned = this.learned.slice();
    copy.index = this.index.clone();
    return copy;
  }

  /** Rough bytes held by this team's additions (for the memory benchmark). */
  byteSize(): number {
    let bytes = this.stamp.byteLength + (this.slotOf?.byteLength ?? 0) + this.deltas.byteLength;
    bytes += this.extra?.byteSize() ?? 0;
    for (const e of this.learned) bytes += 48 + e.text.length * 2;
    return bytes + this.index.byteSize();
  }
}
