// The training lines cross-validation runs over (scripts/cv.ts, scripts/cv-teams.ts, scripts/fit-review.ts): every line
// under lib/tagging/data/ except the hold-outs, grouped by writer (a real line's organisation, as the hold-out split
// groups them: lib/tagging/examples/writers.ts; a bank line's persona file), each group in the fold its name hashes to, and each
// line tagged by a base built without its fold (with the review signals it recorded).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type BuildOverrides, buildModel, type LabelledExample, TAXONOMY, type TagResult } from "../lib/tagging";
import type { TrainingExample } from "../lib/tagging/base-model";
import { EXAMPLE_BANK } from "../lib/tagging/examples";
import {
  dataDirectory, HOLDOUT_FILE, isAugmentFile, isDroppedBy, jsonlFiles, sourceLineCounts, sourceLinesOf, trainingExample,
} from "../lib/tagging/examples/data-files";
import { organisation, sourceGroup } from "../lib/tagging/examples/writers";
import { languageOf } from "../lib/tagging/metrics";
import { lastReviewSignals } from "../lib/tagging/model";

export interface Line extends TrainingExample {
  lang: "zh" | "en";
  /**
   * Where it was read: a real line's `source`, a bank line's file (e.g. bank/k12-edu.jsonl); a line made from a bank
   * line (bank/translation.jsonl, bank/paraphrase.jsonl) names its persona ("persona:k12-edu").
   */
  source: string;
  /** The writer: a real line's organisation (GitHub owner, site's domain), a bank line's persona file. */
  group: string;
  /**
   * Rewordings and translations (paraphrase.jsonl, translation.jsonl under real/ and bank/) are "augment": trained on
   * in their original's fold, never scored.
   */
  domain: "real" | "bank" | "augment";
}

/** Every training line under lib/tagging/data/ with its group (organisation for real lines, persona file for the bank). */
export function readLines(): Line[] {
  const dir = dataDirectory();
  if (dir === null) throw new Error("no lib/tagging/data directory");
  const out: Line[] = [];
  for (const file of jsonlFiles(dir)) {
    if (path.basename(file) === HOLDOUT_FILE) continue;
    const rel = path.relative(dir, file);
    const domain = isAugmentFile(rel) ? "augment" : rel.startsWith("real") ? "real" : "bank";
    const raws = readFileSync(file, "utf8").split(/\r?\n/).filter((raw) => raw.trim().length > 0);
    const objs = raws.map((raw) => JSON.parse(raw) as { text: string; role: string; stage: string; lang?: string; source?: string; of?: string });
    const counts = sourceLineCounts(objs);
    for (const [i, raw] of raws.entries()) {
      const obj = objs[i];
      const example = trainingExample(obj, rel, sourceLinesOf(obj, counts));
      if (example === null) continue;
      const lang = obj.lang === "zh" || obj.lang === "en" ? obj.lang : languageOf(obj.text);
      const source = domain === "bank" ? rel : obj.source ?? raw;
      out.push({ ...example, lang, source, group: groupOf(rel, domain, source), domain });
    }
  }
  return out;
}

/**
 * A line's writer: a bank line's persona file; a line made from one (bank/translation.jsonl, bank/paraphrase.jsonl)
 * the file of the persona it names ("persona:k12-edu" → bank/k12-edu.jsonl), so that it trains in that persona's fold;
 * a real line's organisation, its rewordings' and translations' too.
 */
function groupOf(rel: string, domain: Line["domain"], source: string): string {
  if (domain === "bank") return rel;
  if (source.startsWith("persona:")) return `bank/${source.slice("persona:".length)}.jsonl`;
  // A made bank line without its persona would train in a fold its original may be scored in.
  if (rel.split(/[\\/]/)[0] === "bank") throw new Error(`${rel}: a line made from a bank line must name its persona ("persona:…"), not ${source}`);
  return organisation(sourceGroup(source));
}

/**
 * Prefix of the hashed group name. Any fixed value keeps every group in its fold as groups come and go; this one gave
 * even folds on the 2026-12-06 data (of 0-199, the second by largest-to-smallest fold, chosen over the first for its
 * even bank folds). Changing it reshuffles every fold: change it only on purpose, and re-measure the baseline then.
 */
const FOLD_SALT = "48:";

/**
 * A group's fold: the md5 of its name modulo K. It depends on nothing but the name, so adding or removing a group (a
 * data batch, an ablation) moves no other group's lines, and the figures of the other lines move only by what their
 * bases learn from it. Dealing groups largest-first into the lightest fold, as before, moved about 2,340 other lines
 * to new folds on any new group: adding one 42-line English repository moved real zh both-right by -0.016 (173 of
 * 1,640 zh lines changed outcome); hashed, by -0.002 (92 lines). Folds are less even than dealt (2026-12-06, lines per
 * fold: real zh 237-427, real en 319-465, bank 531-656); every line is still scored once.
 */
export function foldOf(group: string, K: number): number {
  return createHash("md5").update(FOLD_SALT + group).digest().readUInt32BE(0) % K;
}

/** Each group's fold (foldOf). */
export function assignFolds(lines: readonly Line[], K: number): Map<string, number> {
  const fold = new Map<string, number>();
  for (const l of lines) if (!fold.has(l.group)) fold.set(l.group, foldOf(l.group, K));
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
 * K-fold CV grouped by writer (assignFolds): for each fold a base built from everything else (taxonomy, lib/tagging/examples, the
 * other folds) exactly as the app builds it tags the fold.
 */
export function crossValidate(
  K: number, opts: { build?: BuildOverrides; threshold?: number; drop?: ReadonlySet<string> } = {},
): CrossValidation {
  const all = readLines();
  const fold = assignFolds(all, K);
  const drop = opts.drop;
  const lines = drop === undefined ? all : all.filter((l) => !isDroppedBy(drop, l));
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
