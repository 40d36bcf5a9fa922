// The team rhythm's scheduled work, wired to the real channels (lib/delivery) and comments (lib/comments): what
// every app instance's job worker runs. Started once per instance from instrumentation.ts.
import { commentsForDigest, commentsForMember } from "@/lib/comments/queries";
import { listChannels, sendToChannel } from "@/lib/delivery/send";
import { startJobWorker, type JobRunners } from "@/lib/jobs/worker";
import { runDigestJob } from "./digest-job";
import type { Delivery } from "./outbox";
import { runReminderJob } from "./reminder-job";
import { scheduleRhythmJobs } from "./scheduler";

const delivery: Delivery = { listChannels: (teamId) => listChannels(teamId), sendToChannel };

export const rhythmRunners: JobRunners = {
  schedule: scheduleRhythmJobs,
  run: {
    reminder: (job, now) => runReminderJob(job, delivery, commentsForMember, now),
    digest: (job, now) => runDigestJob(job, delivery, commentsForDigest, now),
  },
};

/** Starts this instance's worker (OPSMIX_JOBS=off: none); polls every OPSMIX_JOBS_POLL_MS (default 5 s). */
export function startRhythmJobs(): () => void {
  return startJobWorker(rhythmRunners);
}
