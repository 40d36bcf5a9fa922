// Tagging engine benchmark: base build time, throughput (tag + explanation, one core), learn() time,
// building a team model from 10,000 learned examples, and that team model's memory. Prints medians of runs.
// Usage: npx tsx bench/tagging.ts [--runs N]
import { buildTeamModel, getBaseModel, type LabelledExample } from "../lib/tagging";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { EXAMPLE_BANK } from "../lib/tagging/examples";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Deterministic realistic-looking entries: bank texts with other numbers, suffixes and some noise. */
function entries(count: number, seed: number): string[] {
  const suffixes = ["", ",今天完成", " 🎉", "(第二轮)", " - follow-up", ",数据见周报", " asap", "!!"];
  const out: string[] = [];
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const base = EXAMPLE_BANK[s % EXAMPLE_BANK.length].text.replace(/\d+/g, String((s >>> 8) % 997));
    out.push(base + suffixes[(s >>> 4) % suffixes.length]);
  }
  return out;
}

function learnedExamples(count: number, seed: number): LabelledExample[] {
  const texts = entries(count, seed);
  return texts.map((text, i) => {
    const source = EXAMPLE_BANK[(i * 7919) % EXAMPLE_BANK.length];
    return { text, role: source.role, stage: source.stage };
  });
}

// A forced collection before each memory reading, with or without --expose-gc on the command line.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const heap = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const heapBefore = heap();
const t0 = performance.now();
const base = getBaseModel();
const buildMs = performance.now() - t0;
const baseMb = (heap() - heapBefore) / 1e6;

// Throughput: classify with explanation (always produced), over 50k entries, after a warm-up.
const inputs = entries(50_000, 7);
for (let i = 0; i < 20_000; i++) base.classify(inputs[i]);
// Wall-clock and CPU-time rates: on a busy machine the CPU-time rate is the fairer "one core" figure.
const throughput: number[] = [];
const cpuThroughput: number[] = [];
let sink = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const text of inputs) sink += base.classify(text).explanation.roleCues.length;
  const used = process.cpuUsage(cpu);
  throughput.push(inputs.length / ((performance.now() - start) / 1000));
  cpuThroughput.push(inputs.length / ((used.user + used.system) / 1e6));
}

// learn(): CPU time of each call while a fork grows to 2,000 examples (the first copies the base's weights).
const learnTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const team = base.fork();
  for (const e of learnedExamples(2_000, 100 + run)) {
    const cpu = process.cpuUsage();
    team.learn(e);
    const used = process.cpuUsage(cpu);
    learnTimes.push((used.user + used.system) / 1000);
  }
}
learnTimes.sort((a, b) => a - b);
const percentile = (q: number) => learnTimes[Math.min(learnTimes.length - 1, Math.floor(q * learnTimes.length))];

// A team model with 10,000 learned examples: build time, memory and throughput. Each run lives in its own
// function call so that nothing of the previous run's model is still reachable when memory is read.
function teamRun(seed: number): { buildMs: number; buildCpuMs: number; megabytes: number; perCpuSecond: number; learned: number } {
  const learned = learnedExamples(10_000, seed);
  const before = heap();
  const start = performance.now();
  const buildCpu = process.cpuUsage();
  const team = buildTeamModel(learned);
  const buildUsed = process.cpuUsage(buildCpu);
  const buildMs = performance.now() - start;
  const buildCpuMs = (buildUsed.user + buildUsed.system) / 1000;
  const megabytes = (heap() - before) / 1e6;
  const cpu = process.cpuUsage();
  for (let i = 0; i < 20_000; i++) sink += team.classify(inputs[i]).explanation.stageCues.length;
  const used = process.cpuUsage(cpu);
  return { buildMs, buildCpuMs, megabytes, perCpuSecond: 20_000 / ((used.user + used.system) / 1e6), learned: team.learnedCount() };
}
const teamRuns = Array.from({ length: RUNS }, (_, run) => teamRun(1000 + run));

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`Tagging engine benchmark (medians of ${RUNS} runs; node ${process.version}; load average ${os.loadavg()[0].toFixed(1)})`);
console.log(`base model build (taxonomy + ${EXAMPLE_BANK.length} bank examples): ${fmt(buildMs)} ms, ${baseMb.toFixed(1)} MB`);
console.log(`throughput, base model, tag + explanation: ${fmt(median(throughput))} entries/s wall, ${fmt(median(cpuThroughput))} per CPU-second`);
console.log(`throughput, team model with 10,000 learned: ${fmt(median(teamRuns.map((r) => r.perCpuSecond)))} entries per CPU-second`);
console.log(`learn(): median ${(percentile(0.5) * 1000).toFixed(0)} µs, p99 ${(percentile(0.99) * 1000).toFixed(0)} µs, max ${(learnTimes[learnTimes.length - 1] * 1000).toFixed(0)} µs per call (${RUNS} teams growing to 2,000 examples)`);
console.log(`buildTeamModel(10,000 learned), the rebuild that forgets an example: ${fmt(median(teamRuns.map((r) => r.buildMs)))} ms wall, ${fmt(median(teamRuns.map((r) => r.buildCpuMs)))} ms CPU`);
console.log(`team model memory with 10,000 learned: ${median(teamRuns.map((r) => r.megabytes)).toFixed(1)} MB (learned count ${teamRuns[0].learned})`);
if (sink < 0) console.log(sink);
