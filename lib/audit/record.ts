import "server-only";
// Audit trail: who did what, when, to what. Writes never fail the action that triggered them.
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export interface AuditInput {
  action: string;
  teamId?: string | null;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Prisma.InputJsonValue;
  ip?: string;
}

export async function recordAudit(event: AuditInput, db: Pick<typeof prisma, "auditEvent"> = prisma): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        action: event.action,
        teamId: event.teamId ?? null,
        actorId: event.actorId ?? null,
        targetType: event.targetType,
        targetId: event.targetId,
        detail: event.detail,
        ip: event.ip,
      },
    });
  } catch (error) {
    console.error("audit write failed", event.action, error);
  }
}
