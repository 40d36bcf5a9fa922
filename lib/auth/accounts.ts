import "server-only";
// Account-level admin changes made from the CLI: disabling an account.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { NotFound } from "@/lib/errors";
import { normaliseEmail } from "./email";

/**
 * Disables an account: sign-in is refused, every session ends on its next request (the session version moves)
 * and its API tokens stop working. Memberships and entries stay, so the team's history is intact.
 */
export async function disableUser(email: string, actorId: string | null = null): Promise<{ id: string; email: string; alreadyDisabled: boolean }> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, disabledAt: true } });
  if (!user) throw new NotFound();
  await prisma.user.update({
    where: { id: user.id },
    data: { disabledAt: user.disabledAt ?? new Date(), sessionVersion: { increment: 1 } },
  });
  await recordAudit({ action: "user.disable", actorId, targetType: "user", targetId: user.id });
  return { id: user.id, email: user.email, alreadyDisabled: user.disabledAt !== null };
}
