import "server-only";
// Each tick of every instance: which teams' reminders and digests are due now, enqueued once per team × schedule ×
// period (lib/jobs/queue.ts enqueueJob; concurrent instances race harmlessly on the unique key).
import { prisma } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { dueJobs } from "@/lib/jobs/schedule";
import { DEFAULT_CALENDAR } from "./calendar";

/** Keys this instance has already enqueued (or found enqueued), so a due job costs one INSERT per instance, not per tick. */
const ensured = new Set<string>();
const ENSURED_MAX = 50_000;

/** Forget what this instance has enqueued (tests that empty the jobs table between cases). */
export function forgetEnqueued(): void {
  ensured.clear();
}

/** Enqueues the jobs due at `now` for every team with a schedule switched on. Returns how many this call added. */
export async function scheduleRhythmJobs(now: Date): Promise<number> {
  const schedules = await prisma.rhythmSchedule.findMany({
    where: { OR: [{ reminderEnabled: true }, { digestEnabled: true }], team: { isDemo: false } },
    select: {
      teamId: true,
      reminderEnabled: true,
      reminderTime: true,
      digestEnabled: true,
      digestWeekday: true,
      digestTime: true,
      team: { select: { timeZone: true, calendar: { select: { workingDays: true, holidays: true } } } },
    },
  });
  if (ensured.size > ENSURED_MAX) ensured.clear();
  let added = 0;
  for (const { team, teamId, ...schedule } of schedules) {
    for (const job of dueJobs(teamId, schedule, team.calendar ?? DEFAULT_CALENDAR, team.timeZone, now)) {
      if (ensured.has(job.key)) continue;
      if (await enqueueJob(teamId, job)) added += 1;
      ensured.add(job.key);
    }
  }
  return added;
}
