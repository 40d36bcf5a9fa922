// Output side of the tag CLI: one tagged row as a JSON line, and stdin split into lines, both on the hot path of
// `npm run -s tag` (~20 µs an entry in all). Byte-identical to JSON.stringify of the same row and to readline's lines
// (jsonl-out.test.ts checks both); they exist because the generic versions cost a quarter of the CLI's time.
import { StringDecoder } from "node:string_decoder";
import type { TagResult } from "./types";

/**
 * JSON text of a number as JSON.stringify writes it (non-finite: null). Confidences, similarities and cue weights
 * are rounded to 2–3 decimals, so their texts come from a table: turning a double into its shortest text is the
 * slowest part of writing a row. The table fills as texts are first needed (filling it whole cost ~35 ms at start).
 */
const TABLE = 100_000;
const thousandths: (string | undefined)[] = new Array(TABLE + 1);
const hundredths: (string | undefined)[] = new Array(TABLE + 1);
function num(x: number): string {
  const h = Math.round(x * 100);
  if (h >= 0 && h <= TABLE && h / 100 === x) return hundredths[h] ?? (hundredths[h] = String(h / 100));
  if (h < 0 && h >= -TABLE && h / 100 === x) return "-" + (hundredths[-h] ?? (hundredths[-h] = String(-h / 100)));
  const t = Math.round(x * 1000);
  if (t >= 0 && t <= TABLE && t / 1000 === x) return thousandths[t] ?? (thousandths[t] = String(t / 1000));
  return Number.isFinite(x) ? String(x) : "null";
}

/** What JSON.stringify escapes in a string (lone surrogates; pairs are matched too and take the slow way). */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * JSON text of a string as JSON.stringify writes it: quoted as it is when nothing in it needs escaping (no control
 * character, quote, backslash or surrogate). A regular expression, not a charCodeAt loop: the texts, cues and ids are
 * strings of many internal kinds (one- and two-byte, sliced), which made the loop's loads megamorphic (callgrind:
 * +16,000 instructions an entry).
 */
function str(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function cues(list: readonly { cue: string; weight: number }[]): string {
  let out = "[";
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    out += `${i > 0 ? "," : ""}{"cue":${str(c.cue)},"weight":${num(c.weight)}}`;
  }
  return out + "]";
}

function explanationJson(explanation: TagResult["explanation"]): string {
  // Keys in the explanation's own order, as JSON.stringify would: the known ones written directly, any other one
  // (or a known one holding undefined, which JSON.stringify leaves out) through JSON.stringify.
  let out = "{";
  for (const key of Object.keys(explanation) as (keyof typeof explanation)[]) {
    const value = explanation[key];
    if (value === undefined) continue;
    if (out.length > 1) out += ",";
    if (key === "roleCues" || key === "stageCues") out += `"${key}":${cues(value as TagResult["explanation"]["roleCues"])}`;
    else if (key === "nearest") {
      const n = value as NonNullable<TagResult["explanation"]["nearest"]>;
      out += `"nearest":{"text":${str(n.text)},"role":"${n.role}","stage":"${n.stage}","source":"${n.source}","similarity":${num(n.similarity)}}`;
    } else out += `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return out + "}";
}

/**
 * The CLI's output line (with its "\n") for an entry: the same bytes as
 * JSON.stringify({ id, text, role, stage, confidence, needsReview, explanation? }) + "\n".
 */
export function taggedRowJson(id: unknown, text: string, tag: TagResult, explain: boolean): string {
  const idPart = id === undefined ? "" : `"id":${typeof id === "string" ? str(id) : JSON.stringify(id)},`;
  const head = `{${idPart}"text":${str(text)},"role":"${tag.role}","stage":"${tag.stage}",`;
  const body = `"confidence":{"role":${num(tag.confidence.role)},"stage":${num(tag.confidence.stage)}},"needsReview":${tag.needsReview}`;
  return `${head}${body}${explain ? `,"explanation":${explanationJson(tag.explanation)}` : ""}}\n`;
}

/**
 * Output rows gathered as UTF-8 bytes, each written into a chunk as it comes (one native write per row) instead of
 * joining the row strings and converting the joined text: the join flattened every row's concatenation tree into one
 * large string first (callgrind and in-process A/B in bench/RESULTS.md). take() hands over the bytes written so far.
 */
export class RowBuffer {
  private chunk: Buffer;
  private used = 0;

  constructor(private readonly chunkSize = 1 << 17) {
    this.chunk = Buffer.allocUnsafe(chunkSize);
  }

  /** Bytes gathered and not yet taken. */
  get size(): number {
    return this.used;
  }

  push(row: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (this.used + row.length * 3 > this.chunk.length) this.grow(row.length * 3);
    this.used += this.chunk.write(row, this.used);
  }

  /** The bytes gathered since the last take (a buffer of their own: the caller may keep it). */
  take(): Buffer {
    const out = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(this.chunkSize);
    this.used = 0;
    return out;
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.chunkSize, (this.used + need) * 2));
    this.chunk.copy(next, 0, 0, this.used);
    this.chunk = next;
  }
}

/**
 * The lines of a text stream as readline (crlfDelay: Infinity) gives them: split at \r\n, \n or \r; a last line
 * without a line break counts, an empty stream has none. Reads whole chunks, so a line costs no promise of its own.
 */
export async function* readLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string[]> {
  // The decoder readline uses (a BOM is kept, bad bytes become U+FFFD the same way).
  const decoder = new StringDecoder("utf8");
  let rest = "";
  /** The previous chunk ended in \r: a \n starting this one belongs to it. */
  let afterCr = false;
  for await (const chunk of input) {
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (afterCr && text.startsWith("\n")) text = text.slice(1);
    afterCr = text.endsWith("\r");
    const parts = (rest + text).split(/\r\n|\r|\n/);
    rest = parts.pop()!;
    if (parts.length > 0) yield parts;
  }
  const tail = rest + decoder.end();
  if (tail.length > 0) yield [tail];
}
