// Reads optional duration and date hints out of a typed line ("2h", "1.5小时", "昨天", "11/20") and strips them.
import { addDays } from "./rules";

export interface ParsedLine {
  text: string;
  minutes: number | null;
  /** YYYY-MM-DD, or null when the line names no date (then: today). */
  date: string | null;
}

const DURATION_PATTERNS: { re: RegExp; toMinutes: (n: number) => number }[] = [
  { re: /(?<![\p{L}\p{N}.])(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)(?![\p{L}])/iu, toMinutes: (n) => n * 60 },
  { re: /(?<![\p{L}\p{N}.])(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)(?![\p{L}])/iu, toMinutes: (n) => n },
  { re: /(\d+(?:\.\d+)?)\s*(?:个)?(?:小时|钟头)/u, toMinutes: (n) => n * 60 },
  { re: /(\d+(?:\.\d+)?)\s*(?:分钟|分鐘)/u, toMinutes: (n) => n },
  { re: /(半)(?:个)?小时/u, toMinutes: () => 30 },
];

const RELATIVE_DAYS: { re: RegExp; offset: number }[] = [
  { re: /(?:^|\s|[,,;;。])(?:前天|day before yesterday)(?=$|\s|[,,;;:。:])/iu, offset: -2 },
  { re: /(?:^|\s|[,,;;。])(?:昨天|昨日|yesterday)(?=$|\s|[,,;;:。:])/iu, offset: -1 },
  { re: /(?:^|\s|[,,;;。])(?:今天|今日|today)(?=$|\s|[,,;;:。:])/iu, offset: 0 },
];

function tidy(text: string): string {
  return text
    .replace(/\s{2,}/g, " ")
    .replace(/^[\s,,;;:。:、-]+|[\s,,;;:、-]+$/gu, "")
    .trim();
}

/**
 * Pulls the first duration and the first date hint out of the line. Only hints that stand apart from the
 * work itself are taken: "回复帖子32条" keeps its count, "2h" or "30分钟" becomes minutes.
 */
export function parseLogLine(line: string, today: string): ParsedLine {
  let text = line;
  let minutes: number | null = null;
  for (const { re, toMinutes } of DURATION_PATTERNS) {
    const match = re.exec(text);
    if (!match) continue;
    const value = toMinutes(Number(match[1]) || 0);
    if (value > 0 && value <= 24 * 60) {
      minutes = Math.round(value);
      text = text.slice(0, match.index) + " " + text.slice(match.index + match[0].length);
    }
    break;
  }

  let date: string | null = null;
  for (const { re, offset } of RELATIVE_DAYS) {
    const match = re.exec(text);
    if (!match) continue;
    date = addDays(today, offset);
    text = text.slice(0, match.index) + " " + text.slice(match.index + match[0].length);
    break;
  }
  if (!date) {
    const iso = /(?<![\d/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/-])/.exec(text);
    const short = iso ? null : /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(text);
    const zh = iso || short ? null : /(?<!\d)(\d{1,2})月(\d{1,2})[日号](?!\d)/.exec(text);
    const match = iso ?? short ?? zh;
    if (match) {
      const year = iso ? Number(match[1]) : Number(today.slice(0, 4));
      const month = Number(iso ? match[2] : match[1]);
      const day = Number(iso ? match[3] : match[2]);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        let candidate = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        // "12/30" typed on 1 January means last year's.
        if (!iso && candidate > addDays(today, 1)) candidate = `${year - 1}${candidate.slice(4)}`;
        if (new Date(`${candidate}T00:00:00Z`).toISOString().slice(0, 10) === candidate) {
          date = candidate;
          text = text.slice(0, match.index) + " " + text.slice(match.index + match[0].length);
        }
      }
    }
  }
  const cleaned = tidy(text);
  return { text: cleaned || tidy(line), minutes, date };
}

/** Splits pasted text into entry lines, dropping blanks and list bullets. */
export function splitPastedLines(pasted: string): string[] {
  return pasted
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·]|\d+[.)、])\s+/u, "").trim())
    .filter((line) => line.length > 0);
}
