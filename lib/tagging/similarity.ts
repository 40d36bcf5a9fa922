// Nearest-example lookup through inverted indexes (IDF-weighted cosine over n-gram features), so a query touches
// only the examples that share a distinctive feature with it, never the whole bank.
import { RESERVED_FEATURES } from "./featurizer";
import type { SparseDoc } from "./linear";

/** Features in more than this share of the bank are too common to find neighbours by. */
const COMMON_SHARE = 0.01;
/** Bank lookup: candidates come from the query's rarest features only, and the best few are re-scored exactly. */
const PROBE_FEATURES = 8;
const RERANK = 3;
const probeIds = new Int32Array(PROBE_FEATURES);
const probeWeights = new Float64Array(PROBE_FEATURES);
const rerankExamples = new Int32Array(RERANK);
const rerankScores = new Float64Array(RERANK);
/** Team postings visited per query feature (newest first). */
const TEAM_POSTINGS_PER_FEATURE = 24;

export interface Match {
  example: number;
  similarity: number;
}

/** Immutable index over the bank, with per-feature weights shared by every team index. */
export class ExampleIndex {
  private constructor(
    /** Squared IDF weight per base feature (0 for lexicon and too-common features). */
    readonly weight2: Float32Array,
    /** Weight² for features the bank never saw (cue-only or team features). */
    readonly unseenWeight2: number,
    private readonly offsets: Int32Array,
    private readonly postings: Int32Array,
    /** Each example's weighted features (CSR), for exact re-scoring. */
    private readonly exampleOffsets: Int32Array,
    private readonly exampleFeatures: Int32Array,
    /** 1 / norm per example (0 for an example without usable features). */
    private readonly inverseNorms: Float32Array,
    private readonly scratch: Float32Array,
    private readonly touched: Int32Array,
  ) {}

  /** @param distinctive per base feature, 1 if it may identify similar entries (others are ignored) */
  static build(docs: readonly SparseDoc[], distinctive: Uint8Array): ExampleIndex {
    const N = docs.length;
    const features = distinctive.length;
    const df = new Int32Array(features);
    for (const d of docs) for (const id of d.ids) if (id >= RESERVED_FEATURES) df[id]++;
    const weight2 = new Float32Array(features);
    const maxDf = Math.max(3, Math.floor(N * COMMON_SHARE));
    const unseen = Math.log(N + 1) + 1;
    for (let f = RESERVED_FEATURES; f < features; f++) {
      if (df[f] > maxDf || distinctive[f] === 0) continue;
      const idf = df[f] === 0 ? unseen : Math.log((N + 1) / (df[f] + 1)) + 1;
      weight2[f] = idf * idf;
    }
    const offsets = new Int32Array(features + 1);
    for (let f = 0; f < features; f++) offsets[f + 1] = offsets[f] + (weight2[f] > 0 ? df[f] : 0);
    const postings = new Int32Array(offsets[features]);
    const fill = offsets.slice(0, features);
    const inverseNorms = new Float32Array(N);
    const exampleOffsets = new Int32Array(N + 1);
    const exampleFeatures = new Int32Array(offsets[features]);
    docs.forEach((d, e) => {
      let n2 = 0;
      let at = exampleOffsets[e];
      for (const id of d.ids) {
        if (weight2[id] === 0) continue;
        postings[fill[id]++] = e;
        exampleFeatures[at++] = id;
        n2 += weight2[id];
      }
      exampleOffsets[e + 1] = at;
      inverseNorms[e] = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
    });
    return new ExampleIndex(
      weight2, unseen * unseen, offsets, postings, exampleOffsets, exampleFeatures, inverseNorms,
      new Float32Array(N), new Int32Array(N),
    );
  }

  featureWeight2(id: number): number {
    return id < this.weight2.length ? this.weight2[id] : this.unseenWeight2;
  }

  /** Squared norm of a query's features under the index weights. */
  queryNorm2(ids: Int32Array, count: number): number {
    const { weight2, unseenWeight2 } = this;
    const known = weight2.length;
    let n2 = 0;
    for (let j = 0; j < count; j++) n2 += ids[j] < known ? weight2[ids[j]] : unseenWeight2;
    return n2;
  }

  /**
   * The most similar bank example (ties: the earlier one), or null. `stamp[f] === epoch` must mark the query's
   * features (the featurizer leaves it so). Candidates come from the query's PROBE_FEATURES rarest features, so a
   * lookup costs a few short postings lists; the best RERANK candidates are then scored exactly.
   */
  nearest(ids: Int32Array, count: number, queryNorm: number, stamp: Int32Array, epoch: number): Match | null {
    if (queryNorm === 0) return null;
    const { offsets, postings, scratch, touched, weight2, inverseNorms } = this;
    let probes = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      if (f >= weight2.length || weight2[f] === 0) continue;
      const w2 = weight2[f];
      if (probes === PROBE_FEATURES && w2 <= probeWeights[PROBE_FEATURES - 1]) continue;
      let at = probes < PROBE_FEATURES ? probes++ : PROBE_FEATURES - 1;
      while (at > 0 && probeWeights[at - 1] < w2) {
        probeWeights[at] = probeWeights[at - 1];
        probeIds[at] = probeIds[at - 1];
        at--;
      }
      probeWeights[at] = w2;
      probeIds[at] = f;
    }
    let touchedCount = 0;
    for (let i = 0; i < probes; i++) {
      const f = probeIds[i];
      const w2 = probeWeights[i];
      for (let p = offsets[f]; p < offsets[f + 1]; p++) {
        const e = postings[p];
        if (scratch[e] === 0) touched[touchedCount++] = e;
        scratch[e] += w2;
      }
    }
    let kept = 0;
    for (let t = 0; t < touchedCount; t++) {
      const e = touched[t];
      const score = scratch[e] * inverseNorms[e];
      scratch[e] = 0;
      if (kept === RERANK && score <= rerankScores[RERANK - 1]) continue;
      let at = kept < RERANK ? kept++ : RERANK - 1;
      while (at > 0 && (rerankScores[at - 1] < score || (rerankScores[at - 1] === score && rerankExamples[at - 1] > e))) {
        rerankScores[at] = rerankScores[at - 1];
        rerankExamples[at] = rerankExamples[at - 1];
        at--;
      }
      rerankScores[at] = score;
      rerankExamples[at] = e;
    }
    let best = -1;
    let bestScore = 0;
    for (let r = 0; r < kept; r++) {
      const e = rerankExamples[r];
      let dot = 0;
      for (let p = this.exampleOffsets[e]; p < this.exampleOffsets[e + 1]; p++) {
        const f = this.exampleFeatures[p];
        if (stamp[f] === epoch) dot += weight2[f];
      }
      const score = dot * inverseNorms[e];
      if (score > bestScore || (score === bestScore && e < best)) {
        bestScore = score;
        best = e;
      }
    }
    return best < 0 ? null : { example: best, similarity: Math.min(1, bestScore / queryNorm) };
  }
}

/** Growable index over one team's learned examples (postings as linked lists in typed arrays); weights from the bank. */
export class TeamIndex {
  /** Per feature id: last posting + 1 (0: none). */
  private head = new Int32Array(0);
  private nextPosting = new Int32Array(256);
  private postingExample = new Int32Array(256);
  private postingCount = 0;
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
      this.scratch = new Float64Array(e * 2);
      this.touched = new Int32Array(e * 2);
    }
    let n2 = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      const w2 = this.bank.featureWeight2(f);
      if (w2 === 0 || f < RESERVED_FEATURES) continue;
      if (f >= this.head.length) this.head = growInt(this.head, Math.max(f + 1, this.head.length * 2, 1024));
      if (this.postingCount === this.nextPosting.length) {
        this.nextPosting = growInt(this.nextPosting, this.postingCount * 2);
        this.postingExample = growInt(this.postingExample, this.postingCount * 2);
      }
      const p = this.postingCount++;
      this.nextPosting[p] = this.head[f];
      this.postingExample[p] = e;
      this.head[f] = p + 1;
      n2 += w2;
    }
    this.norms[e] = Math.sqrt(n2);
    this.count++;
  }

  /**
   * The `limit` most similar team examples (newest first on ties), written to outExamples / outSimilarities;
   * returns how many. Only the newest TEAM_POSTINGS_PER_FEATURE examples of each feature are visited, which keeps
   * a lookup fast however often a team repeats an entry; an older example reached only through such a frequent
   * feature scores a little low, which favours the newest corrections.
   */
  similar(ids: Int32Array, count: number, queryNorm: number, limit: number, outExamples: Int32Array, outSimilarities: Float64Array): number {
    if (queryNorm === 0 || this.count === 0) return 0;
    const { scratch, touched, head, nextPosting, postingExample } = this;
    let touchedCount = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      if (f >= head.length) continue;
      let p = head[f];
      if (p === 0) continue;
      const w2 = this.bank.featureWeight2(f);
      for (let visited = 0; p !== 0 && visited < TEAM_POSTINGS_PER_FEATURE; visited++) {
        const e = postingExample[p - 1];
        if (scratch[e] === 0) touched[touchedCount++] = e;
        scratch[e] += w2;
        p = nextPosting[p - 1];
      }
    }
    let found = 0;
    for (let t = 0; t < touchedCount; t++) {
      const e = touched[t];
      const sim = Math.min(1, scratch[e] / (queryNorm * this.norms[e]));
      scratch[e] = 0;
      // Insertion into the small sorted top list.
      let at = found;
      while (at > 0 && (outSimilarities[at - 1] < sim || (outSimilarities[at - 1] === sim && outExamples[at - 1] < e))) at--;
      if (at >= limit) continue;
      for (let k = Math.min(found, limit - 1); k > at; k--) {
        outSimilarities[k] = outSimilarities[k - 1];
        outExamples[k] = outExamples[k - 1];
      }
      outSimilarities[at] = sim;
      outExamples[at] = e;
      if (found < limit) found++;
    }
    return found;
  }

  clone(): TeamIndex {
    const copy = new TeamIndex(this.bank);
    copy.head = this.head.slice();
    copy.nextPosting = this.nextPosting.slice(0, Math.max(256, this.postingCount));
    copy.postingExample = this.postingExample.slice(0, Math.max(256, this.postingCount));
    copy.postingCount = this.postingCount;
    copy.norms = this.norms.slice();
    copy.count = this.count;
    copy.scratch = new Float64Array(this.scratch.length);
    copy.touched = new Int32Array(this.touched.length);
    return copy;
  }

  byteSize(): number {
    return this.head.byteLength + this.nextPosting.byteLength * 2 + this.norms.byteLength + this.scratch.byteLength * 1.5;
  }
}

function growInt(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(old);
  return next;
}

function growFloat(old: Float32Array, size: number): Float32Array<ArrayBuffer> {
  const next = new Float32Array(size);
  next.set(old);
  return next;
}
