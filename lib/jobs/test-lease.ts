// Tests only: a lease running out without waiting for it, so a busy machine cannot decide a test.
import { prisma } from "@/lib/db/client";

/** As if the job's lease had run out with nobody renewing it (its worker died). */
export async function expireLease(jobId: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "Job" SET "leaseUntil" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE "id" = ${jobId}`;
}
