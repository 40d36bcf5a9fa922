// Evaluates the tagging engine on labelled JSONL files.
// Usage:
//   npm run -s eval                       the full report: every standard set (below) that exists, one block each,
//                                         then a summary table and the review queue's flag-rate / catch-rate curve
//   npm run -s eval -- FILE.jsonl [opts]  one file in detail (per class, confusion, per language, curve)
// Standard sets: ../shared/eval/dev.jsonl, dev2.jsonl, real-dev.jsonl (held out: scores only, never their texts) and
// every lib/tagging/data/**/holdout.jsonl (real/holdout.jsonl, bank/holdout.jsonl: never trained on). The real hold-out
// is also scored with at most 40 lines per source (repository or site; the same lines on every run), so that one big
// source cannot carry its figure.
// Options (FILE mode):
//   --learn FILE2  feed FILE2's entries as team corrections first
//   --cv K         K-fold: the other folds of FILE are learned as team corrections, the held-out fold is scored
//   --no-bank      build the base from the taxonomy alone (cues + canonical examples), without the example bank
//   --drop-near X  leakage check: leave out of the base every training example whose IDF-cosine similarity
//                  to some entry of FILE is ≥ X (near-copies of the evaluation entries)
//   --threshold X  review threshold (default: the engine's)
//   --quiet        FILE mode without per-class tables and confusion matrices
//   --build JSON   (also without FILE) a fresh base built with these options over DEFAULT_BUILD, e.g.
//                  '{"train":{"seed":2}}' (train options over the default's), instead of the cached base; an option
//                  DEFAULT_BUILD does not have, or a value of another type, is an error
//   --drop FILE    (also without FILE) a fresh base without the training lines whose text is the "text" of a line
//                  of JSONL FILE, nor the rewordings and translations made from them (the same files as
//                  scripts/cv.ts --drop); a FILE that matches no training line is an error
//   npm run -s eval -- --teams DIR        team conventions: cold and after 5/10/30 corrections (scripts/eval-teams.ts)
// Other modes plug in at MODES below.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  baseTrainingExamples, type BuildOverrides, buildModel, DEFAULT_REVIEW_THRESHOLD, getBaseModel,
  type LabelledExample, ROLE_KEYS, STAGE_KEYS, TAXONOMY, type TaggingModel, type TagResult,
} from "../lib/tagging";
import { teamsReport } from "./eval-teams";
import { parseBuildJson, readTexts } from "./measure-args";
import { dataHoldoutFiles, isDroppedBy } from "../lib/tagging/examples/data-files";
import { sourceGroup } from "../lib/tagging/examples/writers";
import { parseLabelled } from "../lib/tagging/jsonl";
import {
  calibrationError, catchCurve, formatHead, headReport, languageOf, type HeadReport,
} from "../lib/tagging/metrics";
import { bothRight } from "../lib/tagging/review";

const USAGE = "Usage: npm run -s eval [-- FILE.jsonl [--learn FILE2.jsonl] [--cv K] [--no-bank] [--drop-near X] [--threshold X] [--quiet] [--build JSON] [--drop FILE]]\n       npm run -s eval -- --teams DIR";

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

interface Args {
  file: string;
  learn: string;
  cv: number;
  noBank: boolean;
  dropNear: number;
  threshold: number;
  quiet: boolean;
  build: BuildOverrides | null;
  drop: ReadonlySet<string> | null;
}

/** A measuring value (scripts/measure-args.ts), or the usage message naming the option and what is wrong. */
function option<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    return usage(`${name}: ${(error as Error).message}`);
  }
}

/**
 * The base model: the app's cached build, or a fresh build with --build's options over the defaults and without
 * --drop's training lines and those `leave` says (how much one batch of data, or one training seed, moves the
 * figures); `dropped` counts the lines --drop left out.
 */
function baseFor(args: Args, leave?: (e: LabelledExample) => boolean): { base: TaggingModel; dropped: number } {
  const { build, drop } = args;
  if (!build && !drop && !leave) return { base: getBaseModel(), dropped: 0 };
  const training = baseTrainingExamples();
  const kept = drop ? training.filter((e) => !isDroppedBy(drop, e)) : training;
  const dropped = training.length - kept.length;
  if (drop && dropped === 0) usage(`--drop: no training line has the text of a line of the file (${drop.size} lines)`);
  return { base: buildModel(leave ? kept.filter((e) => !leave(e)) : kept, { frozen: true, build: build ?? {} }), dropped };
}

/** What --build and --drop changed, for the "base:" line. */
const droppedNote = ({ build, drop }: Args, dropped: number): string =>
  `${drop ? `, ${dropped} training lines left out (--drop)` : ""}${build ? `, built with ${JSON.stringify(build)}` : ""}`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    file: "", learn: "", cv: 0, noBank: false, dropNear: 0, threshold: DEFAULT_REVIEW_THRESHOLD, quiet: false, build: null, drop: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--learn") args.learn = argv[++i] ?? usage("--learn needs a file");
    else if (a === "--cv") args.cv = Number(argv[++i]);
    else if (a === "--no-bank") args.noBank = true;
    else if (a === "--drop-near") args.dropNear = Number(argv[++i]);
    else if (a === "--threshold") args.threshold = Number(argv[++i]);
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--build") args.build = option("--build", () => parseBuildJson(argv[++i]));
    else if (a === "--drop") {
      const file = argv[++i] ?? usage("--drop needs a JSONL file");
      args.drop = option("--drop", () => readTexts(file));
    }
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else if (args.file) usage(`one FILE at a time (got ${args.file} and ${a})`);
    else args.file = a;
  }
  if (args.cv !== 0 && (!Number.isInteger(args.cv) || args.cv < 2)) usage("--cv needs an integer K ≥ 2");
  if (!(args.threshold >= 0 && args.threshold <= 1)) usage("--threshold needs a number in [0, 1]");
  if (!args.file && (args.learn || args.cv || args.noBank || args.dropNear)) usage("--learn, --cv, --no-bank and --drop-near need a FILE");
  if (args.noBank && args.drop) usage("--drop leaves out training lines of the bank and data: not with --no-bank");
  return args;
}

interface Item extends LabelledExample {
  lang: "zh" | "en";
  /** Where a real line came from (real/holdout.jsonl): a page URL or `owner/repo:path`. */
  source?: string;
}

function readItems(file: string): Item[] {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    usage(`cannot read ${file}: ${(error as Error).message}`);
  }
  const out: Item[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().length === 0) return;
    const parsed = parseLabelled(line);
    if (!parsed.ok) {
      process.stderr.write(`${file}:${i + 1}: skipped: ${parsed.error}\n`);
      return;
    }
    const { lang, source } = JSON.parse(line) as { lang?: unknown; source?: unknown };
    out.push({
      ...parsed.value,
      lang: lang === "zh" || lang === "en" ? lang : languageOf(parsed.value.text),
      ...(typeof source === "string" ? { source } : {}),
    });
  });
  return out;
}

// A reader that stops early (| head) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

/** The shared evaluation sets sit beside the repository: ../shared from /work/main, ../../shared from a worktree. */
function sharedEvalDir(): string | null {
  const root = path.resolve(__dirname, "..");
  const candidates = [process.env.OPSMIX_SHARED_EVAL, path.resolve(root, "../shared/eval"), path.resolve(root, "../../shared/eval")];
  for (const dir of candidates) if (dir && existsSync(path.join(dir, "dev.jsonl"))) return dir;
  return null;
}

interface Scored {
  items: Item[];
  results: TagResult[];
}

function scoreAll(model: TaggingModel, items: Item[], threshold: number): TagResult[] {
  return items.map((e) => model.classify(e.text, { reviewThreshold: threshold }));
}

interface Summary {
  n: number;
  role: HeadReport;
  stage: HeadReport;
  both: number;
}

function summarise({ items, results }: Scored): Summary {
  return {
    n: items.length,
    role: headReport(ROLE_KEYS, items.map((e) => e.role), results.map((r) => r.role)),
    stage: headReport(STAGE_KEYS, items.map((e) => e.stage), results.map((r) => r.stage)),
    both: items.filter((e, i) => results[i].role === e.role && results[i].stage === e.stage).length / Math.max(1, items.length),
  };
}

function subset(scored: Scored, keep: (e: Item) => boolean): Scored {
  const idx = scored.items.map((e, i) => (keep(e) ? i : -1)).filter((i) => i >= 0);
  return { items: idx.map((i) => scored.items[i]), results: idx.map((i) => scored.results[i]) };
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function summaryLine(name: string, s: Summary): string {
  return `${name.padEnd(24)} ${String(s.n).padStart(4)}  ${f3(s.role.macroF1)}  ${f3(s.stage.macroF1)}  ${f3(s.both)}`;
}

const SUMMARY_HEADER = `${"set".padEnd(24)} ${"n".padStart(4)}  role   stage  both`;

/** Review queue: flagged share and caught share of the wrong entries, at the threshold and along the curve. */
function reviewLines(scored: Scored, threshold: number): string[] {
  const { items, results } = scored;
  const wrong = items.map((e, i) => results[i].role !== e.role || results[i].stage !== e.stage);
  const wrongCount = wrong.filter(Boolean).length;
  const flagged = results.filter((r) => r.needsReview).length;
  const caught = results.filter((r, i) => r.needsReview && wrong[i]).length;
  const lines = [
    `needs review (threshold ${threshold}): ${pct(flagged / Math.max(1, items.length))} flagged, catching ${caught} of ${wrongCount} wrong (${pct(caught / Math.max(1, wrongCount))})`,
  ];
  const lower = results.map((r) => Math.min(r.confidence.role, r.confidence.stage));
  const curve = catchCurve(lower, wrong, [0.1, 0.15, 0.2, 0.25, 0.3, 0.4]);
  lines.push(`  flag the least confident: ${curve.map((p) => `${pct(p.flagRate)} → ${pct(p.catchRate)}`).join(", ")}`);
  // The chip's number (review.ts bothRight) against how often role and stage are both right; the lower confidence (what
  // the chip showed before) for comparison.
  const right = wrong.map((w) => !w);
  const shown = results.map((r) => bothRight(r.confidence.role, r.confidence.stage));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  lines.push(`  chip (chance both right): mean ${f3(mean(shown))} vs both right ${f3(1 - wrongCount / Math.max(1, items.length))}, ECE ${f3(calibrationError(shown, right))} (lower confidence: mean ${f3(mean(lower))}, ECE ${f3(calibrationError(lower, right))})`);
  return lines;
}

function languageLines(scored: Scored): string[] {
  const lines: string[] = [];
  for (const lang of ["zh", "en"] as const) {
    const part = subset(scored, (e) => e.lang === lang);
    if (part.items.length === 0) continue;
    const s = summarise(part);
    lines.push(`  ${lang}: ${String(s.n).padStart(4)} entries  role macro-F1 ${f3(s.role.macroF1)} (acc ${f3(s.role.accuracy)})  stage macro-F1 ${f3(s.stage.macroF1)} (acc ${f3(s.stage.accuracy)})  both right ${f3(s.both)}`);
  }
  return lines;
}

function fileReport(args: Args): void {
  const items = readItems(args.file);
  const corrections = args.learn ? readItems(args.learn) : [];
  let near = 0;
  let dropped = 0;
  const started = performance.now();
  let base: TaggingModel;
  if (args.noBank) base = buildModel(TAXONOMY.canonicalExamples, { frozen: true, build: args.build ?? {} });
  else if (args.dropNear > 0) {
    // Training examples with a near-copy among the evaluation entries (found through a model built on the entries;
    // every n-gram counts there, the probe's weights are irrelevant, only its example index).
    const probe = buildModel(items, { build: { minCount: 1, calibrationFolds: 0 } });
    const isNear = (e: LabelledExample) => (probe.classify(e.text).explanation.nearest?.similarity ?? 0) >= args.dropNear;
    const nearCopies = baseTrainingExamples().filter(isNear);
    const nearTexts = new Set(nearCopies.map((e) => e.text));
    near = nearCopies.length;
    ({ base, dropped } = baseFor(args, (e) => nearTexts.has(e.text)));
  } else ({ base, dropped } = baseFor(args));
  const buildMs = performance.now() - started;

  const teamModel = (extra: LabelledExample[]): TaggingModel => {
    const model = base.fork();
    for (const e of [...corrections, ...extra]) model.learn(e);
    return model;
  };
  const results: TagResult[] = new Array(items.length);
  if (args.cv > 1) {
    for (let fold = 0; fold < args.cv; fold++) {
      const model = teamModel(items.filter((_, i) => i % args.cv !== fold));
      items.forEach((e, i) => {
        if (i % args.cv === fold) results[i] = model.classify(e.text, { reviewThreshold: args.threshold });
      });
    }
  } else results.splice(0, items.length, ...scoreAll(teamModel([]), items, args.threshold));

  const scored = { items, results };
  const s = summarise(scored);
  const mode = args.cv > 1 ? `${args.cv}-fold cross-validation (other folds learned as team corrections)` : "no training on this file";
  console.log(`${args.file}: ${items.length} entries, ${mode}`);
  console.log(`base: ${args.noBank ? "taxonomy only" : `taxonomy + example bank + data (${baseTrainingExamples().length} examples)`}, taxonomy ${base.taxonomyVersion}${near ? `, ${near} near-copies of FILE's entries left out` : ""}${droppedNote(args, dropped)}, built in ${buildMs.toFixed(0)} ms${corrections.length ? `, ${corrections.length} correction(s) learned first` : ""}`);
  console.log("");
  if (args.quiet) {
    console.log(`role macro-F1 ${f3(s.role.macroF1)} (accuracy ${f3(s.role.accuracy)}), stage macro-F1 ${f3(s.stage.macroF1)} (accuracy ${f3(s.stage.accuracy)})`);
  } else {
    console.log(formatHead("role", s.role));
    console.log("");
    console.log(formatHead("stage", s.stage));
    console.log("");
  }
  console.log(`both right: ${pct(s.both)}`);
  console.log("per language:");
  for (const line of languageLines(scored)) console.log(line);
  for (const line of reviewLines(scored, args.threshold)) console.log(line);
  const roleEce = calibrationError(results.map((r) => r.confidence.role), items.map((e, i) => results[i].role === e.role));
  const stageEce = calibrationError(results.map((r) => r.confidence.stage), items.map((e, i) => results[i].stage === e.stage));
  const meanConf = (pick: (r: TagResult) => number) => results.reduce((a, r) => a + pick(r), 0) / Math.max(1, results.length);
  console.log(`calibration: role mean confidence ${f3(meanConf((r) => r.confidence.role))} vs accuracy ${f3(s.role.accuracy)} (ECE ${f3(roleEce)}); stage ${f3(meanConf((r) => r.confidence.stage))} vs ${f3(s.stage.accuracy)} (ECE ${f3(stageEce)})`);
}

/** The standard sets that exist on this machine, in report order. */
function standardSets(): { name: string; file: string }[] {
  const sets: { name: string; file: string }[] = [];
  const shared = sharedEvalDir();
  if (shared) {
    for (const name of ["dev.jsonl", "dev2.jsonl", "real-dev.jsonl"]) {
      const file = path.join(shared, name);
      if (existsSync(file)) sets.push({ name, file });
    }
  } else process.stderr.write("no ../shared/eval beside the repository (set OPSMIX_SHARED_EVAL): only the data hold-outs are evaluated\n");
  for (const h of dataHoldoutFiles()) sets.push({ name: `data/${h.name}`, file: h.file });
  return sets;
}

/** At most this many lines of one source group (repository or site) in the capped view of the real hold-out. */
const PER_SOURCE = 40;

/**
 * The real hold-out with at most PER_SOURCE lines per source group (sourceGroup), the lines kept chosen by the md5 of
 * their text (the same lines on every run and every tree): one big source cannot carry the figure.
 */
function perSourceCapped(scored: Scored): Scored {
  const digest = (text: string) => createHash("md5").update(text).digest("hex");
  const byGroup = new Map<string, number[]>();
  scored.items.forEach((e, i) => {
    const group = sourceGroup(e.source ?? "");
    const idx = byGroup.get(group);
    if (idx) idx.push(i);
    else byGroup.set(group, [i]);
  });
  const keep = new Set<number>();
  for (const idx of byGroup.values()) {
    const ranked = idx.map((i) => ({ i, h: digest(scored.items[i].text) })).sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.i - b.i));
    for (const { i } of ranked.slice(0, PER_SOURCE)) keep.add(i);
  }
  const kept = [...keep].sort((a, b) => a - b);
  return { items: kept.map((i) => scored.items[i]), results: kept.map((i) => scored.results[i]) };
}

/** The real operators' hold-out (data/real/holdout.jsonl), whose lines carry their source. */
const isRealHoldout = (name: string, { items }: Scored) =>
  name.startsWith("data/real") && items.length > 0 && items.every((e) => e.source !== undefined);

function fullReport(args: Args): void {
  const { threshold } = args;
  const started = performance.now();
  const { base: model, dropped } = baseFor(args);
  const buildMs = performance.now() - started;
  console.log(`base: ${baseTrainingExamples().length - dropped} training examples (taxonomy, bank, lib/tagging/data without hold-outs)${droppedNote(args, dropped)}, built in ${buildMs.toFixed(0)} ms; no training on any set below`);
  const sets = standardSets();
  const summaries: { name: string; scored: Scored }[] = [];
  for (const set of sets) {
    const items = readItems(set.file);
    const scored = { items, results: scoreAll(model, items, threshold) };
    summaries.push({ name: set.name, scored });
    const s = summarise(scored);
    console.log("");
    console.log(`${set.name}: ${s.n} entries  role macro-F1 ${f3(s.role.macroF1)}  stage macro-F1 ${f3(s.stage.macroF1)}  both right ${f3(s.both)}`);
    for (const line of languageLines(scored)) console.log(line);
    if (isRealHoldout(set.name, scored)) {
      const capped = perSourceCapped(scored);
      const c = summarise(capped);
      console.log(`  at most ${PER_SOURCE} lines per source: ${c.n} entries  role macro-F1 ${f3(c.role.macroF1)}  stage macro-F1 ${f3(c.stage.macroF1)}  both right ${f3(c.both)}`);
    }
    for (const line of reviewLines(scored, threshold)) console.log(`  ${line}`);
  }
  console.log("");
  console.log("summary (macro-F1; both = share with role and stage right)");
  console.log(SUMMARY_HEADER);
  for (const { name, scored } of summaries) {
    console.log(summaryLine(name, summarise(scored)));
    for (const lang of ["zh", "en"] as const) {
      const part = subset(scored, (e) => e.lang === lang);
      if (part.items.length > 0) console.log(summaryLine(`  ${lang}`, summarise(part)));
    }
    if (isRealHoldout(name, scored)) {
      const capped = perSourceCapped(scored);
      console.log(summaryLine(`  ≤${PER_SOURCE} per source`, summarise(capped)));
      for (const lang of ["zh", "en"] as const) {
        const part = subset(capped, (e) => e.lang === lang);
        if (part.items.length > 0) console.log(summaryLine(`    ${lang}`, summarise(part)));
      }
    }
  }
  // The review-queue target is about unseen text; written text and real operators' lines are pooled apart
  // (on real lines more entries are wrong than any 25% queue could hold).
  const groups: [string, (name: string) => boolean][] = [
    ["written text", (name) => name !== "dev.jsonl" && !name.includes("real")],
    ["real operators' lines", (name) => name.includes("real")],
  ];
  for (const [title, keep] of groups) {
    const unseen = summaries.filter((s) => keep(s.name));
    if (unseen.length === 0) continue;
    const pooled: Scored = { items: unseen.flatMap((s) => s.scored.items), results: unseen.flatMap((s) => s.scored.results) };
    console.log("");
    console.log(`review queue, unseen ${title} pooled (${unseen.map((s) => s.name).join(", ")}; ${pooled.items.length} entries):`);
    for (const line of reviewLines(pooled, threshold)) console.log(`  ${line}`);
  }
}

// MODES: each mode is chosen by its own option; FILE mode and the full report are the two built in.
const teamsAt = process.argv.indexOf("--teams");
if (teamsAt > 1) teamsReport(process.argv[teamsAt + 1] ?? usage("--teams needs a directory"));
else {
  const args = parseArgs(process.argv.slice(2));
  if (args.file) fileReport(args);
  else fullReport(args);
}
