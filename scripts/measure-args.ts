// Command-line values shared by the measuring scripts (scripts/eval.ts, scripts/cv.ts): each throws an Error whose
// message says what is wrong, for the script to print with its usage.
import { readFileSync } from "node:fs";
import { type BuildOverrides, checkBuildOverrides } from "../lib/tagging";

/** --build's JSON as build overrides over DEFAULT_BUILD (an unknown option or a value of another type is an error). */
export function parseBuildJson(json: string | undefined): BuildOverrides {
  let value: unknown;
  try {
    value = JSON.parse(json ?? "");
  } catch {
    throw new Error(`needs a JSON object of build options, e.g. '{"train":{"seed":2}}' (got ${json ?? "nothing"})`);
  }
  return checkBuildOverrides(value);
}

/** The "text" of every line of a JSONL file (--drop, --unscored: labels are not needed). */
export function readTexts(file: string): Set<string> {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  const texts = new Set<string>();
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().length === 0) return;
    let text: unknown;
    try {
      ({ text } = JSON.parse(line) as { text?: unknown });
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    if (typeof text !== "string") throw new Error(`${file}:${i + 1}: no "text" string`);
    texts.add(text);
  });
  return texts;
}
