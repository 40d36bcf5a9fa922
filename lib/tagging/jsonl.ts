// JSON Lines input for the CLIs: parse one line into an entry to tag or a labelled example, with a reason when bad.
import { isRoleKey, isStageKey, type LabelledExample } from "./types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface EntryToTag {
  id: unknown;
  text: string;
}

function parseObject(line: string): Parsed<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: "invalid JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: "not a JSON object" };
  return { ok: true, value: value as Record<string, unknown> };
}

function entryFrom(obj: Record<string, unknown>): Parsed<EntryToTag> {
  const { id, text } = obj;
  if (text === undefined) return { ok: false, error: 'missing "text"' };
  if (typeof text !== "string") return { ok: false, error: '"text" is not a string' };
  if (text.trim().length === 0) return { ok: false, error: '"text" is empty' };
  return { ok: true, value: { id: id ?? null, text } };
}

export function parseEntry(line: string): Parsed<EntryToTag> {
  const parsed = parseObject(line);
  return parsed.ok ? entryFrom(parsed.value) : parsed;
}

export function parseLabelled(line: string): Parsed<LabelledExample> {
  const parsed = parseObject(line);
  if (!parsed.ok) return parsed;
  const entry = entryFrom(parsed.value);
  if (!entry.ok) return entry;
  const { role, stage } = parsed.value;
  if (!isRoleKey(role)) return { ok: false, error: `unknown role ${JSON.stringify(role)}` };
  if (!isStageKey(stage)) return { ok: false, error: `unknown stage ${JSON.stringify(stage)}` };
  return { ok: true, value: { text: entry.value.text, role, stage } };
}

/** Reads a labelled JSONL file's lines; bad lines are reported through `onError` (1-based line numbers). */
export function parseLabelledLines(content: string, onError: (line: number, error: string) => void): LabelledExample[] {
  const out: LabelledExample[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().length === 0) return;
    const parsed = parseLabelled(line);
    if (parsed.ok) out.push(parsed.value);
    else onError(i + 1, parsed.error);
  });
  return out;
}
