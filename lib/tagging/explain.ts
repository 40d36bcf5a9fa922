// Picks the cues behind a tag: the features of the entry that pulled hardest towards the chosen label,
// shown as they are written in the entry, without overlapping spans ("公众号" rather than also "公众" and "众号"),
// leaving out lone Chinese characters and spans with numbers, which say little to a reader, and Chinese words that
// this entry's own words cut through ("公众" in "公众号", "流到" in "引流到").
import { type FeatureBuffer, featureSurface } from "./featurizer";
import { KIND_CJK } from "./features";

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
    if (v <= MIN_PULL || buffer.readable[j] === 0) continue;
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
  for (let c = 0; c < found && out.length < MAX_CUES; c++) {
    const j = candidateIndex[c];
    if (overlapsChosen(buffer, chosen, j) || cutsAWord(buffer, j, ngrams)) continue;
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
 * True when the Chinese span j is not a word of this entry: a longer word found in the entry contains it ("公众" in
 * "公众号"), or a more common word crosses one of its edges ("流到" in "引流到", crossed by "引流"). Words are the shown
 * features; buffer.readable ranks the single dictionary words (2–255, more common higher; 1 for other cues).
 */
function cutsAWord(buffer: FeatureBuffer, j: number, ngrams: number): boolean {
  const start = buffer.tokenAt[j];
  const end = start + buffer.length[j];
  const { kind } = buffer.tokens;
  for (let t = start; t < end; t++) if (kind[t] !== KIND_CJK) return false;
  const rank = buffer.readable[j];
  for (let k = 0; k < ngrams; k++) {
    const other = buffer.readable[k];
    if (k === j || other < 2) continue;
    const ks = buffer.tokenAt[k];
    const ke = ks + buffer.length[k];
    const crosses = (ks < start && start < ke) || (ks < end && end < ke);
    if (!crosses) continue;
    if (ks <= start && end <= ke) return true;
    if (other > rank) return true;
  }
  return false;
}
