// Turns a text into the distinct known features of a model: n-grams of its tokens found in the vocabulary,
// character trigrams of its English words (so a typo still matches most of a word), and lexicon features
// (one per role and per stage) that fire when a taxonomy cue occurs.
import * as features from "./features";
import { TokenBuffer, tokenize } from "./features";
import { COUNTERPART_KINDS, COUNTERPART_VERBS, COUNTERPARTS } from "./taxonomy/counterparts";
import { PURPOSES } from "./taxonomy/purposes";
import { ROLE_KEYS, STAGE_KEYS } from "./types";
import type { Vocabulary } from "./vocabulary";

/** Longest cue that can be looked up; training n-grams are shorter (see isTrainingNgram). */
export const MAX_LOOKUP_N = 6;
const MAX_WORD_NGRAM = 3;
// Local copies: imported bindings are read through getters once compiled, which costs in the hot loop.
const KIND_WORD = features.KIND_WORD;
const KIND_CJK = features.KIND_CJK;
const KIND_NUMBER = features.KIND_NUMBER;
const SEED_A = features.SEED_A;
const SEED_B = features.SEED_B;
const extendA = features.extendA;
const extendB = features.extendB;

/** Reserved feature ids: lexicon features come first in every vocabulary. */
export const LEX_ROLE = 0;
export const LEX_STAGE = ROLE_KEYS.length;
/** One lexicon feature per purpose family (taxonomy/purposes.ts: what the work is for, whom it addresses). */
export const LEX_PURPOSE = ROLE_KEYS.length + STAGE_KEYS.length;
export const PURPOSE_COUNT = PURPOSES.length;
/**
 * The English counterpart families (taxonomy/counterparts.ts) have cue bits after the purpose families' (their hits
 * counted in FeatureBuffer.purposeHits after the purposes'), but no feature of their own: one pair feature per verb
 * family × counterpart kind found together in an English entry ("called" + "merchants", "renewed" + "sponsor").
 */
export const LEX_PAIR = LEX_PURPOSE + PURPOSE_COUNT;
const FAMILY_COUNT = PURPOSE_COUNT + COUNTERPARTS.length;
const VERB_HITS = Int32Array.from(COUNTERPART_VERBS, (k) => PURPOSE_COUNT + k);
const KIND_HITS = Int32Array.from(COUNTERPART_KINDS, (k) => PURPOSE_COUNT + k);
export const PAIR_COUNT = VERB_HITS.length * KIND_HITS.length;
export const RESERVED_FEATURES = LEX_PAIR + PAIR_COUNT;
export const CUE_STAGE_SHIFT = ROLE_KEYS.length;
export const CUE_PURPOSE_SHIFT = CUE_STAGE_SHIFT + STAGE_KEYS.length;
if (CUE_PURPOSE_SHIFT + FAMILY_COUNT > 32) throw new Error("cue masks are 32 bits: too many roles, stages and lexicon families");

/** Which n-grams of training text become features: up to 4 characters of Chinese, up to 2 words of English. */
export function isTrainingNgram(n: number, hasWord: boolean): boolean {
  return hasWord ? n <= 2 : n <= 4;
}

/** Found features of one text, distinct, in order of first occurrence. */
export class FeatureBuffer {
  count = 0;
  ids = new Int32Array(512);
  values = new Float32Array(512);
  /** First occurrence of the feature: token index and n-gram length (for showing the cue in the text). */
  tokenAt = new Int32Array(512);
  length = new Uint8Array(512);
  /** 1 when the feature is worth showing as a cue: not a lone Chinese character, no number in it. */
  readable = new Uint8Array(512);
  tokens = new TokenBuffer();
  /** Lexicon hits of this text per role / stage. */
  roleCueHits = new Int32Array(ROLE_KEYS.length);
  stageCueHits = new Int32Array(STAGE_KEYS.length);
  /** Lexicon hits of this text per purpose family, then per counterpart family (taxonomy/counterparts.ts). */
  purposeHits = new Int32Array(FAMILY_COUNT);
  /**
   * The blocks as featurize() normalised them: n-grams [0, subwordStart), English sub-words [subwordStart, subwordEnd),
   * lexicon features [subwordEnd, count). baseValues() re-normalises them over the base's features alone.
   */
  subwordStart = 0;
  subwordEnd = 0;

  push(id: number, tokenAt: number, n: number, readable = 0): void {
    if (this.count === this.ids.length) {
      const size = this.ids.length * 2;
      const grow = <T extends Int32Array | Float32Array | Uint8Array>(old: T, next: T): T => {
        next.set(old);
        return next;
      };
      this.ids = grow(this.ids, new Int32Array(size));
      this.values = grow(this.values, new Float32Array(size));
      this.tokenAt = grow(this.tokenAt, new Int32Array(size));
      this.length = grow(this.length, new Uint8Array(size));
      this.readable = grow(this.readable, new Uint8Array(size));
    }
    this.ids[this.count] = id;
    this.tokenAt[this.count] = tokenAt;
    this.length[this.count] = n;
    this.readable[this.count] = readable;
    this.count++;
  }
}

/** What the featurizer needs of a model's feature space. */
export interface FeatureSpace {
  base: Vocabulary;
  /** Features a team added on top of the base (ids continue after the base's), or null. */
  extra: Vocabulary | null;
  /**
   * Per base feature, the roles, stages and purpose families whose cue lists contain it, as one bit mask (one read per
   * n-gram): role bits from 0, stage bits from CUE_STAGE_SHIFT, purpose bits from CUE_PURPOSE_SHIFT.
   */
  cueMask: Uint32Array;
  /** Longest n-gram worth looking up (the longest cue, at least the training n-gram length). */
  maxN: number;
  /**
   * Per base feature, 1 when it may be shown as a cue (whole words, no number); team features and spaces without
   * it fall back to the plain rule (no lone Chinese character, no number).
   */
  readable?: Uint8Array;
  /** Per-feature stamp for de-duplication; must cover every id. */
  stamp: Int32Array;
  epoch: number;
}

/** N-gram lengths whose vocabulary slots featurize() reads ahead of its lookups. */
const TOUCH_N = 2;
/** Where the read-ahead loops leave what they read (so that the reads are kept). */
const touchSink = new Int32Array(1);

/** Scale of the lexicon features relative to n-gram features (which are L2-normalised). */
const LEX_VALUE = 0.5;

/**
 * Fills `out` with the distinct known features of `text`. When `adder` is given, unknown training-shaped n-grams are
 * added to the vocabulary through it first (used when building the base and when a team learns).
 * Vocabularies are prefix-closed (every prefix of a known n-gram is known), so the scan from a token stops at the
 * first unknown n-gram.
 */
export function featurize(
  text: string,
  space: FeatureSpace,
  out: FeatureBuffer,
  adder?: (a: number, b: number) => number,
): void {
  const tokens = out.tokens;
  tokenize(text, tokens);
  out.count = 0;
  out.roleCueHits.fill(0);
  out.stageCueHits.fill(0);
  out.purposeHits.fill(0);
  // Stamps are int32: start over before the epoch would overflow (after 2^31 calls, hours at full speed).
  if (space.epoch >= 0x7ffffffe) {
    space.stamp.fill(0);
    space.epoch = 0;
  }
  const epoch = ++space.epoch;
  const stamp = space.stamp;
  const { base, extra, cueMask, maxN } = space;
  const readableBase = space.readable;
  const baseSize = cueMask.length;
  const count = tokens.count;
  const { hashA, hashB, kind, segment } = tokens;
  // The vocabulary slots of the entry's short n-grams, read first in a loop of independent loads (their cache misses
  // overlap), so that the lookups below find them in cache. Reads only: the features found are the same.
  let touched = 0;
  for (let i = 0; i < count; i++) {
    let a = SEED_A;
    let b = SEED_B;
    const seg = segment[i];
    for (let n = 1; n <= TOUCH_N && i + n <= count; n++) {
      const t = i + n - 1;
      if (segment[t] !== seg) break;
      a = extendA(a, hashA[t]);
      b = extendB(b, hashB[t]);
      touched += base.touch(a, b);
    }
  }
  touchSink[0] = touched;
  for (let i = 0; i < count; i++) {
    let a = SEED_A;
    let b = SEED_B;
    let hasWord = false;
    let hasNumber = false;
    const seg = segment[i];
    for (let n = 1; n <= maxN && i + n <= count; n++) {
      const t = i + n - 1;
      if (segment[t] !== seg) break;
      if (kind[t] === KIND_WORD) hasWord = true;
      else if (kind[t] === KIND_NUMBER) hasNumber = true;
      if (hasWord && n > MAX_WORD_NGRAM) break;
      a = (Math.imul(a ^ hashA[t], 0x01000193) + 0x3c6ef372) | 0;
      const x = Math.imul(b + hashB[t], 0x85ebca6b);
      b = x ^ (x >>> 13);
      let id = base.get(a, b);
      if (id < 0 && extra !== null) id = extra.get(a, b);
      if (id < 0 && adder !== undefined && isTrainingNgram(n, hasWord)) id = adder(a, b);
      if (id < 0) break;
      if (stamp[id] === epoch) continue;
      stamp[id] = epoch;
      // Inline FeatureBuffer.push: this runs for every n-gram of every entry.
      const at = out.count;
      if (at === out.ids.length) out.push(id, i, n, 0);
      else {
        out.ids[at] = id;
        out.tokenAt[at] = i;
        out.length[at] = n;
        out.count = at + 1;
      }
      out.readable[at] = readableBase !== undefined && id < baseSize
        ? readableBase[id]
        : hasNumber || (n === 1 && kind[i] === KIND_CJK) ? 0 : 1;
      if (id < baseSize) {
        const m = cueMask[id];
        if (m !== 0) {
          for (let k = 0; k < out.roleCueHits.length; k++) if (m & (1 << k)) out.roleCueHits[k]++;
          for (let k = 0; k < out.stageCueHits.length; k++) if (m & (1 << (CUE_STAGE_SHIFT + k))) out.stageCueHits[k]++;
          for (let k = 0; k < FAMILY_COUNT; k++) if (m & (1 << (CUE_PURPOSE_SHIFT + k))) out.purposeHits[k]++;
        }
      }
    }
  }
  // L2-normalise the n-gram features, add the English sub-word block (normalised on its own, at a lower scale),
  // then append the lexicon features at a fixed scale.
  const m = out.count;
  const scale = 1 / Math.sqrt(Math.max(m, 4));
  for (let j = 0; j < m; j++) out.values[j] = scale;
  out.subwordStart = m;
  if (SUBWORD_SCALE > 0) {
    for (let i = 0; i < count; i++) {
      if (kind[i] === KIND_WORD) subwords(text, tokens.start[i], tokens.end[i], i, space, out, epoch, adder);
    }
    const sub = out.count - m;
    const subScale = sub > 0 ? SUBWORD_SCALE / Math.sqrt(Math.max(sub, 4)) : 0;
    for (let j = m; j < out.count; j++) out.values[j] = subScale;
  }
  out.subwordEnd = out.count;
  for (let k = 0; k < out.roleCueHits.length; k++) {
    if (out.roleCueHits[k] > 0) {
      out.push(LEX_ROLE + k, -1, 0);
      out.values[out.count - 1] = LEX_VALUE * Math.min(out.roleCueHits[k], 3);
    }
  }
  for (let k = 0; k < out.stageCueHits.length; k++) {
    if (out.stageCueHits[k] > 0) {
      out.push(LEX_STAGE + k, -1, 0);
      out.values[out.count - 1] = LEX_VALUE * Math.min(out.stageCueHits[k], 3);
    }
  }
  const hits = out.purposeHits;
  for (let k = 0; k < PURPOSE_COUNT; k++) {
    if (hits[k] > 0) {
      out.push(LEX_PURPOSE + k, -1, 0);
      out.values[out.count - 1] = LEX_VALUE * Math.min(hits[k], 3);
    }
  }
  for (let v = 0; v < VERB_HITS.length; v++) {
    if (hits[VERB_HITS[v]] === 0) continue;
    if (hasChinese(tokens)) break; // no pair at all in a Chinese entry: looked at once, on its first verb hit
    for (let p = 0; p < KIND_HITS.length; p++) {
      if (hits[KIND_HITS[p]] === 0) continue;
      out.push(LEX_PAIR + v * KIND_HITS.length + p, -1, 0);
      out.values[out.count - 1] = LEX_VALUE;
    }
  }
}

/** Whether the text has a Chinese character: the pair features are English (a Chinese entry's "call" or "VIP" aside). */
function hasChinese(tokens: TokenBuffer): boolean {
  for (let i = 0; i < tokens.count; i++) if (tokens.kind[i] === KIND_CJK) return true;
  return false;
}

/**
 * Weight of the sub-word block relative to the n-gram block (0 turns sub-words off). 0.25 (was 1): at 1 an entry's
 * character trigrams weighed as much as all its words and phrases together, and a Chinese entry with one English word
 * had that word's trigrams weigh as much as all its Chinese. CV (scripts/cv.ts, mean of 3 training seeds), macro-F1
 * role / stage: real en 0.646 / 0.713 → 0.653 / 0.717, real zh 0.631 / 0.634 → 0.638 / 0.638, bank en 0.865 / 0.885
 * → 0.873 / 0.886, bank zh 0.921 / 0.924 → 0.924 / 0.926 (0.5 about the same, 0 worse: typos still need them).
 */
const SUBWORD_SCALE = 0.25;
const SUBWORD_N = 3;
const SUB_SEED_A = 0x3c6ef372 | 0;
const SUB_SEED_B = 0xa54ff53a | 0;
const subChars = new Int32Array(48);
const subA = new Int32Array(48);
const subB = new Int32Array(48);

/**
 * Character n-grams of an English word, with ^ and $ marking its ends ("^rep", "repl", ..., "ies$"): a typo spoils
 * a few of them but leaves the rest matching. They are features like any other, never shown as cues.
 */
function subwords(
  text: string, start: number, end: number, token: number, space: FeatureSpace, out: FeatureBuffer, epoch: number,
  adder?: (a: number, b: number) => number,
): void {
  let len = 0;
  subChars[len++] = 94;
  for (let i = start; i < end && len < 46; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) subChars[len++] = c;
  }
  subChars[len++] = 36;
  if (len - 2 < SUBWORD_N - 1) return;
  const { base, extra, stamp } = space;
  // Every key first, each slot read ahead in a loop of independent loads (as featurize does for its n-grams).
  const grams = len - SUBWORD_N + 1;
  let touched = 0;
  for (let i = 0; i < grams; i++) {
    let a = SUB_SEED_A;
    let b = SUB_SEED_B;
    for (let k = i; k < i + SUBWORD_N; k++) {
      a = Math.imul(a ^ subChars[k], 0x01000193);
      b = Math.imul(b + subChars[k], 0x5bd1e995) ^ (b >>> 15);
    }
    subA[i] = a;
    subB[i] = b;
    touched += base.touch(a, b);
  }
  touchSink[0] = touched;
  for (let i = 0; i < grams; i++) {
    const a = subA[i];
    const b = subB[i];
    let id = base.get(a, b);
    if (id < 0 && extra !== null) id = extra.get(a, b);
    if (id < 0 && adder !== undefined) id = adder(a, b);
    if (id < 0 || stamp[id] === epoch) continue;
    stamp[id] = epoch;
    out.push(id, token, 1, 0);
  }
}

/**
 * The values featurize() would have given the features of `out` below `features` (the base's) had the space held
 * only those: each block normalised over its base features alone (a team's extra n-grams and sub-words, ids from
 * `features` on, count in featurize's norms). `out.values` itself when the entry has no such extra feature, else
 * `into` (grown as needed) filled and returned; extra features' values there are meaningless (0).
 */
export function baseValues(out: FeatureBuffer, features: number, into: { values: Float32Array }): Float32Array {
  const { ids, subwordStart, subwordEnd, count } = out;
  let phrases = 0;
  for (let j = 0; j < subwordStart; j++) if (ids[j] < features) phrases++;
  let sub = 0;
  for (let j = subwordStart; j < subwordEnd; j++) if (ids[j] < features) sub++;
  if (phrases === subwordStart && sub === subwordEnd - subwordStart) return out.values;
  if (into.values.length < count) into.values = new Float32Array(out.values.length);
  const values = into.values;
  const scale = 1 / Math.sqrt(Math.max(phrases, 4));
  for (let j = 0; j < subwordStart; j++) values[j] = ids[j] < features ? scale : 0;
  const subScale = sub > 0 ? SUBWORD_SCALE / Math.sqrt(Math.max(sub, 4)) : 0;
  for (let j = subwordStart; j < subwordEnd; j++) values[j] = ids[j] < features ? subScale : 0;
  for (let j = subwordEnd; j < count; j++) values[j] = out.values[j];
  return values;
}

/** Number of n-gram (non-lexicon) features in a filled buffer: they come first. */
export function ngramCount(out: FeatureBuffer): number {
  let m = out.count;
  while (m > 0 && out.tokenAt[m - 1] < 0) m--;
  return m;
}

/** The text span of feature j of a filled buffer, as written in `text` (spans start and end on tokens). */
export function featureSurface(text: string, out: FeatureBuffer, j: number): string {
  const t = out.tokenAt[j];
  const n = out.length[j];
  if (t < 0) return "";
  return text.slice(out.tokens.start[t], out.tokens.end[t + n - 1]);
}

/**
 * Keys of a cue's prefixes, shortest first (the last is the whole cue), so the vocabulary stays prefix-closed;
 * null when the cue tokenises to nothing or is too long to be looked up.
 */
export function cueKeys(cue: string, tokens: TokenBuffer): { a: number; b: number }[] | null {
  tokenize(cue, tokens);
  if (tokens.count === 0 || tokens.count > MAX_LOOKUP_N) return null;
  let a = SEED_A;
  let b = SEED_B;
  let hasWord = false;
  const keys: { a: number; b: number }[] = [];
  for (let t = 0; t < tokens.count; t++) {
    if (tokens.segment[t] !== tokens.segment[0]) return null;
    if (tokens.kind[t] === KIND_WORD) hasWord = true;
    a = features.extendA(a, tokens.hashA[t]);
    b = features.extendB(b, tokens.hashB[t]);
    keys.push({ a, b });
  }
  if (hasWord && tokens.count > MAX_WORD_NGRAM) return null;
  return keys;
}
