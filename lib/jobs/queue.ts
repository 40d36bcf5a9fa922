// The jobs table as a queue shared by every app instance. Why a table and not pg-boss or graphile-worker: both need
// Node 22 or features PGlite lacks (LISTEN/NOTIFY across connections, advisory locks), and OpsMix runs on the
// embedded PGlite by default. Plain SQL does the job on both: a unique (team, key) makes enqueueing idempotent
// (INSERT … ON CONFLICT DO NOTHING), `FOR UPDATE SKIP LOCKED` lets concurrent workers each claim a different job,
// and a lease (leaseUntil, database time) hands a job whose instance died to the next worker that polls.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { prisma } from "@/lib/db/client";
import type { DueJob } from "./schedule";

/** A first try and three retries, 1, 5 and 25 minutes apart; then the job is failed (and shown as such). */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 25 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A running job's lease; the worker renews it while it works, so only a dead or stuck instance loses it. */
export const LEASE_MS = 2 * 60_000;

export interface ClaimedJob {
  id: string;
  teamId: string;
  kind: string;
  key: string;
  period: string;
  /** This run's attempt number, from 1. */
  attempts: number;
}

/**
 * A Date as the text of a UTC timestamp: the columns are "timestamp without time zone" holding UTC (as Prisma writes
 * them), so comparisons must not depend on the session's time zone; (now() AT TIME ZONE 'UTC') likewise.
 */
function utc(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** Who holds a lease: one id per worker (instance), kept in lockedBy. */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Adds the job unless one with its key exists for the team (any instance, any status). True when this call added it. */
export async function enqueueJob(teamId: string, job: DueJob): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Job" ("id", "teamId", "kind", "key", "period", "runAt", "status", "attempts", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${teamId}, ${job.kind}, ${job.key}, ${job.period}, ${utc(job.runAt)}::timestamp, 'pending', 0, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
    ON CONFLICT ("teamId", "key") DO NOTHING
    RETURNING "id"`;
  return rows.length === 1;
}

/**
 * Claims the oldest job that is due at `now` (pending), or whose lease ran out (its instance stopped mid-run), for
 * `worker`. Concurrent claimers skip rows another holds, so each job goes to exactly one of them.
 */
export async function claimJob(worker: string, now: Date, leaseMs = LEASE_MS): Promise<ClaimedJob | null> {
  const rows = await prisma.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'running', "attempts" = "attempts" + 1, "lockedBy" = ${worker},
      "leaseUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000}::float8), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE ("status" = 'pending' AND "runAt" <= ${utc(now)}::timestamp) OR ("status" = 'running' AND "leaseUntil" < (now() AT TIME ZONE 'UTC'))
      ORDER BY "runAt", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "teamId", "kind", "key", "period", "attempts"`;
  return rows[0] ?? null;
}

/** Extends the lease while the job runs. False when the job is no longer this worker's (it lost the lease). */
export async function renewLease(job: ClaimedJob, worker: string, leaseMs = LEASE_MS): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "Job" SET "leaseUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000}::float8), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = ${job.id} AND "lockedBy" = ${worker} AND "status" = 'running'`;
  return count === 1;
}

/** Done: records what the run did. Only the lease holder's word counts. */
export async function completeJob(job: ClaimedJob, worker: string, result: unknown): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "Job" SET "status" = 'done', "result" = ${JSON.stringify(result)}::jsonb, "lastError" = NULL, "leaseUntil" = NULL,
      "finishedAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = ${job.id} AND "lockedBy" = ${worker} AND "status" = 'running'`;
  return count === 1;
}

/** The delay before the next try after failed attempt `attempt` (1-based), or null when it was the last. */
export function retryDelay(attempt: number): number | null {
  return attempt >= 1 && attempt < MAX_ATTEMPTS ? RETRY_DELAYS_MS[attempt - 1]! : null;
}

/**
 * A run that failed: tried again after the backoff when the failure may pass (and attempts are left), else failed
 * for good. Returns what became of the job.
 */
export async function failJob(job: ClaimedJob, worker: string, now: Date, error: string, options: { retryable: boolean; result?: unknown }): Promise<"retry" | "failed"> {
  const delay = options.retryable ? retryDelay(job.attempts) : null;
  const result = JSON.stringify(options.result ?? null);
  const message = error.slice(0, 1000);
  if (delay !== null) {
    await prisma.$executeRaw`
      UPDATE "Job" SET "status" = 'pending', "runAt" = ${utc(new Date(now.getTime() + delay))}::timestamp, "lastError" = ${message}, "result" = ${result}::jsonb,
        "leaseUntil" = NULL, "lockedBy" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE "id" = ${job.id} AND "lockedBy" = ${worker} AND "status" = 'running'`;
    return "retry";
  }
  await prisma.$executeRaw`
    UPDATE "Job" SET "status" = 'failed', "lastError" = ${message}, "result" = ${result}::jsonb, "leaseUntil" = NULL,
      "finishedAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = ${job.id} AND "lockedBy" = ${worker} AND "status" = 'running'`;
  return "failed";
}
