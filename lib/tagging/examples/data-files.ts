// Training data kept as JSON Lines under lib/tagging/data/ (real operators' lines, persona-written bank entries):
// every *.jsonl file there is training data except files named holdout.jsonl, which are only ever evaluated on.
// Read synchronously once, in a fixed order (sorted paths), so the base model stays deterministic.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseLabelledLines } from "../jsonl";
import { languageOf } from "../metrics";
import type { TrainingExample } from "../base-model";
import { isRoleKey, isStageKey, type LabelledExample } from "../types";
import { sourceGroup } from "./writers";

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
 * directory; `sourceLines` how many lines of the file share its source group (sourceLineCounts; a real line's weight
 * is capped by it, realWeight). Null when the line is not a labelled entry.
 */
export function trainingExample(
  obj: { text?: unknown; role?: unknown; stage?: unknown; lang?: unknown; of?: unknown }, file: string, sourceLines = 1,
): TrainingExample | null {
  const { text, role, stage } = obj;
  if (typeof text !== "string" || text.trim().length === 0 || !isRoleKey(role) || !isStageKey(stage)) return null;
  if (!isAugmentFile(file)) return isRealFile(file) ? { text, role, stage, weight: realWeight(sourceLines) } : { text, role, stage };
  const of = typeof obj.of === "string" ? { of: obj.of } : {};
  if (!isRealFile(file)) return { text, role, stage, weight: AUGMENT_SHARE, augment: true, stageShare: BANK_AUGMENT_STAGE_SHARE, ...of };
  const lang = obj.lang === "zh" || obj.lang === "en" ? obj.lang : languageOf(text);
  return { text, role, stage, weight: AUGMENT_SHARE * realWeight(sourceLines), augment: true, stageShare: AUGMENT_STAGE_SHARE[lang], ...of };
}

/**
 * How many lines each source group (repository or site, writers.ts sourceGroup) has among `objs`, the parsed lines of
 * one file; lines without a source count alone.
 */
export function sourceLineCounts(objs: readonly { source?: unknown }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const obj of objs) {
    if (typeof obj.source !== "string") continue;
    const group = sourceGroup(obj.source);
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return counts;
}

/** The lines of `obj`'s source group in `counts` (1 when it has no source). */
export function sourceLinesOf(obj: { source?: unknown }, counts: ReadonlyMap<string, number>): number {
  return typeof obj.source === "string" ? counts.get(sourceGroup(obj.source)) ?? 1 : 1;
}

/**
 * Training weight of a real operator's line against a written bank line: real lines are the target domain and were few
 * (cross-validated, scripts/cv.ts: 1 → 3 moved real-line macro-F1 role 0.516 → 0.528, stage 0.591 → 0.617 together
 * with the stronger role→stage prior; the bank stayed within 0.005). 3 → 2.5 in session 14, with 6,337 real training
 * lines (far fewer when 3 was chosen): CV real role / stage / both 0.660 / 0.666 / 0.540 → 0.660 / 0.668 / 0.541, bank
 * both 0.826 → 0.828; 5 seeds, real hold-out 0.652 / 0.678 / 0.537 → 0.651 / 0.678 / 0.535, bank hold-out both 0.837 →
 * 0.842 (3.5: the bank's both 0.831, real unchanged).
 */
export const REAL_WEIGHT = 2.5;

/**
 * A source group (one repository or site) with more training lines than this shares REAL_SOURCE_CAP lines' weight
 * among them, so that one writer (a job board's duty lists, one conference's organiser notes) cannot dominate what the
 * base learns from real lines. Lines are weighted down, never dropped.
 */
export const REAL_SOURCE_CAP = 60;

/** Training weight of a real line whose source group has `sourceLines` lines: REAL_WEIGHT × min(1, cap / lines). */
export function realWeight(sourceLines: number): number {
  return REAL_WEIGHT * Math.min(1, REAL_SOURCE_CAP / Math.max(1, sourceLines));
}

/**
 * Lines made from real training lines, labels unchanged (SOURCES.md): rewordings (real/paraphrase.jsonl: each line two
 * other ways, as two other operators would log the same work) and translations (real/translation.jsonl: each line once
 * in the other language, as an operator of that language would log it). They teach the heads the other words for the
 * same work. Each counts this share of a real line (its source group capped in its own file) and is an `augment`
 * example (base-model.ts): never a nearest example, a prior or a calibration line.
 */
export const PARAPHRASE_FILE = "paraphrase.jsonl";
export const TRANSLATION_FILE = "translation.jsonl";
export const AUGMENT_FILES: readonly string[] = [PARAPHRASE_FILE, TRANSLATION_FILE];
export const AUGMENT_SHARE = 0.5;
/**
 * What an augment line teaches the stage head, as a share of what it teaches the role head, by its language (its lang
 * field, else its text). All at 1 moved real lines' stage (CV +0.012) but cost the written bank's (CV bank both
 * −0.006, 6 sd); Chinese lines at 0.3 with the translations moved real Chinese stage (hold-out zh 0.669 → 0.692, 5
 * seeds) and left the bank's; English lines at 0.3 cost real English stage (0.675 → 0.663). Chinese rewordings at 0.3
 * without the translations moved nothing (bench/RESULTS.md).
 */
export const AUGMENT_STAGE_SHARE = { zh: 0.3, en: 0 } as const;

/**
 * bank/translation.jsonl: every bank line of the training personas once in the other language, as an operator of that
 * language would log the same work (PERSONAS.md, session 16). Each counts AUGMENT_SHARE of a bank line and teaches the
 * stage head in full. The Chinese lines in English moved written English stage (dev2 en 0.896 → 0.910, bank hold-out
 * en 0.892 → 0.898, 5 seeds), where real lines' English augment lines had cost real stage; the English lines in
 * Chinese then moved written Chinese (dev2 zh role 0.914 → 0.929, bank hold-out zh both 0.873 → 0.898) and CV real
 * Chinese both 0.532 → 0.546. bank/paraphrase.jsonl, every English training bank line reworded once as another
 * operator would log the same work, is read the same way: bank hold-out English role 0.879 → 0.888, CV bank English
 * role 0.880 → 0.885, CV real English role 0.657 → 0.661.
 */
export const BANK_AUGMENT_STAGE_SHARE = 1;

/** True when `example` is one of the `dropped` lines (by text) or was made from one (its `of`): an ablation drops both. */
export function isDroppedBy(dropped: ReadonlySet<string>, example: { text: string; of?: string }): boolean {
  return dropped.has(example.text) || (example.of !== undefined && dropped.has(example.of));
}

/** The files of lines made from other training lines: AUGMENT_FILES under real/ and under bank/. */
export function isAugmentFile(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  if (parts.length !== 2) return false;
  return (parts[0] === "real" || parts[0] === "bank") && AUGMENT_FILES.includes(parts[1]);
}

/** Files of real operators' lines (the target domain) sit under real/. */
export function isRealFile(relative: string): boolean {
  return relative.split(/[\\/]/)[0] === "real";
}

/** The training lines of one data file (`file` relative to the data directory `dir`); malformed lines are skipped. */
export function readTrainingFile(dir: string, file: string): TrainingExample[] {
  return trainingLines(readFileSync(path.join(dir, file), "utf8"), file);
}

/** The training lines in `content`, the text of the data file `file`. */
function trainingLines(content: string, file: string): TrainingExample[] {
  const objs: Record<string, unknown>[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (line.trim().length === 0) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      continue;
    }
    if (obj !== null && typeof obj === "object") objs.push(obj as Record<string, unknown>);
  }
  const counts = sourceLineCounts(objs);
  const out: TrainingExample[] = [];
  for (const obj of objs) {
    const example = trainingExample(obj, file, sourceLinesOf(obj, counts));
    if (example !== null) out.push(example);
  }
  return out;
}

/** The training files under `dir` (hold-out files excluded), relative names, sorted. */
function trainingFiles(dir: string): string[] {
  return jsonlFiles(dir).filter((f) => path.basename(f) !== HOLDOUT_FILE).map((f) => path.relative(dir, f));
}

/**
 * The training lines of the files under `dir` as a lazy set: a fingerprint of what they are made of (each file's name
 * and bytes, and the code that turns them into examples), and the examples themselves, parsed only when read. The
 * model cache keys its file by the fingerprint, so a process that finds the model cached never parses the data
 * (30–40 ms of every start of the tag CLI).
 */
export function trainingFileSet(dir: string | null): { fingerprint: string; read: () => TrainingExample[] } {
  const hash = createHash("sha256");
  hash.update(`${HOLDOUT_FILE}\0${REAL_WEIGHT}\0${REAL_SOURCE_CAP}\0${AUGMENT_FILES.join(",")}\0${AUGMENT_SHARE}\0${AUGMENT_STAGE_SHARE.zh}\0${AUGMENT_STAGE_SHARE.en}\0${BANK_AUGMENT_STAGE_SHARE}\0`);
  const parsing = [
    trainingFiles, jsonlFiles, trainingLines, trainingExample, isRealFile, isAugmentFile, sourceLineCounts, sourceLinesOf,
    realWeight, sourceGroup, languageOf,
  ];
  for (const code of parsing) hash.update(`${String(code)}\0`);
  // The bytes hashed are the bytes parsed, should a file change meanwhile.
  const files = (dir === null ? [] : trainingFiles(dir)).map((file) => ({ file, bytes: readFileSync(path.join(dir!, file)) }));
  for (const { file, bytes } of files) {
    hash.update(`\u0001${file}\u0001`);
    hash.update(bytes);
  }
  return {
    fingerprint: hash.digest("hex"),
    read: () => files.flatMap(({ file, bytes }) => trainingLines(bytes.toString("utf8"), file)),
  };
}

let cached: TrainingExample[] | null = null;

/** Every training line under lib/tagging/data/ (hold-out files excluded); empty when the directory is absent. */
export function dataTrainingExamples(): TrainingExample[] {
  if (cached) return cached;
  const dir = dataDirectory();
  cached = dir === null ? [] : trainingFiles(dir).flatMap((file) => readTrainingFile(dir, file));
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
