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
import { tagColumns } from "./tag-columns";
import { normaliseActivityText, normaliseDateWorked, normaliseMinutes } from "./rules";
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
}

export interface ImportResult {
  encoding: "utf-8" | "gbk";
  rows: ImportPreviewRow[];
  errors: ImportRowError[];
  total: number;
  created?: number;
  skipped?: number;
}

const HEADER_ALIASES: Record<string, "date" | "email" | "text" | "minutes"> = {
  date: "date", 日期: "date", "date worked": "date",
  email: "email", "member email": "email", member: "email", 邮箱: "email", 成员邮箱: "email", 成员: "email",
  text: "text", entry: "text", activity: "text", 内容: "text", 工作内容: "text", 记录: "text",
  minutes: "minutes", 分钟: "minutes", 时长: "minutes", "时长(分钟)": "minutes",
};

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
): Promise<ImportResult & { keys: string[]; authorIds: string[]; tags: TagResult[] }> {
  if (bytes.byteLength === 0) throw new Invalid("import.errors.empty");
  if (bytes.byteLength > IMPORT_BYTES_MAX) throw new DomainError("payload_too_large", "import.errors.tooLarge");
  const { text, encoding } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const table = parsed.data;
  if (table.length === 0) throw new Invalid("import.errors.empty");
  const header = table[0]!.map((cell) => HEADER_ALIASES[cell.trim().toLowerCase()] ?? null);
  const column = (name: "date" | "email" | "text" | "minutes") => header.indexOf(name);
  for (const name of ["date", "email", "text"] as const) {
    if (column(name) < 0) throw new Invalid("import.errors.header");
  }
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
    const cell = (name: "date" | "email" | "text" | "minutes") => (column(name) >= 0 ? (cells[column(name)] ?? "").trim() : "");
    const rawText = cell("text");
    try {
      if (rawText.includes("\uFFFD")) throw new Invalid("import.errors.encoding");
      const date = normaliseDateWorked(normaliseCsvDate(cell("date")), access.timeZone);
      const email = cell("email").toLowerCase();
      const authorId = memberByEmail.get(email);
      if (!authorId) throw new Invalid("import.errors.unknownMember", { email: email || "—" });
      if (!manager && authorId !== access.userId) throw new Invalid("import.errors.notYours", { email });
      const textValue = normaliseActivityText(rawText);
      const minutes = normaliseMinutes(cell("minutes") || undefined);
      const tag = tagging.classify(textValue);
      const fingerprint = [access.teamId, date, authorId, textValue, minutes ?? ""].join("\u0001");
      const occurrence = (seen.get(fingerprint) ?? 0) + 1;
      seen.set(fingerprint, occurrence);
      keys.push(createHash("sha256").update(`${fingerprint}\u0001${occurrence}`).digest("hex"));
      authorIds.push(authorId);
      tags.push(tag);
      rows.push({ line, date, email, text: textValue, minutes, role: tag.role, stage: tag.stage, needsReview: tag.needsReview });
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

/** Validates the whole file and writes nothing unless every row is valid; then one transaction. */
export async function commitImport(access: TeamAccess, bytes: Uint8Array): Promise<ImportResult> {
  const analysis = await analyseImport(access, bytes);
  const { keys, authorIds, tags, ...result } = analysis;
  if (result.errors.length > 0) return result;
  const data = result.rows.map((row, index) => ({
    id: randomUUID(),
    teamId: access.teamId,
    authorId: authorIds[index]!,
    text: row.text,
    dateWorked: row.date,
    minutes: row.minutes,
    importKey: keys[index]!,
    ...tagColumns(tags[index]!),
  }));
  // One statement per 2,000 rows with the rows as a single JSON parameter: about six times faster than
  // createMany for 10,000 rows, and ON CONFLICT on the import key skips rows imported before.
  const created = await prisma.$transaction(
    async (tx) => {
      let count = 0;
      for (let start = 0; start < data.length; start += 2000) {
        count += await tx.$executeRaw`
          INSERT INTO "Activity" ("id", "teamId", "authorId", "text", "dateWorked", "minutes", "importKey", "role", "stage",
            "roleConfidence", "stageConfidence", "needsReview", "explanation", "updatedAt")
          SELECT r."id", r."teamId", r."authorId", r."text", r."dateWorked"::date, r."minutes", r."importKey",
            r."role"::"OpsRole", r."stage"::"FunnelStage", r."roleConfidence", r."stageConfidence", r."needsReview", r."explanation", now()
          FROM json_to_recordset(${JSON.stringify(data.slice(start, start + 2000))}::json) AS r("id" text, "teamId" text, "authorId" text,
            "text" text, "dateWorked" text, "minutes" int, "importKey" text, "role" text, "stage" text, "roleConfidence" float8,
            "stageConfidence" float8, "needsReview" boolean, "explanation" jsonb)
          ON CONFLICT DO NOTHING`;
      }
      return count;
    },
    { timeout: 120_000 },
  );
  await recordAudit({ action: "activity.import", teamId: access.teamId, actorId: access.userId, detail: { rows: data.length, created } });
  return { ...result, created, skipped: data.length - created };
}
