import "server-only";
// New activities as one INSERT … SELECT FROM unnest(…): one statement whatever the batch size, no per-row query
// building in the client (the write path's hot statement; Prisma's model layer costs more CPU than the insert).
import { prisma } from "@/lib/db/client";
import type { ActivityRow } from "./serialize";

/** An activity as created: the stored columns of its first version, its date as yyyy-mm-dd in the team's time zone. */
export type NewActivityRow = Pick<ActivityRow, "id" | "text" | "minutes" | "role" | "stage" | "roleConfidence" | "stageConfidence" | "needsReview" | "explanation"> & {
  date: string;
  idempotencyKey: string | null;
};

/**
 * Inserts new, engine-tagged ("auto", version 1) activities of one author in one team, stamped `now`. A row whose
 * idempotency key the author already used in the team is skipped; the ids of the rows inserted are returned.
 */
export async function insertActivities(teamId: string, authorId: string, rows: NewActivityRow[], now: Date): Promise<Set<string>> {
  const column = <T>(pick: (row: NewActivityRow) => T) => rows.map(pick);
  // The timestamp columns hold UTC wall-clock time (Prisma's convention), whatever the session's time zone.
  const stamp = now.toISOString().replace("T", " ").replace("Z", "");
  const inserted = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Activity" ("id", "teamId", "authorId", "text", "dateWorked", "minutes", "role", "stage", "tagSource",
      "roleConfidence", "stageConfidence", "needsReview", "tagPending", "explanation", "version", "idempotencyKey", "isDemo",
      "createdAt", "updatedAt")
    SELECT r.id, ${teamId}, ${authorId}, r.text, r.date::date, r.minutes, r.role::"OpsRole", r.stage::"FunnelStage", 'auto'::"TagSource",
      r.role_confidence, r.stage_confidence, r.needs_review, false, r.explanation::jsonb, 1, r.idempotency_key, false,
      ${stamp}::timestamp(3), ${stamp}::timestamp(3)
    FROM unnest(${column((r) => r.id)}::text[], ${column((r) => r.text)}::text[], ${column((r) => r.date)}::text[],
      ${column((r) => r.minutes)}::int[], ${column((r) => r.role)}::text[], ${column((r) => r.stage)}::text[],
      ${column((r) => r.roleConfidence)}::float8[], ${column((r) => r.stageConfidence)}::float8[], ${column((r) => r.needsReview)}::bool[],
      ${column((r) => (r.explanation === null || r.explanation === undefined ? null : JSON.stringify(r.explanation)))}::text[],
      ${column((r) => r.idempotencyKey)}::text[])
      AS r(id, text, date, minutes, role, stage, role_confidence, stage_confidence, needs_review, explanation, idempotency_key)
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return new Set(inserted.map((row) => row.id));
}
