import "server-only";
// CSV import: decode (UTF-8, with or without BOM, or GBK as Excel writes it), validate every row, tag every row,
// and only then write all rows in one transaction. Re-importing the same file creates no duplicates.
import { createHash, randomUUID } from "node:crypto";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { DomainError, Invalid } from "@/lib/errors";
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import { allowedNames, csvName, namesToKeys, undefuseCell } from "./csv";
import { tagColumns } from "./tag-columns";
import { dateColumn, normaliseActivityText, normaliseDateWorked, normaliseMinutes } from "./rules";
import { getTeamTagging } from "./team-model";
import type { TagResult } from "@/lib/tagging";

export const IMPORT_ROWS_MAX = 50_000;
/** Rows tagged between two turns of the event loop. */
export const IMPORT_YIELD_ROWS = 200;
export const IMPORT_BYTES_MAX = 20 * 1024 * 1024;
export const TEMPLATE_CSV = "\uFEFFdate,email,text,minutes\r\n2026-11-24,you@example.com,回复社区帖子32条,45\r\n2026-11-24,you@example.com,Ran the Tuesday live class with 140 attendees,90\r\n";

export interface ImportRowError {
  line: number;
  messageKey: string;
  values?: Record<string, string | number>;
}

export interface ImportPreviewRow {
  line: number;
  date: string;
  email: string;
  text: string;
  minutes: number | null;
  role: string;
  stage: string;
  needsReview: boolean;
  /** "auto" when the tagger tagged the row; what the file's tag_source says when its role/stage were kept. */
  tagSource: "auto" | "confirmed" | "corrected";
}

export interface ImportResult {
  encoding: "utf-8" | "gbk";
  rows: ImportPreviewRow[];
  errors: ImportRowError[];
  total: number;
  created?: number;
  skipped?: number;
}

type ImportColumn = "date" | "email" | "text" | "minutes" | "role" | "stage" | "tagSource" | "needsReview";

/** Header names the import understands: the keys, both UI languages' export headers (csv.header.*), and common synonyms. */
const HEADER_ALIASES: Map<string, ImportColumn> = (() => {
  const map = new Map<string, ImportColumn>();
  const fromExport: Record<string, ImportColumn> = {
    date: "date", member_email: "email", text: "text", minutes: "minutes", role: "role", stage: "stage", tag_source: "tagSource", needs_review: "needsReview",
  };
  for (const [name, key] of namesToKeys("csv.header")) if (fromExport[key]) map.set(name, fromExport[key]);
  const synonyms: Record<string, ImportColumn> = {
    date: "date", 日期: "date", "date worked": "date",
    email: "email", "member email": "email", member: "email", 邮箱: "email", 成员邮箱: "email", 成员: "email",
    text: "text", entry: "text", activity: "text", 内容: "text", 工作内容: "text", 记录: "text",
    minutes: "minutes", 分钟: "minutes", 时长: "minutes", "时长(分钟)": "minutes", "时长（分钟）": "minutes",
    role: "role", "ops role": "role", 岗位: "role", 运营岗位: "role",
    stage: "stage", "funnel stage": "stage", 环节: "stage", 用户环节: "stage",
  };
  for (const [name, key] of Object.entries(synonyms)) map.set(csvName(name), key);
  return map;
})();
const ROLE_NAMES = namesToKeys("taxonomy.roles");
const STAGE_NAMES = namesToKeys("taxonomy.stages");
const TAG_SOURCES = namesToKeys("csv.tagSource");
const YES = new Set(["yes", "true", "1", ...LOCALES.map((locale) => csvName(translate(locale, "csv.yes")))]);

/** Decodes the file's bytes: UTF-8 when valid, else GBK (Excel's default for Chinese CSV on Windows). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gbk" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "gbk"), encoding: "gbk" };
  }
}

/** Excel writes dates as 2026/11/24 or 2026-11-24; both are accepted. */
function normaliseCsvDate(raw: string): string {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim());
  if (!match) return raw.trim();
  return `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
}

export async function analyseImport(
  access: TeamAccess,
  bytes: Uint8Array,
  locale: Locale = DEFAULT_LOCALE,
): Promise<ImportResult & { keys: string[]; authorIds: string[]; tags: TagResult[] }> {
  if (bytes.byteLength === 0) throw new Invalid("import.errors.empty");
  if (bytes.byteLength > IMPORT_BYTES_MAX) throw new DomainError("payload_too_large", "import.errors.tooLarge");
  const { text, encoding } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const table = parsed.data;
  if (table.length === 0) throw new Invalid("import.errors.empty");
  const header = table[0]!.map((cell) => HEADER_ALIASES.get(csvName(cell)) ?? null);
  const column = (name: ImportColumn) => header.indexOf(name);
  const missing = (["date", "email", "text"] as const).filter((name) => column(name) < 0);
  if (missing.length > 0) {
    const names = missing.map((name) => translate(locale, `csv.header.${name === "email" ? "member_email" : name}`) + (locale === "en" ? "" : `（${name}）`));
    throw new Invalid("csv.errors.header", { missing: names.join(locale === "en" ? ", " : "、") });
  }
  const width = table[0]!.length;
  if (table.length - 1 > IMPORT_ROWS_MAX) throw new Invalid("import.errors.tooManyRows", { max: IMPORT_ROWS_MAX });

  const members = await prisma.membership.findMany({ where: { teamId: access.teamId }, select: { userId: true, user: { select: { email: true } } } });
  const memberByEmail = new Map(members.map((m) => [m.user.email.toLowerCase(), m.userId]));
  const manager = hasTeamRole(access, "manager");
  const tagging = await getTeamTagging(access.teamId);

  const rows: ImportPreviewRow[] = [];
  const errors: ImportRowError[] = [];
  const keys: string[] = [];
  const authorIds: string[] = [];
  const tags: TagResult[] = [];
  const seen = new Map<string, number>();
  // Papa reports rows, not lines: count physical lines so messages point where a spreadsheet user looks.
  let line = 1;
  for (let index = 1; index < table.length; index++) {
    // Tagging 50,000 rows takes seconds of CPU: hand the event loop back every few hundred rows so the other
    // requests this instance serves meanwhile are not held up for the whole file.
    if (index % IMPORT_YIELD_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const cells = table[index]!;
    line++;
    const cell = (name: ImportColumn) => (column(name) >= 0 ? undefuseCell((cells[column(name)] ?? "").trim()) : "");
    const rawText = cell("text");
    try {
      // An unquoted comma splits a cell in two and moves every later column: say so rather than blame whichever
      // column now holds the wrong value.
      if (cells.length > width) throw new Invalid("csv.errors.shifted", { found: cells.length, expected: width });
      if (rawText.includes("\uFFFD")) throw new Invalid("import.errors.encoding");
      const rawDate = cell("date");
      const date = withValue(() => normaliseDateWorked(normaliseCsvDate(rawDate), access.timeZone), rawDate, {
        "errors.dateInvalid": "csv.errors.date", "errors.dateTooFarFuture": "csv.errors.dateTooFarFuture", "errors.dateTooOld": "csv.errors.dateTooOld",
      });
      const email = cell("email").toLowerCase();
      const authorId = memberByEmail.get(email);
      if (!authorId) throw new Invalid("import.errors.unknownMember", { email: email || "—" });
      if (!manager && authorId !== access.userId) throw new Invalid("import.errors.notYours", { email });
      const textValue = normaliseActivityText(rawText);
      const rawMinutes = cell("minutes");
      const minutes = withValue(() => normaliseMinutes(rawMinutes || undefined), rawMinutes, { "errors.minutesInvalid": "csv.errors.minutes" });
      const rawRole = cell("role");
      const rawStage = cell("stage");
      const role = rawRole ? ROLE_NAMES.get(csvName(rawRole)) : undefined;
      const stage = rawStage ? STAGE_NAMES.get(csvName(rawStage)) : undefined;
      if (rawRole && !role) throw new Invalid("csv.errors.role", { value: rawRole, names: allowedNames("taxonomy.roles", locale) });
      if (rawStage && !stage) throw new Invalid("csv.errors.stage", { value: rawStage, names: allowedNames("taxonomy.stages", locale) });
      const engineTag = tagging.classify(textValue);
      // A manager's row that names both its role and its stage (an OpsMix export, or a hand-tagged sheet) keeps
      // them, so a re-imported export has the tags it had; otherwise the tagger tags the row (a member's own tag
      // change waits for a manager in the app, so a member's file cannot set tags either). An export's tag_source
      // says whether a person set them (kept as confirmed/corrected) or the tagger did (kept as auto, with its
      // needs-review flag); a sheet without that column is a person's judgement: confirmed.
      const tagsFromFile = manager && Boolean(role && stage);
      const fileSource = (TAG_SOURCES.get(csvName(cell("tagSource"))) ?? "confirmed") as "auto" | "confirmed" | "corrected";
      const tag: TagResult = tagsFromFile
        ? {
            ...engineTag,
            role: role as TagResult["role"],
            stage: stage as TagResult["stage"],
            needsReview: fileSource === "auto" && column("needsReview") >= 0 ? YES.has(csvName(cell("needsReview"))) : fileSource === "auto" && engineTag.needsReview,
            confidence: { role: role === engineTag.role ? engineTag.confidence.role : 1, stage: stage === engineTag.stage ? engineTag.confidence.stage : 1 },
          }
        : engineTag;
      const tagSource = tagsFromFile ? fileSource : "auto";
      const fingerprint = [access.teamId, date, authorId, textValue, minutes ?? ""].join("\u0001");
      const occurrence = (seen.get(fingerprint) ?? 0) + 1;
      seen.set(fingerprint, occurrence);
      keys.push(createHash("sha256").update(`${fingerprint}\u0001${occurrence}`).digest("hex"));
      authorIds.push(authorId);
      tags.push(tag);
      rows.push({ line, date, email, text: textValue, minutes, role: tag.role, stage: tag.stage, needsReview: tag.needsReview, tagSource });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const values: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(error.details ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
      errors.push({ line, messageKey: error.messageKey, values });
    }
    line += (cells.join(",").match(/\n/g) ?? []).length;
  }
  return { encoding, rows, errors, total: table.length - 1, keys, authorIds, tags };
}

/** Runs a rules.ts check and re-raises its error as a CSV message that quotes the offending cell. */
function withValue<T>(check: () => T, value: string, keys: Record<string, string>): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError && keys[error.messageKey]) {
      throw new Invalid(keys[error.messageKey]!, { ...(error.details ?? {}), value: value || "—" });
    }
    throw error;
  }
}

/**
 * Rows of the file that are already entries of the team (same member, date, text and minutes, not deleted): an
 * exported file imported back, or a sheet imported again, adds only what is new. Identical rows count: two equal
 * rows in the file against one existing entry add one.
 */
async function alreadyThere(teamId: string, rows: ImportPreviewRow[], authorIds: string[]): Promise<boolean[]> {
  if (rows.length === 0) return [];
  const dates = [...new Set(rows.map((r) => r.date))];
  const existing = await prisma.activity.findMany({
    where: { teamId, deletedAt: null, authorId: { in: [...new Set(authorIds)] }, dateWorked: { in: dates.map(dateColumn) } },
    select: { authorId: true, dateWorked: true, text: true, minutes: true },
  });
  const fingerprint = (authorId: string, date: string, text: string, minutes: number | null) => [authorId, date, text, minutes ?? ""].join("\u0001");
  const counts = new Map<string, number>();
  for (const a of existing) {
    const key = fingerprint(a.authorId, a.dateWorked.toISOString().slice(0, 10), a.text, a.minutes);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return rows.map((row, index) => {
    const key = fingerprint(authorIds[index]!, row.date, row.text, row.minutes);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    return left > 0;
  });
}

/** Validates the whole file and writes nothing unless every row is valid; then one transaction. */
export async function commitImport(access: TeamAccess, bytes: Uint8Array, locale: Locale = DEFAULT_LOCALE): Promise<ImportResult> {
  const analysis = await analyseImport(access, bytes, locale);
  const { keys, authorIds, tags, ...result } = analysis;
  if (result.errors.length > 0) return result;
  const present = await alreadyThere(access.teamId, result.rows, authorIds);
  const data = result.rows.flatMap((row, index) => present[index] ? [] : [{
    id: randomUUID(),
    teamId: access.teamId,
    authorId: authorIds[index]!,
    text: row.text,
    dateWorked: row.date,
    minutes: row.minutes,
    importKey: keys[index]!,
    tagSource: row.tagSource,
    ...tagColumns(tags[index]!),
  }]);
  // One statement per 2,000 rows with the rows as a single JSON parameter: about six times faster than
  // createMany for 10,000 rows, and ON CONFLICT on the import key skips rows imported before.
  const created = await prisma.$transaction(
    async (tx) => {
      let count = 0;
      for (let start = 0; start < data.length; start += 2000) {
        count += await tx.$executeRaw`
          INSERT INTO "Activity" ("id", "teamId", "authorId", "text", "dateWorked", "minutes", "importKey", "tagSource", "role", "stage",
            "roleConfidence", "stageConfidence", "needsReview", "explanation", "updatedAt")
          SELECT r."id", r."teamId", r."authorId", r."text", r."dateWorked"::date, r."minutes", r."importKey", r."tagSource"::"TagSource",
            r."role"::"OpsRole", r."stage"::"FunnelStage", r."roleConfidence", r."stageConfidence", r."needsReview", r."explanation", now()
          FROM json_to_recordset(${JSON.stringify(data.slice(start, start + 2000))}::json) AS r("id" text, "teamId" text, "authorId" text,
            "text" text, "dateWorked" text, "minutes" int, "importKey" text, "tagSource" text, "role" text, "stage" text, "roleConfidence" float8,
            "stageConfidence" float8, "needsReview" boolean, "explanation" jsonb)
          ON CONFLICT DO NOTHING`;
      }
      return count;
    },
    { timeout: 120_000 },
  );
  await recordAudit({ action: "activity.import", teamId: access.teamId, actorId: access.userId, detail: { rows: result.rows.length, created } });
  return { ...result, created, skipped: result.rows.length - created };
}
