// Picks the cues behind a tag: the features of the entry that pulled hardest towards the chosen label,
// shown as they are written in the entry, without overlapping spans ("公众号" rather than also "公众" and "众号"),
// leaving out lone Chinese characters and spans with numbers, which say little to a reader, and Chinese words that
// this entry's own words cut through ("公众" in "公众号", "流到" in "引流到").
import { type FeatureBuffer, featureSurface } from "./featurizer";
import * as features from "./features";
import * as zhWords from "./zh-words";

// A local copy: imported bindings are read through getters once compiled (tsx), which costs in a loop.
const KIND_CJK = features.KIND_CJK;
const HIDDEN_WORD = zhWords.HIDDEN_WORD;
const MAX_CUES = 4;
/** Pulls below this (logit units) are not worth showing. */
const MIN_PULL = 0.005;
/** Strongest candidates kept in one pass; overlapping spans are then skipped among them. */
const CANDIDATES = 12;
const candidateIndex = new Int32Array(CANDIDATES);
const candidatePull = new Float64Array(CANDIDATES);

/**
 * @param contributions pull of each n-gram feature j (0 ≤ j < ngrams) towards the chosen class, logit units
 */
export function topCues(
  text: string,
  buffer: FeatureBuffer,
  contributions: Float64Array,
  ngrams: number,
): { cue: string; weight: number }[] {
  let found = 0;
  for (let j = 0; j < ngrams; j++) {
    const v = contributions[j];
    if (v <= MIN_PULL || buffer.readable[j] === 0 || buffer.readable[j] >= HIDDEN_WORD) continue;
    if (found === CANDIDATES && v <= candidatePull[CANDIDATES - 1]) continue;
    let at = found < CANDIDATES ? found++ : CANDIDATES - 1;
    while (at > 0 && candidatePull[at - 1] < v) {
      candidatePull[at] = candidatePull[at - 1];
      candidateIndex[at] = candidateIndex[at - 1];
      at--;
    }
    candidatePull[at] = v;
    candidateIndex[at] = j;
  }
  const out: { cue: string; weight: number }[] = [];
  const chosen: number[] = [];
  let words = -1;
  for (let c = 0; c < found && out.length < MAX_CUES; c++) {
    const j = candidateIndex[c];
    if (overlapsChosen(buffer, chosen, j)) continue;
    const first = buffer.tokenAt[j];
    const { kind } = buffer.tokens;
    if (kind[first] === KIND_CJK || kind[first + buffer.length[j] - 1] === KIND_CJK) {
      if (words < 0) words = gatherWords(buffer, ngrams);
      if (cutsAWord(buffer, j, words)) continue;
    }
    chosen.push(j);
    out.push({ cue: featureSurface(text, buffer, j), weight: Math.round(candidatePull[c] * 100) / 100 });
  }
  return out;
}

function overlapsChosen(buffer: FeatureBuffer, chosen: number[], j: number): boolean {
  const start = buffer.tokenAt[j];
  const end = start + buffer.length[j];
  for (const c of chosen) {
    const cs = buffer.tokenAt[c];
    const ce = cs + buffer.length[c];
    if (start < ce && cs < end) return true;
  }
  return false;
}

/**
 * Spans of the entry's single Chinese dictionary words (features ranked ≥ 2, function words among them), gathered once
 * per topCues call, in order of their first token.
 */
const wordStart = new Int32Array(64);
const wordEnd = new Int32Array(64);
const wordRank = new Uint8Array(64);
const wordFeature = new Int32Array(64);
const wordHidden = new Uint8Array(64);

function gatherWords(buffer: FeatureBuffer, ngrams: number): number {
  let n = 0;
  let hidden = 0;
  for (let k = 0; k < ngrams && n < wordStart.length; k++) {
    const readable = buffer.readable[k];
    const rank = readable & (HIDDEN_WORD - 1); // function words (never shown) are words too
    if (rank < 2) continue;
    wordStart[n] = buffer.tokenAt[k];
    wordEnd[n] = buffer.tokenAt[k] + buffer.length[k];
    wordRank[n] = rank;
    wordFeature[n] = k;
    wordHidden[n] = readable >= HIDDEN_WORD ? 1 : 0;
    hidden += wordHidden[n];
    n++;
  }
  if (hidden === 0) return n;
  // A function word crossed at both of its ends by other words is not a word of this entry: "进行" in "先进行业" (先进,
  // 行业), "一下" in "统一下发" (统一, 下发). It would otherwise cut both of them, being the more common; marked 2,
  // cutsAWord passes over it.
  for (let w = 0; w < n; w++) {
    if (wordHidden[w] === 1 && crossed(wordStart[w], w, n) && crossed(wordEnd[w], w, n)) wordHidden[w] = 2;
  }
  return n;
}

/** Whether a gathered word other than `self` has the token boundary `edge` strictly inside it. */
function crossed(edge: number, self: number, n: number): boolean {
  for (let w = 0; w < n; w++) if (w !== self && wordStart[w] < edge && edge < wordEnd[w]) return true;
  return false;
}

/**
 * True when the Chinese span j is not a word of this entry: a longer word found in the entry contains it ("公众" in
 * "公众号"), or a more common word crosses one of its edges ("流到" in "引流到", crossed by "引流"). Words are the
 * entry's features ranked as single dictionary words (gatherWords; buffer.readable: 2–127, more common higher). A span
 * of Chinese and letters is cut by any word crossing its Chinese edge ("责SEO" in "负责SEO").
 */
function cutsAWord(buffer: FeatureBuffer, j: number, words: number): boolean {
  const start = buffer.tokenAt[j];
  const end = start + buffer.length[j];
  const { kind } = buffer.tokens;
  let mixed = false;
  for (let t = start; t < end; t++) if (kind[t] !== KIND_CJK) mixed = true;
  if (mixed) {
    for (let w = 0; w < words; w++) {
      const ks = wordStart[w];
      const ke = wordEnd[w];
      if (wordHidden[w] !== 2 && ((ks < start && start < ke) || (ks < end && end < ke))) return true;
    }
    return false;
  }
  const rank = buffer.readable[j];
  for (let w = 0; w < words; w++) {
    const ks = wordStart[w];
    if (ks >= end) break; // gathered in order of their first token
    const ke = wordEnd[w];
    const crosses = (ks < start && start < ke) || (ks < end && end < ke);
    if (!crosses || wordFeature[w] === j || wordHidden[w] === 2) continue;
    if (ks <= start && end <= ke) return true;
    if (wordRank[w] > rank) return true;
  }
  return false;
}
