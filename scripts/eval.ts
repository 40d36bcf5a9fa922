// Evaluates the tagging engine on a labelled JSONL file.
// Usage: npm run -s eval -- FILE.jsonl [--learn FILE2.jsonl] [--cv K] [--no-bank] [--threshold X]
//   --learn   feed FILE2's entries as team corrections first
//   --cv K    K-fold: the other folds of FILE are learned as team corrections, the held-out fold is scored
//   --no-bank build the base from the taxonomy alone (cues + canonical examples), without the example bank
//   --drop-near X  leakage check: leave out of the base every training example whose IDF-cosine similarity
//                  to some entry of FILE is ≥ X (near-copies of the evaluation entries)
import { readFileSync } from "node:fs";
import {
  baseTrainingExamples, buildModel, DEFAULT_REVIEW_THRESHOLD, getBaseModel, type LabelledExample, ROLE_KEYS,
  STAGE_KEYS, TAXONOMY, type TaggingModel, type TagResult,
} from "../lib/tagging";
import { parseLabelledLines } from "../lib/tagging/jsonl";
import { calibrationError, formatHead, headReport } from "../lib/tagging/metrics";

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run -s eval -- FILE.jsonl [--learn FILE2.jsonl] [--cv K] [--no-bank] [--drop-near X] [--threshold X]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const args = { file: "", learn: "", cv: 0, noBank: false, dropNear: 0, threshold: DEFAULT_REVIEW_THRESHOLD };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--learn") args.learn = argv[++i] ?? usage("--learn needs a file");
    else if (a === "--cv") args.cv = Number(argv[++i]);
    else if (a === "--no-bank") args.noBank = true;
    else if (a === "--drop-near") args.dropNear = Number(argv[++i]);
    else if (a === "--threshold") args.threshold = Number(argv[++i]);
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else args.file = a;
  }
  if (!args.file) usage("missing FILE.jsonl");
  if (args.cv !== 0 && (!Number.isInteger(args.cv) || args.cv < 2)) usage("--cv needs an integer K ≥ 2");
  if (!(args.threshold >= 0 && args.threshold <= 1)) usage("--threshold needs a number in [0, 1]");
  return args;
}

function readLabelled(path: string): LabelledExample[] {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (error) {
    usage(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseLabelledLines(content, (line, error) => process.stderr.write(`${path}:${line}: skipped: ${error}\n`));
}

// A reader that stops early (| head) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const args = parseArgs(process.argv.slice(2));
const items = readLabelled(args.file);
const corrections = args.learn ? readLabelled(args.learn) : [];
/** Training examples with a near-copy among the evaluation entries (found through a model built on the entries). */
function nearCopies(training: LabelledExample[], threshold: number): Set<LabelledExample> {
  // Every n-gram of the entries counts here (minCount 1); the probe's weights are irrelevant, only its example index.
  const probe = buildModel(items, { build: { minCount: 1, calibrationFolds: 0 } });
  return new Set(training.filter((e) => (probe.classify(e.text).explanation.nearest?.similarity ?? 0) >= threshold));
}

let dropped = 0;
const started = performance.now();
let base: TaggingModel;
if (args.noBank) base = buildModel(TAXONOMY.canonicalExamples, { frozen: true });
else if (args.dropNear > 0) {
  const training = baseTrainingExamples();
  const near = nearCopies(training, args.dropNear);
  dropped = near.size;
  base = buildModel(training.filter((e) => !near.has(e)), { frozen: true });
} else base = getBaseModel();
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
} else {
  const model = teamModel([]);
  items.forEach((e, i) => (results[i] = model.classify(e.text, { reviewThreshold: args.threshold })));
}

const role = headReport(ROLE_KEYS, items.map((e) => e.role), results.map((r) => r.role));
const stage = headReport(STAGE_KEYS, items.map((e) => e.stage), results.map((r) => r.stage));
const flagged = results.filter((r) => r.needsReview).length;
const bothRight = items.filter((e, i) => results[i].role === e.role && results[i].stage === e.stage).length;
const flaggedWrong = items.filter((e, i) => results[i].needsReview && (results[i].role !== e.role || results[i].stage !== e.stage)).length;
const roleEce = calibrationError(results.map((r) => r.confidence.role), items.map((e, i) => results[i].role === e.role));
const stageEce = calibrationError(results.map((r) => r.confidence.stage), items.map((e, i) => results[i].stage === e.stage));
const meanConf = (pick: (r: TagResult) => number) => results.reduce((a, r) => a + pick(r), 0) / Math.max(1, results.length);

const mode = args.cv > 1 ? `${args.cv}-fold cross-validation (other folds learned as team corrections)` : "no training on this file";
console.log(`${args.file}: ${items.length} entries, ${mode}`);
console.log(`base: ${args.noBank ? "taxonomy only" : `taxonomy + example bank (${baseTrainingExamples().length} examples)`}, taxonomy ${base.taxonomyVersion}${dropped ? `, ${dropped} near-copies of FILE's entries left out` : ""}, built in ${buildMs.toFixed(0)} ms${corrections.length ? `, ${corrections.length} correction(s) learned first` : ""}`);
console.log("");
console.log(formatHead("role", role));
console.log("");
console.log(formatHead("stage", stage));
console.log("");
console.log(`both right: ${((bothRight / Math.max(1, items.length)) * 100).toFixed(1)}%`);
console.log(`needs review (threshold ${args.threshold}): ${((flagged / Math.max(1, items.length)) * 100).toFixed(1)}% flagged, catching ${flaggedWrong} of ${items.length - bothRight} entries with a wrong tag`);
console.log(`calibration: role mean confidence ${meanConf((r) => r.confidence.role).toFixed(3)} vs accuracy ${role.accuracy.toFixed(3)} (ECE ${roleEce.toFixed(3)}); stage ${meanConf((r) => r.confidence.stage).toFixed(3)} vs ${stage.accuracy.toFixed(3)} (ECE ${stageEce.toFixed(3)})`);
