// The loop every app instance runs (unless OPSMIX_JOBS=off): every few seconds it enqueues the jobs that have come
// due (idempotently, so all instances may do it) and runs what it can claim. A job's handler says how it went; a
// failure that may pass is retried with backoff, and one team's failing job never holds up another's.
import { clockNow } from "./clock";
import { claimJob, completeJob, failJob, LEASE_MS, MAX_ATTEMPTS, renewLease, workerId, type ClaimedJob } from "./queue";

export const DEFAULT_POLL_MS = 5000;
/** Jobs one tick runs before yielding to the next tick (a long backlog is worked through tick by tick). */
const JOBS_PER_TICK = 20;

export type JobOutcome =
  | { status: "done"; result: unknown }
  /** Some sends failed: retryable ones are tried again later (sends that succeeded are not repeated). */
  | { status: "failed"; error: string; retryable: boolean; result?: unknown };

export interface JobRunners {
  /** Enqueues whatever is due at `now` (called each tick, before claiming). */
  schedule(now: Date): Promise<unknown>;
  run: Record<string, (job: ClaimedJob, now: Date) => Promise<JobOutcome>>;
}

export function pollInterval(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.OPSMIX_JOBS_POLL_MS ?? DEFAULT_POLL_MS);
  return Number.isInteger(value) && value >= 100 ? value : DEFAULT_POLL_MS;
}

export function jobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.OPSMIX_JOBS !== "off";
}

/** Runs one claimed job to its end state, renewing its lease meanwhile. */
export async function runClaimed(job: ClaimedJob, worker: string, runners: JobRunners, now: Date, leaseMs = LEASE_MS): Promise<"done" | "retry" | "failed" | "lost"> {
  if (job.attempts > MAX_ATTEMPTS) {
    // Claimed again and again without finishing: its instance keeps stopping mid-run. Give up, say why.
    return failJob(job, worker, now, `gave up after ${MAX_ATTEMPTS} attempts (the run never finished)`, { retryable: false });
  }
  const handler = runners.run[job.kind];
  if (!handler) return failJob(job, worker, now, `no handler for job kind "${job.kind}"`, { retryable: false });
  const renew = setInterval(() => void renewLease(job, worker, leaseMs).catch(() => {}), Math.max(1000, leaseMs / 3));
  renew.unref?.();
  let outcome: JobOutcome;
  try {
    outcome = await handler(job, now);
  } catch (error) {
    outcome = { status: "failed", error: error instanceof Error ? error.message : String(error), retryable: true };
  } finally {
    clearInterval(renew);
  }
  if (outcome.status === "done") return (await completeJob(job, worker, outcome.result)) ? "done" : "lost";
  return failJob(job, worker, now, outcome.error, { retryable: outcome.retryable, result: outcome.result });
}

/** One tick: enqueue what is due, then run up to JOBS_PER_TICK claimed jobs. Returns how many ran. */
export async function workOnce(worker: string, runners: JobRunners, limit = JOBS_PER_TICK): Promise<number> {
  const now = await clockNow();
  await runners.schedule(now);
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(worker, now);
    if (!job) break;
    ran += 1;
    const state = await runClaimed(job, worker, runners, now);
    if (state !== "done") console.warn(`[jobs] ${job.key}: ${state} (attempt ${job.attempts})`);
  }
  return ran;
}

const started = globalThis as typeof globalThis & { __opsmixJobWorker?: { stop(): void } };

/** Starts this instance's worker once (a second call does nothing). Returns a stop function. */
export function startJobWorker(runners: JobRunners, env: NodeJS.ProcessEnv = process.env): () => void {
  if (!jobsEnabled(env)) {
    console.log("[jobs] OPSMIX_JOBS=off: this instance sends no reminders or digests");
    return () => {};
  }
  if (started.__opsmixJobWorker) return started.__opsmixJobWorker.stop;
  const worker = workerId();
  const interval = pollInterval(env);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = async () => {
    try {
      await workOnce(worker, runners);
    } catch (error) {
      // The database may be briefly away (restart, failover): log once per tick and try again next time.
      console.error(`[jobs] tick failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    if (!stopped) {
      timer = setTimeout(tick, interval);
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, Math.min(interval, 2000));
  timer.unref?.();
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    started.__opsmixJobWorker = undefined;
  };
  started.__opsmixJobWorker = { stop };
  return stop;
}
