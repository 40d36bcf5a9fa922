import "server-only";
// The team's working calendar, stored per team (absent: Monday to Friday, no holidays). Managers and admins set it.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden } from "@/lib/errors";
import { hasTeamRole, type TeamAccess } from "@/lib/teams/access";
import { DEFAULT_CALENDAR, type TeamCalendar } from "./calendar";

export function canSetTeamCalendar(access: TeamAccess): boolean {
  return hasTeamRole(access, "manager");
}

export async function getTeamCalendar(teamId: string): Promise<TeamCalendar> {
  const row = await prisma.teamCalendar.findUnique({ where: { teamId }, select: { workingDays: true, holidays: true } });
  return row ? { workingDays: [...row.workingDays].sort((a, b) => a - b), holidays: [...row.holidays].sort() } : DEFAULT_CALENDAR;
}

export async function setTeamCalendar(access: TeamAccess, calendar: TeamCalendar): Promise<void> {
  if (!canSetTeamCalendar(access)) throw new Forbidden();
  await prisma.teamCalendar.upsert({
    where: { teamId: access.teamId },
    create: { teamId: access.teamId, ...calendar },
    update: calendar,
  });
  await recordAudit({ action: "calendar.set", teamId: access.teamId, actorId: access.userId, targetType: "teamCalendar", targetId: access.teamId, detail: { ...calendar } });
}
