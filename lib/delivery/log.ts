// The delivery log: one row per attempt, the newest 50 per channel kept (older ones pruned on write, with sent
// idempotency claims past their retention), read back for the settings page.
import { prisma } from "@/lib/db/client";
import { CLAIM_RETENTION_DAYS } from "./claims";
import type { DeliveryErrorCode, DeliveryPurpose } from "./types";

export const LOG_KEEP_PER_CHANNEL = 50;

export interface AttemptRecord {
  teamId: string;
  channelId: string;
  purpose: DeliveryPurpose;
  status: "sent" | "failed" | "duplicate";
  errorCode?: DeliveryErrorCode;
  errorDetail?: string;
  httpStatus?: number;
  recipients?: number;
}

export async function recordAttempt(record: AttemptRecord): Promise<void> {
  try {
    await prisma.deliveryAttempt.create({
      data: {
        teamId: record.teamId,
        channelId: record.channelId,
        purpose: record.purpose,
        status: record.status,
        errorCode: record.errorCode ?? null,
        errorDetail: record.errorDetail?.slice(0, 300) ?? null,
        httpStatus: record.httpStatus ?? null,
        recipients: record.recipients ?? null,
      },
    });
    await prisma.$executeRaw`
      DELETE FROM "DeliveryAttempt" WHERE "channelId" = ${record.channelId} AND "id" IN (
        SELECT "id" FROM "DeliveryAttempt" WHERE "channelId" = ${record.channelId}
        ORDER BY "createdAt" DESC, "id" DESC OFFSET ${LOG_KEEP_PER_CHANNEL})`;
    await prisma.$executeRaw`
      DELETE FROM "DeliveryClaim" WHERE "channelId" = ${record.channelId} AND "state" = 'sent'
        AND "updatedAt" < now() - make_interval(days => ${CLAIM_RETENTION_DAYS})`;
  } catch (error) {
    // The log must never turn a delivered message into a failure (or a retry that sends it twice).
    console.error("[delivery] log write failed", error);
  }
}

export interface DeliveryLogRow {
  id: string;
  channelId: string;
  purpose: DeliveryPurpose;
  status: "sent" | "failed" | "duplicate";
  errorCode: DeliveryErrorCode | null;
  errorDetail: string | null;
  httpStatus: number | null;
  recipients: number | null;
  createdAt: Date;
}

/** The team's newest attempts, per channel at most 50, newest first. */
export async function listDeliveryLog(teamId: string, channelId?: string, take = LOG_KEEP_PER_CHANNEL): Promise<DeliveryLogRow[]> {
  const rows = await prisma.deliveryAttempt.findMany({
    where: channelId ? { teamId, channelId } : { teamId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, channelId: true, purpose: true, status: true, errorCode: true, errorDetail: true, httpStatus: true, recipients: true, createdAt: true },
  });
  return rows as DeliveryLogRow[];
}
