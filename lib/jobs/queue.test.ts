// The jobs table as a queue, against a real database (PGlite, or a throwaway one on DATABASE_URL's server):
// idempotent enqueue, one claim per job among concurrent workers, a dead worker's lease taken over, backoff.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import { expireLease } from "./test-lease";
import { claimJob, completeJob, enqueueJob, failJob, LEASE_MS, MAX_ATTEMPTS, renewLease, RETRY_DELAYS_MS } from "./queue";
import { runClaimed, workOnce, type JobRunners } from "./worker";

const NOW = new Date("2026-12-07T09:30:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("jobs queue", () => {
  let database: { close(): Promise<void> };
  let teams: string[];

  before(async () => {
    database = await openTestDatabase();
    teams = [];
    for (const name of ["a", "b"]) {
      const team = await prisma.team.create({ data: { slug: `jobs-${name}-${randomUUID().slice(0, 8)}`, name }, select: { id: true } });
      teams.push(team.id);
    }
  });

  after(async () => {
    await database.close();
  });

  const job = (key: string, runAt = NOW) => ({ kind: "reminder" as const, period: "2026-12-07", key, runAt });

  it("enqueues each team × key once, however many instances try at once", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => enqueueJob(teams[0]!, job("reminder:a:2026-12-07"))));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal(await enqueueJob(teams[1]!, job("reminder:a:2026-12-07")), true, "the same key in another team is another job");
    assert.equal(await prisma.job.count({ where: { key: "reminder:a:2026-12-07" } }), 2);
    // Done jobs keep their key: the same period is never sent again.
    const claimed = await claimJob("w1", NOW);
    assert.ok(claimed);
    assert.equal(await completeJob(claimed, "w1", { sent: 1 }), true);
    assert.equal(await enqueueJob(claimed.teamId, job(claimed.key)), false);
    await prisma.job.deleteMany({});
  });

  it("concurrent workers each claim a different job, and every job exactly once", async () => {
    for (let i = 0; i < 12; i++) await enqueueJob(teams[i % 2]!, job(`k${i}`, new Date(NOW.getTime() - i * 1000)));
    await enqueueJob(teams[0]!, job("not-yet", later(60_000)));
    const claims = await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        const mine: string[] = [];
        for (let claimed = await claimJob(`w${w}`, NOW); claimed; claimed = await claimJob(`w${w}`, NOW)) {
          mine.push(claimed.key);
          await completeJob(claimed, `w${w}`, null);
        }
        return mine;
      }),
    );
    const all = claims.flat().sort();
    assert.deepEqual(all, Array.from({ length: 12 }, (_, i) => `k${i}`).sort(), "each due job once, the future one not at all");
    assert.equal(await prisma.job.count({ where: { status: "done" } }), 12);
    assert.equal((await prisma.job.findFirstOrThrow({ where: { key: "not-yet" } })).status, "pending");
    await prisma.job.deleteMany({});
  });

  it("a job whose worker died is taken over when its lease runs out, and the dead worker's word no longer counts", async () => {
    await enqueueJob(teams[0]!, job("crash"));
    const first = await claimJob("dead", NOW);
    assert.equal(first?.attempts, 1);
    const [lease] = await prisma.$queryRaw<{ left: number }[]>`
      SELECT EXTRACT(EPOCH FROM ("leaseUntil" - (now() AT TIME ZONE 'UTC')))::float8 AS "left" FROM "Job" WHERE "id" = ${first!.id}`;
    assert.ok(lease!.left > LEASE_MS / 1000 - 30 && lease!.left <= LEASE_MS / 1000, `leased for LEASE_MS (${lease!.left} s left)`);
    assert.equal(await claimJob("alive", NOW), null, "leased: nobody else may take it");
    // The dead worker renews nothing; the lease's time passes (moved, not waited for: a busy machine must not decide).
    await expireLease(first!.id);
    const second = await claimJob("alive", NOW);
    assert.equal(second?.key, "crash");
    assert.equal(second?.attempts, 2);
    assert.equal(await renewLease(first!, "dead"), false);
    assert.equal(await completeJob(first!, "dead", { sent: 99 }), false);
    assert.equal(await completeJob(second!, "alive", { sent: 1 }), true);
    const row = await prisma.job.findFirstOrThrow({ where: { key: "crash" }, select: { status: true, result: true, lockedBy: true } });
    assert.deepEqual(row, { status: "done", result: { sent: 1 }, lockedBy: "alive" });
    await prisma.job.deleteMany({});
  });

  it("retries a failing job after 1, 5 and 25 minutes, then marks it failed with the last error", async () => {
    await enqueueJob(teams[0]!, job("flaky"));
    let now = NOW;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const claimed = await claimJob("w", now);
      assert.equal(claimed?.attempts, attempt);
      const state = await failJob(claimed!, "w", now, `smtp_unreachable (try ${attempt})`, { retryable: true });
      if (attempt < MAX_ATTEMPTS) {
        assert.equal(state, "retry");
        const delay = RETRY_DELAYS_MS[attempt - 1]!;
        assert.equal(await claimJob("w", new Date(now.getTime() + delay - 1000)), null, "not before the backoff");
        now = new Date(now.getTime() + delay);
      } else assert.equal(state, "failed");
    }
    assert.deepEqual(RETRY_DELAYS_MS, [60_000, 300_000, 1_500_000]);
    const row = await prisma.job.findFirstOrThrow({ where: { key: "flaky" }, select: { status: true, attempts: true, lastError: true } });
    assert.deepEqual(row, { status: "failed", attempts: MAX_ATTEMPTS, lastError: `smtp_unreachable (try ${MAX_ATTEMPTS})` });
    // A failure that will not pass by waiting (a wrong secret) fails at once.
    await enqueueJob(teams[0]!, job("misconfigured"));
    const claimed = await claimJob("w", NOW);
    assert.equal(await failJob(claimed!, "w", NOW, "bad_signature", { retryable: false }), "failed");
    await prisma.job.deleteMany({});
  });

  it("one team's failing job does not hold up another team's", async () => {
    await enqueueJob(teams[0]!, job("broken", new Date(Date.now() - 2000)));
    await enqueueJob(teams[1]!, job("fine", new Date(Date.now() - 1000)));
    const ran: string[] = [];
    const runners: JobRunners = {
      schedule: async () => {},
      run: {
        reminder: async (claimed) => {
          ran.push(claimed.key);
          if (claimed.key === "broken") throw new Error("channel down");
          return { status: "done", result: { sent: 1 } };
        },
      },
    };
    assert.equal(await workOnce("w", runners), 2);
    assert.deepEqual(ran, ["broken", "fine"]);
    const rows = await prisma.job.findMany({ orderBy: { key: "asc" }, select: { key: true, status: true, lastError: true } });
    assert.deepEqual(rows, [
      { key: "broken", status: "pending", lastError: "channel down" },
      { key: "fine", status: "done", lastError: null },
    ]);
    // A job claimed more often than it may be tried (its instance kept dying) is given up, not run again.
    await prisma.job.updateMany({ where: { key: "broken" }, data: { attempts: MAX_ATTEMPTS, runAt: new Date(Date.now() - 1000) } });
    const claimed = await claimJob("w", new Date());
    assert.equal(await runClaimed(claimed!, "w", runners, new Date()), "failed");
    assert.deepEqual(ran, ["broken", "fine"], "not run a fifth time");
    await prisma.job.deleteMany({});
  });
});
