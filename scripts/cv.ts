// Cross-validation over the TRAINING data, grouped by writer: the figures to tune the base model on (the eval sets
// are held out and only read). Real operators' lines (lib/tagging/data/real/train.jsonl) are grouped by organisation
// (GitHub owner or site's domain, lib/tagging/examples/writers.ts, as the hold-out split is), bank lines by persona
// file; each group goes whole to the fold its name hashes to (scripts/cv-lines.ts foldOf), so a data batch or a --drop
// moves no other group's lines.
// For each fold the base is built from everything else (taxonomy, lib/tagging/examples, the other folds) exactly as the
// app builds it, and the fold is tagged.
// Usage:
//   npx tsx scripts/cv.ts [--folds K] [--errors FILE] [--quiet] [--threshold T] [--build JSON]
//     --folds K      number of folds (default 5)
//     --errors FILE  write the wrong lines (text, gold, predicted, confidence, cues) to FILE as JSONL
//     --quiet        summary only (no per-class tables or confusion matrices)
//     --threshold T  review threshold for "needs review" (default: the engine's DEFAULT_REVIEW_THRESHOLD)
//     --build JSON   build options over DEFAULT_BUILD, e.g. '{"jointWeight":0}' (a variant against the default);
//                    train options over the default's: '{"train":{"seed":2}}' changes the seed alone
//     --signals FILE write every line's out-of-fold review signals (lib/tagging/review.ts) and whether its role and
//                    stage came out right to FILE as JSONL (what scripts/fit-review.ts fits the review calibration on)
//     --drop FILE    leave out (of training and of scoring) the training lines whose text is a line of JSONL FILE,
//                    and the rewordings and translations made from them: an ablation, e.g. how the Chinese figures
//                    move without a batch of English lines
//     --unscored FILE train on the lines whose text is a line of JSONL FILE but leave them out of the scores: a
//                    batch's effect on the same lines as a run with --drop FILE
import { writeFileSync } from "node:fs";
import { type BuildOverrides, ROLE_KEYS, STAGE_KEYS, type TagResult } from "../lib/tagging";
import { catchCurve, formatHead, headReport } from "../lib/tagging/metrics";
import { SIGNAL_NAMES } from "../lib/tagging/review";
import { crossValidate, type Line } from "./cv-lines";
import { parseBuildJson, readTexts } from "./measure-args";

/** A measuring value (scripts/measure-args.ts), or exit 2 with a message naming the option and what is wrong. */
function option<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message}\n`);
    return process.exit(2);
  }
}

function parseArgs(argv: string[]) {
  const args = { folds: 5, errors: "", signals: "", drop: "", unscored: "", quiet: false, build: {} as BuildOverrides, threshold: undefined as number | undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--folds") args.folds = Number(argv[++i]);
    else if (a === "--errors") args.errors = argv[++i] ?? "";
    else if (a === "--signals") args.signals = argv[++i] ?? "";
    else if (a === "--drop") args.drop = argv[++i] ?? "";
    else if (a === "--unscored") args.unscored = argv[++i] ?? "";
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--threshold") args.threshold = Number(argv[++i]);
    else if (a === "--build") args.build = option("--build", () => parseBuildJson(argv[++i]));
    else {
      process.stderr.write(`unknown argument ${a}\nUsage: npx tsx scripts/cv.ts [--folds K] [--errors FILE] [--quiet] [--threshold T] [--build JSON] [--signals FILE] [--drop FILE] [--unscored FILE]\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.folds) || args.folds < 2) {
    process.stderr.write("--folds needs an integer ≥ 2\n");
    process.exit(2);
  }
  return args;
}

const f3 = (x: number) => x.toFixed(3);
/** The review queue's ranking: the lower of the two confidences (the app flags an entry when either is low). */
const score = (r: TagResult) => Math.min(r.confidence.role, r.confidence.stage);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function report(title: string, items: Line[], results: TagResult[], quiet: boolean) {
  const role = headReport(ROLE_KEYS, items.map((e) => e.role), results.map((r) => r.role));
  const stage = headReport(STAGE_KEYS, items.map((e) => e.stage), results.map((r) => r.stage));
  const wrong = items.map((e, i) => results[i].role !== e.role || results[i].stage !== e.stage);
  const both = 1 - wrong.filter(Boolean).length / Math.max(1, items.length);
  console.log(`${title}: ${items.length} lines  role macro-F1 ${f3(role.macroF1)} (acc ${f3(role.accuracy)})  stage macro-F1 ${f3(stage.macroF1)} (acc ${f3(stage.accuracy)})  both right ${f3(both)}`);
  for (const lang of ["zh", "en"] as const) {
    const idx = items.map((e, i) => (e.lang === lang ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const r = headReport(ROLE_KEYS, idx.map((i) => items[i].role), idx.map((i) => results[i].role));
    const s = headReport(STAGE_KEYS, idx.map((i) => items[i].stage), idx.map((i) => results[i].stage));
    const b = idx.filter((i) => !wrong[i]).length / idx.length;
    const [at25] = catchCurve(idx.map((i) => score(results[i])), idx.map((i) => wrong[i]), [0.25]);
    console.log(`  ${lang}: ${String(idx.length).padStart(4)}  role ${f3(r.macroF1)} (acc ${f3(r.accuracy)})  stage ${f3(s.macroF1)} (acc ${f3(s.accuracy)})  both ${f3(b)}  flag 25% → ${pct(at25.catchRate)}`);
  }
  const flagged = results.filter((r) => r.needsReview).length;
  const caught = results.filter((r, i) => r.needsReview && wrong[i]).length;
  const wrongCount = wrong.filter(Boolean).length;
  console.log(`  needs review: ${pct(flagged / Math.max(1, items.length))} flagged, catching ${pct(caught / Math.max(1, wrongCount))} of the wrong`);
  const curve = catchCurve(results.map(score), wrong, [0.1, 0.15, 0.2, 0.25, 0.3, 0.4]);
  console.log(`  flag the least confident: ${curve.map((p) => `${pct(p.flagRate)} → ${pct(p.catchRate)}`).join(", ")}`);
  if (!quiet) {
    console.log(formatHead("role", role).replace(/^/gm, "  "));
    console.log(formatHead("stage", stage).replace(/^/gm, "  "));
  }
  return { role: role.macroF1, stage: stage.macroF1, both };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const K = args.folds;
  const drop = args.drop ? option("--drop", () => readTexts(args.drop)) : undefined;
  const unscored = args.unscored ? option("--unscored", () => readTexts(args.unscored)) : new Set<string>();
  const { lines, folds, results, signals, groups, seconds } = crossValidate(K, { build: args.build, threshold: args.threshold, drop });
  console.log(`${K}-fold CV grouped by writer (organisation, persona file) over lib/tagging/data (hold-outs excluded); ${lines.length} lines, ${groups} groups; ${seconds.toFixed(1)} s`);
  const pick = (domain: Line["domain"]) => {
    const idx = lines.map((l, i) => (l.domain === domain && !unscored.has(l.text) ? i : -1)).filter((i) => i >= 0);
    return { items: idx.map((i) => lines[i]), results: idx.map((i) => results[i]) };
  };
  const real = pick("real");
  const bank = pick("bank");
  const r = report("real lines (CV)", real.items, real.results, args.quiet);
  const b = report("bank lines (CV)", bank.items, bank.results, args.quiet);
  console.log(`CV summary: real role ${f3(r.role)} stage ${f3(r.stage)} both ${f3(r.both)} | bank role ${f3(b.role)} stage ${f3(b.stage)} both ${f3(b.both)}`);
  if (args.errors) {
    const wrong = lines.flatMap((l, i) => {
      const res = results[i];
      if (res.role === l.role && res.stage === l.stage) return [];
      return [JSON.stringify({
        text: l.text, domain: l.domain, group: l.group, lang: l.lang, gold: `${l.role}/${l.stage}`, predicted: `${res.role}/${res.stage}`,
        confidence: res.confidence, roleCues: res.explanation.roleCues.map((c) => c.cue),
        stageCues: res.explanation.stageCues.map((c) => c.cue), nearest: res.explanation.nearest?.text,
      })];
    });
    writeFileSync(args.errors, `${wrong.join("\n")}\n`);
    console.log(`${wrong.length} wrong lines written to ${args.errors}`);
  }
  if (args.signals) {
    const rows = lines.map((l, i) => JSON.stringify({
      domain: l.domain, lang: l.lang, group: l.group, fold: folds[i], roleRight: results[i].role === l.role, stageRight: results[i].stage === l.stage,
      signals: Object.fromEntries(SIGNAL_NAMES.map((name, k) => [name, signals[i][k]])),
    }));
    writeFileSync(args.signals, `${rows.join("\n")}\n`);
    console.log(`${rows.length} lines' review signals written to ${args.signals}`);
  }
}

main();
