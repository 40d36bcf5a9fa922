import "server-only";
// Team membership and what each team role may do. Every team-scoped read goes through requireTeamAccess,
// whose returned teamId is the only team id queries may use.
import { cache } from "react";
import type { WriteMembership } from "@/lib/auth/api-tokens";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, NotFound } from "@/lib/errors";
import { hasTeamRole, isMember } from "./permissions";
import { isValidSlug } from "./slug";

export type TeamRole = "member" | "manager" | "admin";

export interface TeamAccess {
  teamId: string;
  slug: string;
  name: string;
  timeZone: string;
  role: TeamRole;
  userId: string;
  /** The team's tagging settings as read with the membership (saves a write its own lookup of the team row). */
  tagging?: { modelVersion: number; reviewThreshold: number };
}

export { hasTeamRole };

/** The viewer's access to the team with this slug; another team's slug is "not found". */
export const findTeamAccess = cache(async (userId: string, slug: string): Promise<TeamAccess | null> => {
  if (typeof slug !== "string" || !isValidSlug(slug)) return null;
  const membership = await prisma.membership.findFirst({
    where: { userId, team: { slug } },
    select: { role: true, team: { select: { id: true, slug: true, name: true, timeZone: true, modelVersion: true, reviewThreshold: true } } },
  });
  if (!membership) return null;
  const { team } = membership;
  return teamAccessOf(userId, { teamId: team.id, slug: team.slug, name: team.name, timeZone: team.timeZone, role: membership.role, modelVersion: team.modelVersion, reviewThreshold: team.reviewThreshold });
});

function teamAccessOf(userId: string, membership: WriteMembership): TeamAccess {
  return {
    teamId: membership.teamId,
    slug: membership.slug,
    name: membership.name,
    timeZone: membership.timeZone,
    role: membership.role as TeamRole,
    userId,
    tagging: { modelVersion: membership.modelVersion, reviewThreshold: membership.reviewThreshold },
  };
}

/**
 * The viewer's access when `can` allows it, else NotFound (not a member) / Forbidden (not allowed). Refusals are
 * audited unless the caller says not to (reads: GET requests write nothing).
 */
export async function requireTeamPermission(
  userId: string,
  slug: string,
  can: (access: TeamAccess) => boolean,
  options: { auditDenial?: boolean } = {},
): Promise<TeamAccess> {
  const access = await findTeamAccess(userId, slug);
  if (access && can(access)) return access;
  if (options.auditDenial !== false) {
    await recordAudit({
      action: "access.denied",
      actorId: userId,
      teamId: access?.teamId ?? null,
      targetType: "team",
      detail: { slug: String(slug).slice(0, 64), needs: can.name || "permission", role: access?.role ?? null },
    });
  }
  throw access ? new Forbidden() : new NotFound();
}

/** The viewer's access with at least this role. Prefer requireTeamPermission with a named permission. */
export async function requireTeamAccess(userId: string, slug: string, atLeast: TeamRole = "member", options: { auditDenial?: boolean } = {}): Promise<TeamAccess> {
  // Named for the role, so a refusal's audit record says what was needed.
  const can = Object.defineProperty((access: TeamAccess) => hasTeamRole(access, atLeast), "name", { value: atLeast });
  return requireTeamPermission(userId, slug, can, options);
}

/** Teams the user belongs to, oldest membership first (the default team). */
export async function listUserTeams(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.team, role: m.role as TeamRole }));
}

/** The team slug an /api/v1 request names (?team=slug, else the X-OpsMix-Team header); null: the user's first team. */
export function requestedTeamSlug(request: Request): string | null {
  // An empty ?team= names no team (the first one), and hides the header, as it always has.
  return (new URL(request.url).searchParams.get("team") ?? request.headers.get("x-opsmix-team")) || null;
}

/**
 * The API's way in (apiHandler; re-exported by lib/teams/context.ts): the team an /api/v1 request acts in, from
 * ?team=slug, the X-OpsMix-Team header, or the user's first team. Refusals of writes are audited; reads write nothing.
 * `known`: the caller's membership as a write's token check read it for this request's slug (saves the look-up);
 * without one (none read, or not a member) the look-up below decides, and refuses.
 */
export async function apiTeam(request: Request, userId: string, known?: WriteMembership | null): Promise<TeamAccess> {
  const options = { auditDenial: request.method !== "GET" };
  const slug = requestedTeamSlug(request);
  if (known && (slug === null || known.slug === slug)) {
    const access = teamAccessOf(userId, known);
    if (isMember(access)) return access;
  }
  if (slug) return requireTeamPermission(userId, slug, isMember, options);
  const first = await prisma.membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { team: { select: { slug: true } } } });
  if (!first) throw new NotFound();
  return requireTeamPermission(userId, first.team.slug, isMember, options);
}
