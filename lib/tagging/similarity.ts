// Nearest-example lookup through inverted indexes (IDF-weighted cosine over n-gram features), so a query touches
// only the examples that share a distinctive feature with it, never the whole bank.
import { RESERVED_FEATURES } from "./featurizer";
import type { SparseDoc } from "./linear";

/** Features in more than this share of the bank are too common to find neighbours by. */
const COMMON_SHARE = 0.01;
/** Bank lookup: candidates come from the query's rarest features only, and the best few are re-scored exactly. */
export const PROBE_FEATURES = 8;
const RERANK = 3;
export const probeIds = new Int32Array(PROBE_FEATURES);
export const probeWeights = new Float64Array(PROBE_FEATURES);
const rerankExamples = new Int32Array(RERANK);
const probeStart = new Int32Array(PROBE_FEATURES);
const probeEnd = new Int32Array(PROBE_FEATURES);
const firstPosting = new Int32Array(PROBE_FEATURES);
/**
 * What the last nearestFrom() re-scored exactly: `rescoredCount[0]` examples (the best RERANK candidates) with their
 * similarity to the query, for the neighbour vote (model.ts) at no extra lookup.
 */
export const rescored = new Int32Array(RERANK);
export const rescoredSimilarity = new Float64Array(RERANK);
/** ...and their scores before division by the query's norm (a caller may divide by another norm). */
export const rescoredScore = new Float64Array(RERANK);
export const rescoredCount = new Int32Array(1);
export const MOST_SHARED = 32;
/** mostShared() skips n-grams in more than this share of the bank (的, the, 用户...): they rank nothing and cost most. */
const SHARED_MAX_SHARE = 0.05;
const sharedScores = new Float64Array(MOST_SHARED);
const rerankScores = new Float64Array(RERANK);

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
    /** Every example's features as featurised (n-grams first, then lexicon features), CSR, for rehearsal. */
    private readonly docOffsets: Int32Array,
    readonly docIds: Int32Array,
    readonly docValues: Float32Array,
    /** Per n-gram feature: the examples holding it, however common (CSR), to find the ones sharing most words. */
    private readonly sharedOffsets: Int32Array,
    private readonly sharedPostings: Int32Array,
    private readonly sharedCounts: Int32Array,
    readonly labels: { readonly role: number; readonly stage: number }[],
  ) {}

  /**
   * @param docs per example, its role-head document (all its features)
   * @param distinctive per base feature, 1 if it may identify similar entries (others are ignored)
   * @param stages per example, its stage (docs carry the role as their label)
   */
  static build(docs: readonly SparseDoc[], distinctive: Uint8Array, stages: ArrayLike<number>): ExampleIndex {
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
    const docOffsets = new Int32Array(N + 1);
    docs.forEach((d, e) => (docOffsets[e + 1] = docOffsets[e] + d.ids.length));
    const docIds = new Int32Array(docOffsets[N]);
    const docValues = new Float32Array(docOffsets[N]);
    const sharedOffsets = new Int32Array(features + 1);
    docs.forEach((d, e) => {
      docIds.set(d.ids, docOffsets[e]);
      docValues.set(d.values, docOffsets[e]);
      for (const id of d.ids) if (id >= RESERVED_FEATURES && id < features) sharedOffsets[id + 1]++;
    });
    for (let f = 0; f < features; f++) sharedOffsets[f + 1] += sharedOffsets[f];
    const sharedPostings = new Int32Array(sharedOffsets[features]);
    const sharedFill = sharedOffsets.slice(0, features);
    docs.forEach((d, e) => {
      for (const id of d.ids) if (id >= RESERVED_FEATURES && id < features) sharedPostings[sharedFill[id]++] = e;
    });
    const labels = docs.map((d, e) => ({ role: d.label, stage: stages[e] }));
    return new ExampleIndex(
      weight2, unseen * unseen, offsets, postings, exampleOffsets, exampleFeatures, inverseNorms,
      new Float32Array(N), new Int32Array(N), docOffsets, docIds, docValues, sharedOffsets, sharedPostings,
      new Int32Array(N), labels,
    );
  }

  /** Where example e's features sit in docIds / docValues: [start, end). */
  docStart(e: number): number {
    return this.docOffsets[e];
  }

  docEnd(e: number): number {
    return this.docOffsets[e + 1];
  }

  /**
   * Up to `limit` examples sharing the most n-grams with ids[0, count) (ties: the earlier), skipping those labelled
   * (role, stage); written to out (at most MOST_SHARED), returns how many. Visits every posting of the query's
   * n-grams, common ones included: this is for learning (once per correction), not for tagging. Shares `touched`
   * with nearest() (both run to completion synchronously).
   */
  mostShared(ids: Int32Array, count: number, role: number, stage: number, limit: number, out: Int32Array): number {
    const { sharedOffsets, sharedPostings, sharedCounts, touched, labels } = this;
    const features = sharedOffsets.length - 1;
    limit = Math.min(limit, MOST_SHARED);
    const tooCommon = labels.length * SHARED_MAX_SHARE;
    let touchedCount = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      if (f < RESERVED_FEATURES || f >= features || sharedOffsets[f + 1] - sharedOffsets[f] > tooCommon) continue;
      for (let p = sharedOffsets[f]; p < sharedOffsets[f + 1]; p++) {
        const e = sharedPostings[p];
        if (sharedCounts[e] === 0) touched[touchedCount++] = e;
        sharedCounts[e]++;
      }
    }
    let found = 0;
    for (let t = 0; t < touchedCount; t++) {
      const e = touched[t];
      const shared = sharedCounts[e];
      sharedCounts[e] = 0;
      if (labels[e].role === role && labels[e].stage === stage) continue;
      found = insertTop(out, sharedScores, found, limit, e, shared);
    }
    return found;
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
   * The most similar bank example (ties: the later one), or null. `stamp[f] === epoch` must mark the query's
   * features (the featurizer leaves it so). Candidates come from the query's PROBE_FEATURES rarest features, so a
   * lookup costs a few short postings lists; the best RERANK candidates are then scored exactly.
   */
  nearest(ids: Int32Array, count: number, queryNorm: number, stamp: Int32Array, epoch: number): Match | null {
    if (queryNorm === 0) return null;
    const { weight2 } = this;
    let probes = 0;
    for (let j = 0; j < count; j++) {
      const f = ids[j];
      if (f >= weight2.length || weight2[f] === 0) continue;
      probes = insertTop(probeIds, probeWeights, probes, PROBE_FEATURES, f, weight2[f]);
    }
    return this.nearestFrom(probeIds, probeWeights, probes, queryNorm, stamp, epoch);
  }

  /**
   * nearest() from its probe features chosen by the caller (the query's features with weight², the PROBE_FEATURES
   * largest, through insertTop in query order, exactly as nearest() picks them): lets the caller pick them in a pass it
   * makes anyway.
   */
  nearestFrom(
    probeIds: Int32Array, probeWeights: Float64Array, probes: number, queryNorm: number, stamp: Int32Array,
    epoch: number,
  ): Match | null {
    rescoredCount[0] = 0;
    if (queryNorm === 0) return null;
    const { offsets, postings, scratch, touched, weight2, inverseNorms } = this;
    // Where each probe's postings lie, and their first posting, read for every probe before any is walked: these are
    // cache misses (a few scattered reads per entry), independent of each other, which the processor overlaps when
    // they come together; read probe by probe, each waited for the walk before it (perf: a third of the lookup's time).
    for (let i = 0; i < probes; i++) {
      const f = probeIds[i];
      probeStart[i] = offsets[f];
      probeEnd[i] = offsets[f + 1];
    }
    for (let i = 0; i < probes; i++) if (probeStart[i] < probeEnd[i]) firstPosting[i] = postings[probeStart[i]];
    let touchedCount = 0;
    for (let i = 0; i < probes; i++) {
      const w2 = probeWeights[i];
      for (let p = probeStart[i]; p < probeEnd[i]; p++) {
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
      kept = insertTop(rerankExamples, rerankScores, kept, RERANK, e, score);
    }
    let best = -1;
    let bestScore = 0;
    rescoredCount[0] = kept;
    for (let r = 0; r < kept; r++) {
      const e = rerankExamples[r];
      let dot = 0;
      for (let p = this.exampleOffsets[e]; p < this.exampleOffsets[e + 1]; p++) {
        const f = this.exampleFeatures[p];
        if (stamp[f] === epoch) dot += weight2[f];
      }
      const score = dot * inverseNorms[e];
      rescored[r] = e;
      rescoredScore[r] = score;
      rescoredSimilarity[r] = Math.min(1, score / queryNorm);
      if (score > bestScore || (score === bestScore && e > best)) {
        bestScore = score;
        best = e;
      }
    }
    return best < 0 ? null : { example: best, similarity: Math.min(1, bestScore / queryNorm) };
  }
}

/**
 * Inserts (id, score) into the descending top list of `size` entries holding at most `limit`; on equal scores the
 * higher id comes first (for a team: the newer correction). Returns the new size.
 */
export function insertTop(examples: Int32Array, scores: Float64Array, size: number, limit: number, e: number, score: number) {
  if (size === limit && (score < scores[limit - 1] || (score === scores[limit - 1] && e < examples[limit - 1]))) {
    return size;
  }
  let at = size < limit ? size++ : limit - 1;
  while (at > 0 && (scores[at - 1] < score || (scores[at - 1] === score && examples[at - 1] < e))) {
    scores[at] = scores[at - 1];
    examples[at] = examples[at - 1];
    at--;
  }
  scores[at] = score;
  examples[at] = e;
  return size;
}

export function growInt(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(old);
  return next;
}

export function growFloat(old: Float32Array, size: number): Float32Array<ArrayBuffer> {
  const next = new Float32Array(size);
  next.set(old);
  return next;
}
