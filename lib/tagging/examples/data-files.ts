// Training data kept as JSON Lines under lib/tagging/data/ (real operators' lines, persona-written bank entries):
// every *.jsonl file there is training data except files named holdout.jsonl, which are only ever evaluated on.
// Read synchronously once, in a fixed order (sorted paths), so the base model stays deterministic.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseLabelledLines } from "../jsonl";
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
): LabelledExample | null {
  void file;
  const { text, role, stage } = obj;
  if (typeof text !== "string" || text.trim().length === 0 || !isRoleKey(role) || !isStageKey(stage)) return null;
  return { text, role, stage };
}

let cached: LabelledExample[] | null = null;

/** Every training line under lib/tagging/data/ (hold-out files excluded); empty when the directory is absent. */
export function dataTrainingExamples(): LabelledExample[] {
  if (cached) return cached;
  const dir = dataDirectory();
  cached = dir === null
    ? []
    : jsonlFiles(dir).filter((f) => path.basename(f) !== HOLDOUT_FILE).flatMap(readLabelledFile);
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
