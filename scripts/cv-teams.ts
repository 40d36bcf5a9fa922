// Does learning a team's corrections help the team's OTHER entries, when the corrections are not one house rule?
// Measured on training data only: each organisation of the real lines (lib/tagging/data/real/train.jsonl, grouped as
// scripts/cv-lines.ts groups them: GitHub owner, site's domain) with at least --min lines plays one team. Each team
// sits in the fold its name hashes to (foldOf, the folds of scripts/cv.ts); for each fold the base is built without
// the fold's real lines (taxonomy, bank and the other folds' real lines with their rewordings and translations, as the
// app builds it), and each of the fold's teams learns every other of its lines in file order (its corrections) through
// learn(), as a team's reviews do; its remaining lines are tagged before (base) and after. "fixed" / "broken": later
// lines right only after / only before.
// Three ways to learn: every line (corrections and confirmations), only the lines the base got wrong (corrections
// alone), and one pooled team per fold holding all of the fold's corrections (the "400 learned, 200 others").
// Usage: npx tsx scripts/cv-teams.ts [--folds K] [--min N] [--quiet]
import { buildModel, type LabelledExample, TAXONOMY, type TaggingModel } from "../lib/tagging";
import { EXAMPLE_BANK } from "../lib/tagging/examples";
import { foldOf, type Line, readLines } from "./cv-lines";

function parseArgs(argv: string[]) {
  const args = { folds: 5, min: 10, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--folds") args.folds = Number(argv[++i]);
    else if (a === "--min") args.min = Number(argv[++i]);
    else if (a === "--quiet") args.quiet = true;
    else {
      process.stderr.write(`unknown argument ${a}\nUsage: npx tsx scripts/cv-teams.ts [--folds K] [--min N] [--quiet]\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.folds) || args.folds < 2 || !Number.isInteger(args.min) || args.min < 2) {
    process.stderr.write("--folds needs an integer ≥ 2, --min an integer ≥ 2\n");
    process.exit(2);
  }
  return args;
}

interface Tally {
  teams: number;
  learned: number;
  later: number;
  before: number;
  after: number;
  fixed: number;
  broken: number;
}

const tally = (): Tally => ({ teams: 0, learned: 0, later: 0, before: 0, after: 0, fixed: 0, broken: 0 });
const right = (m: TaggingModel, e: LabelledExample) => {
  const r = m.classify(e.text);
  return r.role === e.role && r.stage === e.stage;
};

/** Teaches `corrections` to a fork of `base` and tallies its `later` lines before and after into t. */
function measure(base: TaggingModel, corrections: readonly LabelledExample[], later: readonly LabelledExample[], cold: boolean[], t: Tally) {
  const team = base.fork();
  for (const e of corrections) team.learn(e);
  t.teams++;
  t.learned += corrections.length;
  later.forEach((e, i) => {
    const after = right(team, e);
    t.later++;
    if (cold[i]) t.before++;
    if (after) t.after++;
    if (after && !cold[i]) t.fixed++;
    if (!after && cold[i]) t.broken++;
  });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const lines = readLines();
  const real = lines.filter((l) => l.domain === "real");
  const bank = lines.filter((l) => l.domain === "bank");
  // Rewordings and translations of real lines train the bases with their originals' folds, as in scripts/cv.ts.
  const augment = lines.filter((l) => l.domain === "augment");
  const byTeam = new Map<string, Line[]>();
  for (const l of real) byTeam.set(l.group, [...(byTeam.get(l.group) ?? []), l]);
  // Every real line is in some fold (small teams train the other folds' bases but are not measured).
  const folds: string[][] = Array.from({ length: args.folds }, () => []);
  for (const team of [...byTeam.keys()].sort()) folds[foldOf(team, args.folds)].push(team);
  const fixed: LabelledExample[] = [...TAXONOMY.canonicalExamples, ...EXAMPLE_BANK, ...bank];
  const all = tally();
  const wrongOnly = tally();
  const pooled = tally();
  const started = performance.now();
  for (let k = 0; k < args.folds; k++) {
    const held = new Set(folds[k]);
    const base = buildModel([...fixed, ...[...real, ...augment].filter((l) => !held.has(l.group))], { frozen: true });
    const poolCorrections: LabelledExample[] = [];
    const poolLater: LabelledExample[] = [];
    const poolCold: boolean[] = [];
    for (const team of folds[k]) {
      const lines = byTeam.get(team)!;
      if (lines.length < args.min) continue;
      const corrections = lines.filter((_, i) => i % 2 === 0);
      const later = lines.filter((_, i) => i % 2 === 1);
      const cold = later.map((e) => right(base, e));
      const a = tally();
      measure(base, corrections, later, cold, a);
      const w = tally();
      measure(base, corrections.filter((e) => !right(base, e)), later, cold, w);
      for (const [total, one] of [[all, a], [wrongOnly, w]] as const) {
        for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += one[key];
      }
      if (!args.quiet) {
        console.log(`fold ${k} ${team.slice(0, 40).padEnd(40)} learn ${String(a.learned).padStart(3)} (${String(w.learned).padStart(3)} wrong)  later ${String(a.later).padStart(3)}: right ${a.before} -> ${a.after} (+${a.fixed} -${a.broken}); wrong only -> ${w.after} (+${w.fixed} -${w.broken})`);
      }
      poolCorrections.push(...corrections);
      poolLater.push(...later);
      poolCold.push(...cold);
    }
    measure(base, poolCorrections, poolLater, poolCold, pooled);
  }
  const seconds = (performance.now() - started) / 1000;
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  const line = (name: string, t: Tally) =>
    `${name.padEnd(34)} ${String(t.teams).padStart(3)} teams, ${String(t.learned).padStart(4)} learned, ${t.later} later: both right ${pct(t.before, t.later)} -> ${pct(t.after, t.later)} (fixed ${t.fixed}, broken ${t.broken})`;
  console.log(`${args.folds} folds by organisation over real train lines, teams of ≥ ${args.min} lines; ${seconds.toFixed(1)} s`);
  console.log(line("per team, learn every other line", all));
  console.log(line("per team, learn only the base's wrong", wrongOnly));
  console.log(line("one pooled team per fold", pooled));
}

main();
