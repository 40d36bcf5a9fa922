// Pools a collection round's real lines before they are labelled blind, by the rules of lib/tagging/data/real/SOURCES.md
// ("Method"): repeats, real-dev's sources and teams, the caps, and each line's side of the hold-out split.
// Usage:
//   npx tsx scripts/real-pool.ts BATCH.jsonl... [--out FILE]
//     BATCH.jsonl  a collector's lines: {"text","lang","role","stage","source"} (the batch is named after the file)
//     --out FILE   write the pooled lines ({"batch", ...line, "side"}) as JSONL (without it only the counts are printed)
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseLabelled } from "../lib/tagging/jsonl";
import { comparableText, organisation, sourceGroup } from "../lib/tagging/examples/writers";
import type { RoleKey, StageKey } from "../lib/tagging/types";

/** At most this many lines a repository or site, and a page, counting the lines already in the files. */
export const POOL_GROUP_CAP = 25;
export const POOL_PAGE_CAP = 8;

export interface CollectedLine {
  text: string;
  lang: "zh" | "en";
  role: RoleKey;
  stage: StageKey;
  source: string;
}

export interface PooledLine extends CollectedLine {
  batch: string;
  side: "train" | "holdout";
}

/** What is already there. */
export interface Existing {
  train: readonly { text: string; source: string }[];
  holdout: readonly { text: string; source: string }[];
  /** Training-side real lines not trained on yet (pending/*.jsonl.pending without `of`). */
  pending: readonly { text: string; source: string }[];
  /** Rewordings and translations (with `of`), pending or not: only their texts count, as taken. */
  augment: readonly { text: string }[];
}

export interface PoolResult {
  lines: PooledLine[];
  /** Why lines were left out, with counts ("repeats a line", "real-dev organisation nodejs", …). */
  dropped: Map<string, number>;
}

/** The side a new organisation's lines go to: the hold-out when the first hex digit of md5(organisation) is 0–3. */
export function newOrganisationSide(org: string): "train" | "holdout" {
  return parseInt(createHash("md5").update(org).digest("hex")[0], 16) <= 3 ? "holdout" : "train";
}

/** Punctuation that closes a sentence or a table cell after an address, not part of it. */
const TRAILING = /[.,;:!?"'`)\]}>，。；：！？）】」”’]+$/u;

/**
 * The source groups and organisations that real-dev-sources.md names: every address, every `owner/repo:path` (a colon
 * followed by a path), and the web site a repository named like a domain publishes (cosname/cosx.org → cosx.org,
 * someone/someone.github.io): its team writes both.
 */
export function realDevSources(markdown: string): { groups: Set<string>; organisations: Set<string> } {
  const groups = new Set<string>();
  const add = (source: string) => {
    const group = sourceGroup(source);
    groups.add(group);
    const repository = /^[^/]+\/([^/]+\.[a-z]{2,})$/i.exec(group);
    if (repository) groups.add(sourceGroup(`https://${repository[1]}/`));
  };
  for (const m of markdown.matchAll(/https?:\/\/[^\s|<>()[\]`]+/g)) add(m[0].replace(TRAILING, ""));
  for (const m of markdown.matchAll(/(?<![\w/.:-])([\w.-]+\/[\w.-]+):(?=[^\s:])/g)) add(`${m[1]}:`);
  return { groups, organisations: new Set([...groups].map(organisation)) };
}

/** One collected JSONL line as a CollectedLine, or what is wrong with it. */
export function parseCollected(json: string): { ok: true; value: CollectedLine } | { ok: false; error: string } {
  const labelled = parseLabelled(json);
  if (!labelled.ok) return labelled;
  const { lang, source } = JSON.parse(json) as { lang?: unknown; source?: unknown };
  if (lang !== "zh" && lang !== "en") return { ok: false, error: `"lang" ${JSON.stringify(lang)} is neither "zh" nor "en"` };
  if (typeof source !== "string" || source.trim() === "") return { ok: false, error: 'missing "source" (the page URL or owner/repo:path)' };
  return { ok: true, value: { ...labelled.value, lang, source } };
}

export function pool(batches: readonly { name: string; lines: readonly CollectedLine[] }[], existing: Existing, realDev: string): PoolResult {
  const taken = new Set([...existing.train, ...existing.holdout, ...existing.pending, ...existing.augment].map((l) => comparableText(l.text)));
  const side = new Map<string, { side: "train" | "holdout"; file: string }>();
  const inGroup = new Map<string, number>();
  const onPage = new Map<string, number>();
  const files = [[existing.train, "train", "train.jsonl"], [existing.pending, "train", "pending/"], [existing.holdout, "holdout", "holdout.jsonl"]] as const;
  for (const [lines, s, file] of files) {
    for (const l of lines) {
      const group = sourceGroup(l.source);
      const org = organisation(group);
      const known = side.get(org);
      if (known && known.side !== s) {
        throw new Error(`organisation ${org} has lines in ${known.file} and in ${file}: move one side's lines (lib/tagging/data/real/real.test.ts checks train and holdout)`);
      }
      side.set(org, { side: s, file });
      inGroup.set(group, (inGroup.get(group) ?? 0) + 1);
      onPage.set(l.source, (onPage.get(l.source) ?? 0) + 1);
    }
  }
  const dev = realDevSources(realDev);
  const dropped = new Map<string, number>();
  const drop = (why: string) => dropped.set(why, (dropped.get(why) ?? 0) + 1);
  const lines: PooledLine[] = [];
  for (const batch of batches) {
    for (const line of batch.lines) {
      const key = comparableText(line.text);
      if (key === "") {
        drop("no words");
        continue;
      }
      if (taken.has(key)) {
        drop("repeats a line");
        continue;
      }
      const group = sourceGroup(line.source);
      const org = organisation(group);
      if (dev.groups.has(group)) {
        drop("real-dev page, repository or site");
        continue;
      }
      if (dev.organisations.has(org)) {
        drop(`real-dev organisation ${org}`);
        continue;
      }
      if ((inGroup.get(group) ?? 0) >= POOL_GROUP_CAP) {
        drop(`over ${POOL_GROUP_CAP} a repository or site`);
        continue;
      }
      if ((onPage.get(line.source) ?? 0) >= POOL_PAGE_CAP) {
        drop(`over ${POOL_PAGE_CAP} a page`);
        continue;
      }
      inGroup.set(group, (inGroup.get(group) ?? 0) + 1);
      onPage.set(line.source, (onPage.get(line.source) ?? 0) + 1);
      taken.add(key);
      const s = side.get(org)?.side ?? newOrganisationSide(org);
      side.set(org, { side: s, file: `batch ${batch.name}` });
      lines.push({ batch: batch.name, ...line, side: s });
    }
  }
  return { lines, dropped };
}

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npx tsx scripts/real-pool.ts BATCH.jsonl... [--out FILE]\n`);
  process.exit(2);
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A data file's objects (one JSON object a line; a line that is not JSON stops the run with its file and number). */
function readObjects<T>(file: string): T[] {
  return readText(file).split(/\r?\n/).flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as T];
    } catch {
      return fail(`${file}:${i + 1} is not JSON: fix or remove that line`);
    }
  });
}

/** ../shared/eval/real-dev-sources.md beside the repository (../../shared from a worktree), or OPSMIX_SHARED_EVAL's. */
function realDevSourcesFile(): string {
  const env = process.env.OPSMIX_SHARED_EVAL;
  if (env) {
    const file = path.join(env, "real-dev-sources.md");
    return existsSync(file) ? file : fail(`OPSMIX_SHARED_EVAL=${env} holds no real-dev-sources.md: point it at shared/eval`);
  }
  const root = path.resolve(__dirname, "..");
  const found = [path.resolve(root, "../shared/eval"), path.resolve(root, "../../shared/eval")]
    .map((dir) => path.join(dir, "real-dev-sources.md")).find((file) => existsSync(file));
  return found ?? fail("no ../shared/eval/real-dev-sources.md beside the repository (set OPSMIX_SHARED_EVAL): it says what to leave out");
}

function main(argv: string[]): void {
  let out = "";
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = argv[++i] ?? fail("--out needs a file name");
    else if (argv[i].startsWith("-")) fail(`unknown option ${argv[i]}`);
    else files.push(argv[i]);
  }
  if (files.length === 0) fail("name at least one batch file");
  const dir = path.resolve(__dirname, "../lib/tagging/data/real");
  const read = (name: string) => readObjects<{ text: string; source: string; of?: string }>(path.join(dir, name));
  const pending = existsSync(path.join(dir, "pending"))
    ? readdirSync(path.join(dir, "pending")).flatMap((f) => read(path.join("pending", f)))
    : [];
  const existing: Existing = {
    train: read("train.jsonl"),
    holdout: read("holdout.jsonl"),
    pending: pending.filter((l) => l.of === undefined),
    augment: [...read("paraphrase.jsonl"), ...read("translation.jsonl"), ...pending.filter((l) => l.of !== undefined)],
  };
  let bad = 0;
  const batches = files.map((file) => ({
    name: path.basename(file, ".jsonl"),
    lines: readText(file).split(/\r?\n/).flatMap((json, i) => {
      if (json.trim() === "") return [];
      const parsed = parseCollected(json);
      if (parsed.ok) return [parsed.value];
      bad++;
      process.stderr.write(`${file}:${i + 1}: ${parsed.error} (left out; fix it and pool again)\n`);
      return [];
    }),
  }));
  const { lines, dropped } = pool(batches, existing, readText(realDevSourcesFile()));
  const count = (f: (l: PooledLine) => boolean) => lines.filter(f).length;
  console.log(`pooled ${lines.length} lines (zh ${count((l) => l.lang === "zh")}, en ${count((l) => l.lang === "en")}): ` +
    `${count((l) => l.side === "train")} training side, ${count((l) => l.side === "holdout")} hold-out`);
  if (bad > 0) console.log(`  left out ${bad}: malformed (listed above)`);
  for (const [why, n] of [...dropped].sort((a, b) => b[1] - a[1])) console.log(`  left out ${n}: ${why}`);
  if (out !== "") writeFileSync(out, lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length > 0 ? "\n" : ""));
}

if (require.main === module) main(process.argv.slice(2));
