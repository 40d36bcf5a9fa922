// The training lines cross-validation runs over (scripts/cv.ts, scripts/cv-teams.ts, scripts/fit-review.ts): every line
// under lib/tagging/data/ except the hold-outs, grouped by source (page for real lines, persona file for the bank), the
// groups dealt to folds, and each line tagged by a base built without its fold (with the review signals it recorded).
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildModel, type LabelledExample, TAXONOMY, type TagResult } from "../lib/tagging";
import { EXAMPLE_BANK } from "../lib/tagging/examples";
import { dataDirectory, HOLDOUT_FILE, jsonlFiles, trainingExample } from "../lib/tagging/examples/data-files";
import { languageOf } from "../lib/tagging/metrics";
import { lastReviewSignals } from "../lib/tagging/model";

export interface Line extends LabelledExample {
  lang: "zh" | "en";
  group: string;
  domain: "real" | "bank";
}

/** Every training line under lib/tagging/data/ with its group (page for real lines, persona file for the bank). */
export function readLines(): Line[] {
  const dir = dataDirectory();
  if (dir === null) throw new Error("no lib/tagging/data directory");
  const out: Line[] = [];
  for (const file of jsonlFiles(dir)) {
    if (path.basename(file) === HOLDOUT_FILE) continue;
    const rel = path.relative(dir, file);
    const domain = rel.startsWith("real") ? "real" : "bank";
    for (const raw of readFileSync(file, "utf8").split(/\r?\n/)) {
      if (raw.trim().length === 0) continue;
      const obj = JSON.parse(raw) as { text: string; role: string; stage: string; lang?: string; source?: string };
      const example = trainingExample(obj, rel);
      if (example === null) continue;
      const lang = obj.lang === "zh" || obj.lang === "en" ? obj.lang : languageOf(obj.text);
      out.push({ ...example, lang, group: domain === "real" ? `${obj.source ?? raw}` : rel, domain });
    }
  }
  return out;
}

/** Groups to folds: largest group first into the fold with the fewest lines (per domain), ties by group name. */
export function assignFolds(lines: Line[], K: number): Map<string, number> {
  const fold = new Map<string, number>();
  for (const domain of ["real", "bank"] as const) {
    const sizes = new Map<string, number>();
    for (const l of lines) if (l.domain === domain) sizes.set(l.group, (sizes.get(l.group) ?? 0) + 1);
    const groups = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const load = new Array(K).fill(0);
    for (const [g, n] of groups) {
      let best = 0;
      for (let k = 1; k < K; k++) if (load[k] < load[best]) best = k;
      fold.set(g, best);
      load[best] += n;
    }
  }
  return fold;
}

export interface CrossValidation {
  lines: Line[];
  /** Each line's fold. */
  folds: number[];
  results: TagResult[];
  /** Each line's review signals (lib/tagging/review.ts SIGNAL_NAMES) from the base that tagged it. */
  signals: Float64Array[];
  groups: number;
  seconds: number;
}

/**
 * K-fold CV grouped by source: for each fold a base built from everything else (taxonomy, lib/tagging/examples, the
 * other folds) exactly as the app builds it tags the fold.
 */
export function crossValidate(
  K: number, opts: { build?: Record<string, unknown>; threshold?: number; drop?: ReadonlySet<string> } = {},
): CrossValidation {
  const all = readLines();
  // Folds are dealt before dropping, so the lines kept stay in the same folds (no reshuffle noise in an ablation).
  const fold = assignFolds(all, K);
  const drop = opts.drop;
  const lines = drop === undefined ? all : all.filter((l) => !drop.has(l.text));
  const fixed: LabelledExample[] = [...TAXONOMY.canonicalExamples, ...EXAMPLE_BANK];
  const results: TagResult[] = new Array(lines.length);
  const signals: Float64Array[] = new Array(lines.length);
  const started = performance.now();
  for (let k = 0; k < K; k++) {
    const train = [...fixed, ...lines.filter((l) => fold.get(l.group) !== k)];
    const model = buildModel(train, { frozen: true, build: opts.build });
    lines.forEach((l, i) => {
      if (fold.get(l.group) !== k) return;
      results[i] = model.classify(l.text, { reviewThreshold: opts.threshold });
      signals[i] = Float64Array.from(lastReviewSignals());
    });
  }
  const seconds = (performance.now() - started) / 1000;
  return { lines, folds: lines.map((l) => fold.get(l.group) as number), results, signals, groups: fold.size, seconds };
}
