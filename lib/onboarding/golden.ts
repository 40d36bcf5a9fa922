import "server-only";
// Golden examples: a manager pins a confirmed entry of the team with a short reason; it then leads the library
// and the practice quiz. Callers pass the TeamAccess their permission check returned.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import type { TeamAccess } from "@/lib/teams/access";
import { confirmedInTeam } from "./library";
import { canPinGolden } from "./permissions";

export const GOLDEN_COMMENT_MAX = 280;

/** A pin needs a reason a new hire can learn from: 1–280 characters after trimming. */
export function normaliseGoldenComment(raw: unknown): string {
  if (typeof raw !== "string") throw new Invalid("learn.errors.commentRequired");
  const comment = raw.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").replace(/\s+/g, " ").trim();
  if (!comment) throw new Invalid("learn.errors.commentRequired");
  if (comment.length > GOLDEN_COMMENT_MAX) throw new Invalid("learn.errors.commentTooLong", { max: GOLDEN_COMMENT_MAX });
  return comment;
}

function checkActivityId(id: unknown): string {
  if (typeof id !== "string" || id.length === 0 || id.length > 64) throw new NotFound();
  return id;
}

/** Pins (or re-words the reason of) a golden example. Entries of other teams and unconfirmed ones are "not found". */
export async function pinGoldenExample(access: TeamAccess, activityId: unknown, rawComment: unknown): Promise<void> {
  if (!canPinGolden(access)) throw new Forbidden();
  const id = checkActivityId(activityId);
  const comment = normaliseGoldenComment(rawComment);
  const activity = await prisma.activity.findFirst({ where: { ...confirmedInTeam(access.teamId), id }, select: { id: true } });
  if (!activity) throw new NotFound();
  await prisma.goldenExample.upsert({
    where: { activityId: activity.id },
    create: { teamId: access.teamId, activityId: activity.id, comment, pinnedById: access.userId },
    update: { comment, pinnedById: access.userId },
  });
  await recordAudit({ action: "golden.pin", teamId: access.teamId, actorId: access.userId, targetType: "activity", targetId: activity.id, detail: { comment } });
}

export async function unpinGoldenExample(access: TeamAccess, activityId: unknown): Promise<void> {
  if (!canPinGolden(access)) throw new Forbidden();
  const id = checkActivityId(activityId);
  const { count } = await prisma.goldenExample.deleteMany({ where: { teamId: access.teamId, activityId: id } });
  if (count === 0) throw new NotFound();
  await recordAudit({ action: "golden.unpin", teamId: access.teamId, actorId: access.userId, targetType: "activity", targetId: id });
}
