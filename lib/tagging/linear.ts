// Multinomial logistic regression on sparse features (AdaGrad, L2), deterministic, plus temperature calibration.

export interface SparseDoc {
  ids: Int32Array;
  values: Float32Array;
  label: number;
  weight: number;
}

export interface LinearHead {
  classes: number;
  /** Row-major weights: feature f, class c at f * classes + c. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /**
   * Train this many heads, each on its own shuffle of the examples (seeds seed, seed + 1000003, …), and average their
   * weights (default 1). One head's weights depend on the order the examples came in, and any change to the data
   * reshuffles the whole order; the average of several depends on it far less.
   */
  bags?: number;
}

/** Small deterministic PRNG (mulberry32) for the training order. */
export function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function scoreInto(head: LinearHead, ids: Int32Array, values: Float32Array, count: number, out: Float64Array) {
  const C = head.classes;
  const W = head.weights;
  for (let c = 0; c < C; c++) out[c] = head.bias[c];
  for (let j = 0; j < count; j++) {
    const base = ids[j] * C;
    const v = values[j];
    for (let c = 0; c < C; c++) out[c] += v * W[base + c];
  }
}

/** In-place softmax of out[0..C) after dividing by temperature; returns nothing. */
export function softmaxInPlace(out: Float64Array, C: number, temperature: number): void {
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (out[c] > max) max = out[c];
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const e = Math.exp((out[c] - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < C; c++) out[c] /= sum;
}

/** The seeds of the heads trainSoftmax averages: seed, seed + 1000003, seed + 2 × 1000003, … (bags of them). */
export function bagSeeds(opts: Pick<TrainOptions, "seed" | "bags">): number[] {
  const bags = opts.bags ?? 1;
  if (!Number.isInteger(bags) || bags < 1) throw new RangeError(`train.bags must be an integer ≥ 1 (got ${String(opts.bags)})`);
  return Array.from({ length: bags }, (_, k) => opts.seed + 1000003 * k);
}

export function trainSoftmax(docs: readonly SparseDoc[], features: number, classes: number, opts: TrainOptions): LinearHead {
  const [first, ...rest] = bagSeeds(opts);
  const head = trainOne(docs, features, classes, first, opts);
  if (rest.length === 0) return head;
  for (const seed of rest) {
    const other = trainOne(docs, features, classes, seed, opts);
    for (let i = 0; i < head.weights.length; i++) head.weights[i] += other.weights[i];
    for (let c = 0; c < classes; c++) head.bias[c] += other.bias[c];
  }
  const bags = rest.length + 1;
  for (let i = 0; i < head.weights.length; i++) head.weights[i] /= bags;
  for (let c = 0; c < classes; c++) head.bias[c] /= bags;
  return head;
}

/** One head: AdaGrad over `epochs` shuffles of the examples, drawn from `seed`. */
export function trainOne(docs: readonly SparseDoc[], features: number, classes: number, seed: number, opts: TrainOptions): LinearHead {
  const C = classes;
  const W = new Float32Array(features * C);
  // AdaGrad with one accumulator per feature (not per weight): a square root per feature, not per class.
  const G = new Float32Array(features).fill(1e-6);
  const bias = new Float32Array(C);
  const biasG = new Float32Array(C).fill(1e-6);
  const head: LinearHead = { classes: C, weights: W, bias };
  const order = docs.map((_, i) => i);
  const random = makeRandom(seed);
  const p = new Float64Array(C);
  const { learningRate: eta, l2 } = opts;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const index of order) {
      const doc = docs[index];
      scoreInto(head, doc.ids, doc.values, doc.ids.length, p);
      softmaxInPlace(p, C, 1);
      let g2 = 0;
      for (let c = 0; c < C; c++) {
        p[c] = (p[c] - (c === doc.label ? 1 : 0)) * doc.weight;
        g2 += p[c] * p[c];
        biasG[c] += p[c] * p[c];
        bias[c] -= (eta * p[c]) / Math.sqrt(biasG[c]);
      }
      g2 /= C;
      for (let j = 0; j < doc.ids.length; j++) {
        const f = doc.ids[j];
        const base = f * C;
        const v = doc.values[j];
        G[f] += g2 * v * v;
        const rate = eta / Math.sqrt(G[f]);
        for (let c = 0; c < C; c++) {
          const k = base + c;
          W[k] -= rate * (p[c] * v + l2 * W[k]);
        }
      }
    }
  }
  return head;
}

/** Temperature minimising the negative log-likelihood of held-out logits (rows of C) against labels. */
export function fitTemperature(logits: Float64Array[], labels: number[], C: number): number {
  const nll = (T: number) => {
    let total = 0;
    const p = new Float64Array(C);
    for (let i = 0; i < logits.length; i++) {
      p.set(logits[i]);
      softmaxInPlace(p, C, T);
      total -= Math.log(Math.max(p[labels[i]], 1e-12));
    }
    return total;
  };
  let best = 1;
  let bestLoss = Infinity;
  for (let T = 0.2; T <= 5.0001; T += 0.05) {
    const loss = nll(T);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = T;
    }
  }
  return Math.round(best * 100) / 100;
}
