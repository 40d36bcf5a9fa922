// Pools a collection round's real operators' lines (lib/tagging/data/real/SOURCES.md, "Method") before they are labelled
// blind: checks each line, drops what the method excludes, and decides each line's side of the hold-out split by rule,
// before any engine output is looked at. Sessions 13–18 each wrote this by hand; the rules are the ones SOURCES.md states.
//   - a line repeating a real line, a rewording, a translation, a pending line or an earlier pooled line (after NFKC,
//     case, punctuation and spaces) is dropped;
//   - so is a line from a page, repository or site that ../shared/eval/real-dev-sources.md lists, or from any
//     organisation with a page there (since session 18: no team that wrote real-dev's lines is trained on or held out);
//   - at most POOL_GROUP_CAP lines a repository or site, counting the lines already in the files;
//   - side: an organisation already in train.jsonl or holdout.jsonl (or pending, on the training side) keeps its side; a
//     new one goes to the hold-out when the first hex digit of md5(organisation) is 0–3 (about 1 in 4).
// Usage:
//   npx tsx scripts/real-pool.ts BATCH.jsonl... [--out FILE]
//     BATCH.jsonl  a collector's lines: {"text","lang","role","stage","source"} (the batch is named after the file)
//     --out FILE   write the pooled lines ({"batch", ...line, "side"}) as JSONL (default: only the counts are printed)
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { organisation, sourceGroup } from "../lib/tagging/examples/writers";
import { isRoleKey, isStageKey } from "../lib/tagging/types";

/** At most this many lines a repository or site (SOURCES.md, "Thirteenth collection"). */
export const POOL_GROUP_CAP = 25;

export interface CollectedLine {
  text: string;
  lang: "zh" | "en";
  role: string;
  stage: string;
  source: string;
}

export interface PooledLine extends CollectedLine {
  batch: string;
  side: "train" | "holdout";
}

/** What is already there: the real files' lines, the pending ones, and the texts of the rewordings and translations. */
export interface Existing {
  train: readonly { text: string; source: string }[];
  holdout: readonly { text: string; source: string }[];
  /** Training-side lines not trained on yet (pending/*.jsonl.pending, real lines only). */
  pending: readonly { text: string; source: string }[];
  /** Rewordings and translations: only their texts count (as taken). */
  augment: readonly { text: string }[];
}

export interface PoolResult {
  lines: PooledLine[];
  /** Why lines were dropped, with counts ("duplicate", "real-dev page", "real-dev organisation nodejs", …). */
  dropped: Map<string, number>;
}

export const normalised = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");

/** The side a new organisation's lines go to: the hold-out when the first hex digit of md5(organisation) is 0–3. */
export function newOrganisationSide(org: string): "train" | "holdout" {
  return parseInt(createHash("md5").update(org).digest("hex")[0], 16) <= 3 ? "holdout" : "train";
}

/** The source groups and organisations of every address and `owner/repo:path` that real-dev-sources.md names. */
export function realDevSources(markdown: string): { groups: Set<string>; organisations: Set<string> } {
  const groups = new Set<string>();
  const text = markdown.toLowerCase();
  for (const m of text.matchAll(/https?:\/\/[^\s|)>\]]+/g)) groups.add(sourceGroup(m[0]));
  for (const m of text.matchAll(/(?<![\w/.-])([\w.-]+\/[\w.-]+):/g)) groups.add(sourceGroup(m[0]));
  return { groups, organisations: new Set([...groups].map(organisation)) };
}

/** Problems with one collected line (empty when it is well-formed). */
export function lineProblem(line: unknown): string {
  if (typeof line !== "object" || line === null) return "not an object";
  const l = line as Record<string, unknown>;
  if (typeof l.text !== "string" || normalised(l.text).length < 2) return "no text";
  if (l.lang !== "zh" && l.lang !== "en") return `lang "${String(l.lang)}" is neither zh nor en`;
  if (!isRoleKey(l.role as string)) return `role "${String(l.role)}" is not one of GUIDE.md's`;
  if (!isStageKey(l.stage as string)) return `stage "${String(l.stage)}" is not one of GUIDE.md's`;
  if (typeof l.source !== "string" || l.source.trim() === "") return "no source";
  return "";
}

export function pool(batches: readonly { name: string; lines: readonly CollectedLine[] }[], existing: Existing, realDev: string): PoolResult {
  const taken = new Set<string>();
  for (const l of [...existing.train, ...existing.holdout, ...existing.pending, ...existing.augment]) taken.add(normalised(l.text));
  const side = new Map<string, "train" | "holdout">();
  const inGroup = new Map<string, number>();
  for (const [lines, s] of [[existing.train, "train"], [existing.pending, "train"], [existing.holdout, "holdout"]] as const) {
    for (const l of lines) {
      const group = sourceGroup(l.source);
      side.set(organisation(group), s);
      inGroup.set(group, (inGroup.get(group) ?? 0) + 1);
    }
  }
  const dev = realDevSources(realDev);
  const dropped = new Map<string, number>();
  const drop = (why: string) => dropped.set(why, (dropped.get(why) ?? 0) + 1);
  const lines: PooledLine[] = [];
  for (const batch of batches) {
    for (const line of batch.lines) {
      const problem = lineProblem(line);
      if (problem !== "") {
        drop(`malformed (${problem})`);
        continue;
      }
      const key = normalised(line.text);
      if (taken.has(key)) {
        drop("duplicate");
        continue;
      }
      const group = sourceGroup(line.source);
      const org = organisation(group);
      if (dev.groups.has(group)) {
        drop("real-dev page or repository");
        continue;
      }
      if (dev.organisations.has(org)) {
        drop(`real-dev organisation ${org}`);
        continue;
      }
      const n = inGroup.get(group) ?? 0;
      if (n >= POOL_GROUP_CAP) {
        drop(`over ${POOL_GROUP_CAP} a repository or site`);
        continue;
      }
      inGroup.set(group, n + 1);
      taken.add(key);
      const s = side.get(org) ?? newOrganisationSide(org);
      side.set(org, s);
      lines.push({ batch: batch.name, text: line.text, lang: line.lang, role: line.role, stage: line.stage, source: line.source, side: s });
    }
  }
  return { lines, dropped };
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8").split("\n").flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      throw new Error(`${file}:${i + 1} is not JSON: fix or remove that line`);
    }
  });
}

function main(argv: string[]): void {
  let out = "";
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = argv[++i] ?? "";
    else files.push(argv[i]);
  }
  if (files.length === 0 || (argv.includes("--out") && out === "")) {
    process.stderr.write("Usage: npx tsx scripts/real-pool.ts BATCH.jsonl... [--out FILE]\n");
    process.exit(2);
  }
  const dir = path.resolve(__dirname, "../lib/tagging/data/real");
  const read = (name: string) => readJsonl(path.join(dir, name)) as { text: string; source: string }[];
  const pendingFiles = readdirSync(path.join(dir, "pending")).map((f) => path.join("pending", f));
  // Pending rewordings and translations name their original (`of`); pending real lines do not.
  const pendingAll = pendingFiles.flatMap((f) => read(f) as { text: string; source: string; of?: string }[]);
  const existing: Existing = {
    train: read("train.jsonl"),
    holdout: read("holdout.jsonl"),
    pending: pendingAll.filter((l) => l.of === undefined),
    augment: [...read("paraphrase.jsonl"), ...read("translation.jsonl"), ...pendingAll.filter((l) => l.of !== undefined)],
  };
  const batches = files.map((file) => {
    const lines = readJsonl(file);
    lines.forEach((l, i) => {
      const problem = lineProblem(l);
      if (problem !== "") process.stderr.write(`${file}:${i + 1}: ${problem} (dropped)\n`);
    });
    return { name: path.basename(file, ".jsonl"), lines: lines as unknown as CollectedLine[] };
  });
  // ../shared beside the repository (../../shared from a worktree), as scripts/eval.ts finds it.
  const root = path.resolve(__dirname, "..");
  const sourcesFile = [process.env.OPSMIX_SHARED_EVAL, path.resolve(root, "../shared/eval"), path.resolve(root, "../../shared/eval")]
    .map((dir) => dir && path.join(dir, "real-dev-sources.md"))
    .find((file) => file && existsSync(file));
  if (!sourcesFile) {
    process.stderr.write("no ../shared/eval/real-dev-sources.md beside the repository (set OPSMIX_SHARED_EVAL): it decides what to leave out\n");
    process.exit(2);
  }
  const realDev = readFileSync(sourcesFile, "utf8");
  const { lines, dropped } = pool(batches, existing, realDev);
  const count = (f: (l: PooledLine) => boolean) => lines.filter(f).length;
  console.log(`pooled ${lines.length} lines (zh ${count((l) => l.lang === "zh")}, en ${count((l) => l.lang === "en")}): ` +
    `${count((l) => l.side === "train")} training side, ${count((l) => l.side === "holdout")} hold-out`);
  for (const [why, n] of [...dropped].sort((a, b) => b[1] - a[1])) console.log(`  dropped ${n}: ${why}`);
  if (out !== "") writeFileSync(out, lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length > 0 ? "\n" : ""));
}

if (require.main === module) main(process.argv.slice(2));
