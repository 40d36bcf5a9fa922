// The tag CLI's per-entry path, old against new in one process and alternating (so both see the same load):
// read lines → parse → classify with explanation → write the JSON row. Old: readline + JSON.stringify of the row;
// new: readLines + taggedRowJson (scripts/tag.ts). Checks that both write the same bytes, then prints CPU µs per entry.
// Usage: npx tsx bench/tag-cli.ts [--entries N] [--runs N]   (pin it to one core: taskset -c 1 ...)
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { baseTrainingExamples, getBaseModel, type TagResult } from "../lib/tagging";
import { parseEntry } from "../lib/tagging/jsonl";
import { readLines, taggedRowJson } from "../lib/tagging/jsonl-out";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTRIES = arg("--entries", 100_000);
const RUNS = arg("--runs", 5);

const examples = baseTrainingExamples();
const input = Buffer.from(
  Array.from({ length: ENTRIES }, (_, i) => JSON.stringify({ id: `e${i}`, text: examples[(i * 7919) % examples.length].text })).join("\n") + "\n",
);
const model = getBaseModel();
const chunks = () => {
  const out: Buffer[] = [];
  for (let i = 0; i < input.length; i += 65536) out.push(input.subarray(i, i + 65536));
  return Readable.from(out);
};

function oldRow(id: unknown, text: string, tag: TagResult): string {
  const row = {
    id, text, role: tag.role, stage: tag.stage, confidence: tag.confidence, needsReview: tag.needsReview,
    ...{ explanation: tag.explanation },
  };
  return JSON.stringify(row) + "\n";
}

/** Runs one path; returns [CPU µs per entry, output bytes joined]. */
async function run(fresh: boolean): Promise<[number, string]> {
  const parts: string[] = [];
  let pending: string[] = [];
  const handle = (line: string) => {
    if (line.trim().length === 0) return;
    const parsed = parseEntry(line);
    if (!parsed.ok) return;
    const { id, text } = parsed.value;
    const tag = model.classify(text);
    pending.push(fresh ? taggedRowJson(id, text, tag, true) : oldRow(id, text, tag));
    if (pending.length >= 256) {
      parts.push(pending.join(""));
      pending = [];
    }
  };
  const started = process.cpuUsage();
  if (fresh) {
    for await (const lines of readLines(chunks())) for (const line of lines) handle(line);
  } else {
    for await (const line of createInterface({ input: chunks(), crlfDelay: Infinity })) handle(line);
  }
  parts.push(pending.join(""));
  const used = process.cpuUsage(started);
  return [(used.user + used.system) / ENTRIES, parts.join("")];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  const [, reference] = await run(false);
  const [, fresh] = await run(true);
  if (fresh !== reference) throw new Error("the new path writes other bytes than the old one");
  const old: number[] = [];
  const now: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    old.push((await run(false))[0]);
    now.push((await run(true))[0]);
  }
  const fmt = (xs: number[]) => `${median(xs).toFixed(2)} µs/entry (${Math.round(1e6 / median(xs)).toLocaleString("en")} per CPU-second; runs ${xs.map((x) => x.toFixed(1)).join(" ")})`;
  console.log(`${ENTRIES} entries, identical output; load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`old (readline + JSON.stringify): ${fmt(old)}`);
  console.log(`new (readLines + taggedRowJson): ${fmt(now)}`);
}

main();
