// Picks the cues behind a tag: the features of the entry that pulled hardest towards the chosen label,
// shown as they are written in the entry, without overlapping spans ("公众号" rather than also "公众" and "众号"),
// leaving out lone Chinese characters and spans with numbers, which say little to a reader.
import { type FeatureBuffer, featureSurface } from "./featurizer";

const MAX_CUES = 4;

/**
 * @param contributions pull of each n-gram feature j (0 ≤ j < ngrams) towards the chosen class, logit units
 */
export function topCues(
  text: string,
  buffer: FeatureBuffer,
  contributions: Float64Array,
  ngrams: number,
): { cue: string; weight: number }[] {
  const out: { cue: string; weight: number }[] = [];
  const chosen: number[] = [];
  for (let pick = 0; pick < MAX_CUES; pick++) {
    let best = -1;
    let bestValue = 0.005;
    for (let j = 0; j < ngrams; j++) {
      const v = contributions[j];
      if (v <= bestValue) continue;
      if (buffer.readable[j] === 0 || overlapsChosen(buffer, chosen, j)) continue;
      best = j;
      bestValue = v;
    }
    if (best < 0) break;
    chosen.push(best);
    contributions[best] = 0;
    out.push({ cue: featureSurface(text, buffer, best), weight: Math.round(bestValue * 100) / 100 });
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
