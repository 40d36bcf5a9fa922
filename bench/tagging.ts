// Tagging engine benchmark: base build time, throughput (tag + explanation, one core), learn() time,
// building a team model from 10,000 learned examples, and that team model's memory. Prints medians of runs.
// Usage: npx tsx bench/tagging.ts [--runs N]   (run with --expose-gc for cleaner memory figures)
import { buildTeamModel, getBaseModel, type LabelledExample, type TaggingModel } from "../lib/tagging";
import os from "node:os";
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

const t0 = performance.now();
const base = getBaseModel();
const buildMs = performance.now() - t0;

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

// learn(): median time per call while a fork grows to 2,000 examples.
const learnTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const team = base.fork();
  const examples = learnedExamples(2_000, 100 + run);
  const start = performance.now();
  for (const e of examples) team.learn(e);
  learnTimes.push((performance.now() - start) / examples.length);
}

// A team model with 10,000 learned examples: build time and memory.
const gc = (globalThis as { gc?: () => void }).gc;
const buildTimes: number[] = [];
const memory: number[] = [];
const teamThroughput: number[] = [];
let keep: TaggingModel[] = [];
for (let run = 0; run < RUNS; run++) {
  const learned = learnedExamples(10_000, 1000 + run);
  gc?.();
  const before = process.memoryUsage();
  const start = performance.now();
  const team = buildTeamModel(learned);
  buildTimes.push(performance.now() - start);
  gc?.();
  const after = process.memoryUsage();
  memory.push((after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6);
  const cpu = process.cpuUsage();
  for (let i = 0; i < 20_000; i++) sink += team.classify(inputs[i]).explanation.stageCues.length;
  const used = process.cpuUsage(cpu);
  teamThroughput.push(20_000 / ((used.user + used.system) / 1e6));
  keep = [team];
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`Tagging engine benchmark (medians of ${RUNS} runs; node ${process.version}; ${gc ? "with" : "without"} --expose-gc; load average ${os.loadavg()[0].toFixed(1)})`);
console.log(`base model build (taxonomy + ${EXAMPLE_BANK.length} bank examples): ${fmt(buildMs)} ms`);
console.log(`throughput, base model, tag + explanation: ${fmt(median(throughput))} entries/s wall, ${fmt(median(cpuThroughput))} per CPU-second`);
console.log(`throughput, team model with 10,000 learned: ${fmt(median(teamThroughput))} entries per CPU-second`);
console.log(`learn(): ${(median(learnTimes) * 1000).toFixed(1)} µs per call (growing to 2,000 examples)`);
console.log(`buildTeamModel(10,000 learned): ${fmt(median(buildTimes))} ms`);
console.log(`team model memory with 10,000 learned: ${median(memory).toFixed(1)} MB (learned count ${keep[0].learnedCount()})`);
if (sink < 0) console.log(sink);
