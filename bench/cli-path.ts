// The tag CLI's per-entry path for in-process A/B benches: parse → classify with explanation → JSON row.
import type { TaggingModel } from "../lib/tagging";
import { parseEntry } from "../lib/tagging/jsonl";
import { taggedRowJson } from "../lib/tagging/jsonl-out";

/** CPU µs per line to run `lines` (JSONL entries) through the CLI's per-entry path with `model`. */
export function cliPathMicros(model: TaggingModel, lines: readonly string[]): number {
  const t = process.cpuUsage();
  let sink = 0;
  for (const line of lines) {
    const parsed = parseEntry(line);
    if (!parsed.ok) continue;
    sink += taggedRowJson(parsed.value.id, parsed.value.text, model.classify(parsed.value.text), true).length;
  }
  const u = process.cpuUsage(t);
  return (u.user + u.system) / lines.length + sink * 0;
}

/** The median of `xs`. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `count` JSONL entries cycling through `examples`' texts in a fixed scattered order. */
export function benchLines(examples: readonly { text: string }[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ id: `e${i}`, text: examples[(i * 7919) % examples.length].text }));
}
