// One team's learned examples, indexed for the team memory: which of its own corrections resemble an entry.
import { RESERVED_FEATURES } from "./featurizer";
import * as similarity from "./similarity";
import type { ExampleIndex } from "./similarity";

// Local copies: compiled to CommonJS (tsx), imported bindings are read through getters.
const { growFloat, growInt, insertTop, PROBE_FEATURES, probeIds, probeWeights } = similarity;

/** Team postings visited per query feature (newest first). */
const TEAM_POSTINGS_PER_FEATURE = 24;
const TEAM_CANDIDATES = 16;
const teamCandidates = new Int32Array(TEAM_CANDIDATES);
const teamCandidateScores = new Float64Array(TEAM_CANDIDATES);

/**
 * Growable index over one team's learned examples; weights come from the bank index. Postings are linked lists in
 * typed arrays, and an example's postings are contiguous, so they double as its feature list for exact re-scoring.
 */
export class TeamIndex {
  /** Per feature id: last posting + 1 (0: none). */
  private head = new Int32Array(0);
  private nextPosting = new Int32Array(256);
  private postingExample = new Int32Array(256);
  private postingFeature = new Int32Array(256);
  private postingCount = 0;
  /** Per example: its first posting, and its norm. */
  private firstPosting = new Int32Array(65);
  private norms = new Float32Array(64);
  private count = 0;
  private scratch = new Float64Array(64);
  private touched = new Int32Array(64);

  constructor(private readonly bank: ExampleIndex) {}

  get size(): number {
    return this.count;
  }

  add(ids: Int32Array, count: number): void {
    const e = this.count;
    if (e === this.norms.length) {
      this.norms = growFloat(this.norms, e * 2);
      this.firstPosting = growInt(this.firstPosting, e * 2 + 1);
      this.scratch = new Float64Array(e * 2);
      this.touched = new Int32Array(e * 2);
    }
    this.firstPosting[e] = this.postingCount;
    let n2 = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      const w2 = this.bank.featureWeight2(f);
      if (w2 === 0 || f < RESERVED_FEATURES) continue;
      if (f >= this.head.length) this.head = growInt(this.head, Math.max(f + 1, this.head.length * 2, 1024));
      if (this.postingCount === this.nextPosting.length) {
        this.nextPosting = growInt(this.nextPosting, this.postingCount * 2);
        this.postingExample = growInt(this.postingExample, this.postingCount * 2);
        this.postingFeature = growInt(this.postingFeature, this.postingCount * 2);
      }
      const p = this.postingCount++;
      this.nextPosting[p] = this.head[f];
      this.postingExample[p] = e;
      this.postingFeature[p] = f;
      this.head[f] = p + 1;
      n2 += w2;
    }
    this.firstPosting[e + 1] = this.postingCount;
    this.norms[e] = Math.sqrt(n2);
    this.count++;
  }

  /**
   * The `limit` most similar team examples (newest first on ties), written to outExamples / outSimilarities;
   * returns how many. `stamp[f] === epoch` must mark the query's features. Candidates come from the query's
   * PROBE_FEATURES rarest features, visiting the newest TEAM_POSTINGS_PER_FEATURE examples of each (so a lookup stays
   * fast however often a team repeats an entry); the strongest 2 × limit candidates are then scored exactly.
   */
  similar(
    ids: Int32Array, count: number, queryNorm: number, limit: number, outExamples: Int32Array,
    outSimilarities: Float64Array, stamp: Int32Array, epoch: number,
  ): number {
    if (queryNorm === 0 || this.count === 0) return 0;
    const { scratch, touched, head, nextPosting, postingExample, postingFeature, bank } = this;
    let probes = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      if (f >= head.length || head[f] === 0) continue;
      probes = insertTop(probeIds, probeWeights, probes, PROBE_FEATURES, f, bank.featureWeight2(f));
    }
    let touchedCount = 0;
    for (let i = 0; i < probes; i++) {
      let p = head[probeIds[i]];
      for (let visited = 0; p !== 0 && visited < TEAM_POSTINGS_PER_FEATURE; visited++) {
        const e = postingExample[p - 1];
        if (scratch[e] === 0) touched[touchedCount++] = e;
        scratch[e] += probeWeights[i];
        p = nextPosting[p - 1];
      }
    }
    // Keep the strongest candidates by partial score, then score them exactly.
    const keep = Math.min(2 * limit, TEAM_CANDIDATES);
    let kept = 0;
    for (let t = 0; t < touchedCount; t++) {
      const e = touched[t];
      const score = scratch[e] / this.norms[e];
      scratch[e] = 0;
      kept = insertTop(teamCandidates, teamCandidateScores, kept, keep, e, score);
    }
    let found = 0;
    for (let c = 0; c < kept; c++) {
      const e = teamCandidates[c];
      let dot = 0;
      for (let p = this.firstPosting[e]; p < this.firstPosting[e + 1]; p++) {
        const f = postingFeature[p];
        if (stamp[f] === epoch) dot += bank.featureWeight2(f);
      }
      found = insertTop(outExamples, outSimilarities, found, limit, e, Math.min(1, dot / (queryNorm * this.norms[e])));
    }
    return found;
  }

  clone(): TeamIndex {
    const copy = new TeamIndex(this.bank);
    const postings = Math.max(256, this.postingCount);
    copy.head = this.head.slice();
    copy.nextPosting = this.nextPosting.slice(0, postings);
    copy.postingExample = this.postingExample.slice(0, postings);
    copy.postingFeature = this.postingFeature.slice(0, postings);
    copy.postingCount = this.postingCount;
    copy.firstPosting = this.firstPosting.slice();
    copy.norms = this.norms.slice();
    copy.count = this.count;
    copy.scratch = new Float64Array(this.scratch.length);
    copy.touched = new Int32Array(this.touched.length);
    return copy;
  }
}
