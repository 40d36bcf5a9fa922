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

/** What may stand around a hint: white space and half- or full-width punctuation, as a Chinese keyboard types it. */
const SEPARATORS = "\\s,\uFF0C;\uFF1B:\uFF1A\u3001\u3002";
const EDGE_PUNCTUATION = new RegExp(`^[${SEPARATORS}\\-]+|[${SEPARATORS}\\-]+$`, "gu");

/** A relative day: apart from the work by separators, or first on the line with none ("昨天给新用户打回访电话"). */
function relativeDay(words: string, offset: number, leadingChinese: string) {
  return {
    re: new RegExp(
      `(?:^|[${SEPARATORS}])(?:${words})(?=$|[${SEPARATORS}])|^\\s*(?:${leadingChinese})(?!\u5934\u6761)`,
      "iu",
    ),
    offset,
  };
}

// 今日头条 is a platform, not a date: the start-of-line form never takes 今日/今天 before 头条.
const RELATIVE_DAYS: { re: RegExp; offset: number }[] = [
  relativeDay("\u524D\u5929|day before yesterday", -2, "\u524D\u5929"),
  relativeDay("\u6628\u5929|\u6628\u65E5|yesterday", -1, "\u6628\u5929|\u6628\u65E5"),
  relativeDay("\u4ECA\u5929|\u4ECA\u65E5|today", 0, "\u4ECA\u5929|\u4ECA\u65E5"),
];

function tidy(text: string): string {
  return text.replace(/\s{2,}/g, " ").replace(EDGE_PUNCTUATION, "").trim();
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
