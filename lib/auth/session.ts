import "server-only";
// Who is asking: every server action, page and route handler starts here.
// The JWT alone is not trusted: the user row is re-read so that disable, logout-everywhere, password and role
// changes and removal from a team take effect on the very next request, and a signed-out session id is refused.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { Unauthenticated } from "@/lib/errors";
import { authOptions, SESSION_ABSOLUTE_SECONDS } from "./options";
import { isSessionRevoked } from "./revocation";

export interface Viewer {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

interface SessionClaims {
  uid?: string;
  sv?: number;
  authAt?: number;
  sid?: string;
}

export async function viewerFromClaims(claims: SessionClaims | null | undefined): Promise<Viewer | null> {
  if (typeof claims?.uid !== "string" || typeof claims.sv !== "number" || typeof claims.sid !== "string") return null;
  if (typeof claims.authAt !== "number" || Date.now() / 1000 - claims.authAt > SESSION_ABSOLUTE_SECONDS) return null;
  const [user, revoked] = await Promise.all([
    prisma.user.findUnique({
      where: { id: claims.uid },
      select: { id: true, email: true, name: true, locale: true, sessionVersion: true, disabledAt: true },
    }),
    isSessionRevoked(claims.sid),
  ]);
  if (!user || revoked || user.disabledAt || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

const sessionClaims = cache(async () => (await getServerSession(authOptions)) as SessionClaims | null);

/** The signed-in user of this request, or null. Memoised per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerFromClaims(await sessionClaims()));

/** The id of this request's session (the one sign-out revokes) when it is a valid one; for grants that must not leave it. */
export async function currentSessionId(): Promise<string | null> {
  const claims = await sessionClaims();
  return (await viewerFromClaims(claims)) && typeof claims?.sid === "string" ? claims.sid : null;
}

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new Unauthenticated();
  return viewer;
}

// The way in for surfaces that are not a team's (account, sign-in, invites). Team surfaces use lib/teams/context.ts,
// which re-exports these so that pages, actions and routes have one place to start from.

/** A page that is not a team's: the signed-in viewer, or null (the page decides: redirect or a public view). */
export async function viewerPage(): Promise<Viewer | null> {
  return getViewer();
}

/** A server action that is not a team's: the signed-in viewer, or Unauthenticated (a translated FormState via `failure`). */
export async function viewerAction(): Promise<Viewer> {
  return requireViewer();
}
