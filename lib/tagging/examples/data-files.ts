// Training data kept as JSON Lines under lib/tagging/data/ (real operators' lines, persona-written bank entries):
// every *.jsonl file there is training data except files named holdout.jsonl, which are only ever evaluated on.
// Read synchronously once, in a fixed order (sorted paths), so the base model stays deterministic.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseLabelledLines } from "../jsonl";
import type { TrainingExample } from "../base-model";
import { isRoleKey, isStageKey, type LabelledExample } from "../types";

export const HOLDOUT_FILE = "holdout.jsonl";

/** The data directory: beside this file when run from source, else under the working directory (bundled server). */
export function dataDirectory(): string | null {
  // turbopackIgnore: the data is read at run time from the checkout; the build need not trace the project for it.
  const candidates = [
    path.resolve(/*turbopackIgnore: true*/ __dirname, "..", "data"),
    path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib", "tagging", "data"),
  ];
  for (const dir of candidates) if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  return null;
}

/** JSONL files under `dir`, recursively, sorted by relative path. */
export function jsonlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".jsonl")) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** Labelled lines of one file; malformed lines are skipped (the data helpers' own checks report them). */
export function readLabelledFile(file: string): LabelledExample[] {
  return parseLabelledLines(readFileSync(file, "utf8"), () => {});
}

/**
 * One parsed line of a training file as the base model is trained on it; `file` is its path relative to the data
 * directory. Null when the line is not a labelled entry.
 */
export function trainingExample(
  obj: { text?: unknown; role?: unknown; stage?: unknown }, file: string,
): TrainingExample | null {
  const { text, role, stage } = obj;
  if (typeof text !== "string" || text.trim().length === 0 || !isRoleKey(role) || !isStageKey(stage)) return null;
  return isRealFile(file) ? { text, role, stage, weight: REAL_WEIGHT } : { text, role, stage };
}

/**
 * Training weight of a real operator's line against a written bank line: real lines are the target domain and few
 * (cross-validated, scripts/cv.ts: 1 → 3 moved real-line macro-F1 role 0.516 → 0.528, stage 0.591 → 0.617 together
 * with the stronger role→stage prior; the bank stayed within 0.005).
 */
export const REAL_WEIGHT = 3;

/** Files of real operators' lines (the target domain) sit under real/. */
export function isRealFile(relative: string): boolean {
  return relative.split(/[\\/]/)[0] === "real";
}

/** The training lines of one data file (`file` relative to the data directory `dir`); malformed lines are skipped. */
export function readTrainingFile(dir: string, file: string): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const line of readFileSync(path.join(dir, file), "utf8").split(/\r?\n/)) {
    if (line.trim().length === 0) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      continue;
    }
    if (obj === null || typeof obj !== "object") continue;
    const example = trainingExample(obj as Record<string, unknown>, file);
    if (example !== null) out.push(example);
  }
  return out;
}

let cached: TrainingExample[] | null = null;

/** Every training line under lib/tagging/data/ (hold-out files excluded); empty when the directory is absent. */
export function dataTrainingExamples(): TrainingExample[] {
  if (cached) return cached;
  const dir = dataDirectory();
  cached = dir === null
    ? []
    : jsonlFiles(dir).filter((f) => path.basename(f) !== HOLDOUT_FILE).flatMap((f) => readTrainingFile(dir, path.relative(dir, f)));
  return cached;
}

/** The hold-out files under lib/tagging/data/ (e.g. real/holdout.jsonl, bank/holdout.jsonl), relative names. */
export function dataHoldoutFiles(): { name: string; file: string }[] {
  const dir = dataDirectory();
  if (dir === null) return [];
  return jsonlFiles(dir)
    .filter((f) => path.basename(f) === HOLDOUT_FILE)
    .map((file) => ({ name: path.relative(dir, file), file }));
}
