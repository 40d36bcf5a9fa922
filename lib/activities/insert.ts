import "server-only";
// New activities go in by group commit: the writes that arrive while an INSERT is in flight wait and go in together
// as the next one (one statement, one commit, one round trip for all of them), so under load the database sees a
// few multi-row INSERTs instead of one per request. Alone, a write goes straight in (no added delay).
// The rows are built by hand (INSERT … SELECT FROM unnest) rather than through Prisma's model layer, whose query
// compiler and interpreter cost more CPU than the insert itself.
import { prisma } from "@/lib/db/client";
import type { ActivityRow } from "./serialize";

/** An activity as created: the stored columns of its first version, its date as yyyy-mm-dd in the team's time zone. */
export type NewActivityRow = Pick<ActivityRow, "id" | "text" | "minutes" | "role" | "stage" | "roleConfidence" | "stageConfidence" | "needsReview" | "explanation"> & {
  date: string;
  idempotencyKey: string | null;
};

interface Pending {
  teamId: string;
  authorId: string;
  rows: NewActivityRow[];
  /** createdAt/updatedAt: UTC wall-clock text, as the timestamp columns hold it (Prisma's convention). */
  stamp: string;
  resolve: (inserted: Set<string>) => void;
  reject: (error: unknown) => void;
}

/** Rows per statement at most (a request's rows are never split; one bigger request goes alone). */
const ROWS_PER_STATEMENT = 1000;
const queue: Pending[] = [];
let flushing = false;

/**
 * Inserts new, engine-tagged ("auto", version 1) activities of one author in one team, stamped `now`, and resolves
 * with the ids inserted once they are committed. A row whose idempotency key the author already used in the team
 * (earlier, or earlier in the same group) is skipped. The ids are chosen by the caller, so a retried statement can
 * never insert a row twice.
 */
export function insertActivities(teamId: string, authorId: string, rows: NewActivityRow[], now: Date): Promise<Set<string>> {
  const stamp = now.toISOString().replace("T", " ").replace("Z", "");
  return new Promise((resolve, reject) => {
    queue.push({ teamId, authorId, rows, stamp, resolve, reject });
    // On a microtask, not at once: writes that arrive in the same tick share the first statement too.
    if (!flushing) {
      flushing = true;
      queueMicrotask(() => void flush());
    }
  });
}

async function flush(): Promise<void> {
  try {
    while (queue.length > 0) {
      const group = takeGroup();
      try {
        settle(group, await insertRows(group));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        // One request's bad row must not fail the others (the statement wrote nothing): each goes again alone.
        else await Promise.all(group.map((pending) => insertAlone(pending).then((ids) => settle([pending], ids), pending.reject)));
      }
    }
  } finally {
    flushing = false;
  }
}

/**
 * A request of a failed group, again by itself. The group's statement may have committed although its answer never
 * came (PGlite's client-side timeout, a connection lost after COMMIT): a row already stored under one of this
 * request's ids was written by that statement, so it counts as inserted rather than as a key's replay.
 */
async function insertAlone(pending: Pending): Promise<Set<string>> {
  const inserted = await insertRows([pending]);
  const missing = pending.rows.map((row) => row.id).filter((id) => !inserted.has(id));
  if (missing.length === 0) return inserted;
  const stored = await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Activity" WHERE "id" = ANY(${missing}::text[])`;
  for (const row of stored) inserted.add(row.id);
  return inserted;
}

function takeGroup(): Pending[] {
  const group = [queue.shift()!];
  let rows = group[0]!.rows.length;
  while (queue.length > 0 && rows + queue[0]!.rows.length <= ROWS_PER_STATEMENT) {
    rows += queue[0]!.rows.length;
    group.push(queue.shift()!);
  }
  return group;
}

function settle(group: Pending[], inserted: Set<string>): void {
  for (const pending of group) pending.resolve(new Set(pending.rows.map((row) => row.id).filter((id) => inserted.has(id))));
}

async function insertRows(group: Pending[]): Promise<Set<string>> {
  const rows = group.flatMap((pending) => pending.rows.map((row) => ({ ...row, teamId: pending.teamId, authorId: pending.authorId, stamp: pending.stamp })));
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  const inserted = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Activity" ("id", "teamId", "authorId", "text", "dateWorked", "minutes", "role", "stage", "tagSource",
      "roleConfidence", "stageConfidence", "needsReview", "tagPending", "explanation", "version", "idempotencyKey", "isDemo",
      "createdAt", "updatedAt")
    SELECT r.id, r.team_id, r.author_id, r.text, r.date::date, r.minutes, r.role::"OpsRole", r.stage::"FunnelStage", 'auto'::"TagSource",
      r.role_confidence, r.stage_confidence, r.needs_review, false, r.explanation::jsonb, 1, r.idempotency_key, false,
      r.stamp::timestamp(3), r.stamp::timestamp(3)
    FROM unnest(${column((r) => r.id)}::text[], ${column((r) => r.teamId)}::text[], ${column((r) => r.authorId)}::text[],
      ${column((r) => r.text)}::text[], ${column((r) => r.date)}::text[], ${column((r) => r.minutes)}::int[],
      ${column((r) => r.role)}::text[], ${column((r) => r.stage)}::text[], ${column((r) => r.roleConfidence)}::float8[],
      ${column((r) => r.stageConfidence)}::float8[], ${column((r) => r.needsReview)}::bool[],
      ${column((r) => (r.explanation === null || r.explanation === undefined ? null : JSON.stringify(r.explanation)))}::text[],
      ${column((r) => r.idempotencyKey)}::text[], ${column((r) => r.stamp)}::text[])
      AS r(id, team_id, author_id, text, date, minutes, role, stage, role_confidence, stage_confidence, needs_review, explanation,
        idempotency_key, stamp)
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return new Set(inserted.map((row) => row.id));
}
