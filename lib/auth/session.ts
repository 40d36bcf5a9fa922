import "server-only";
// Who is asking: every server action, page and route handler starts here.
// The JWT alone is not trusted: the user row is re-read so that disable, logout-everywhere and
// password changes take effect on the very next request.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { Unauthenticated } from "@/lib/errors";
import { authOptions, SESSION_ABSOLUTE_SECONDS } from "./options";

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
}

export async function viewerFromClaims(claims: SessionClaims | null | undefined): Promise<Viewer | null> {
  if (!claims?.uid || typeof claims.sv !== "number") return null;
  if (!claims.authAt || Date.now() / 1000 - claims.authAt > SESSION_ABSOLUTE_SECONDS) return null;
  const user = await prisma.user.findUnique({
    where: { id: claims.uid },
    select: { id: true, email: true, name: true, locale: true, sessionVersion: true, disabledAt: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

/** The signed-in user of this request, or null. Memoised per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions)) as SessionClaims | null;
  return viewerFromClaims(session);
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new Unauthenticated();
  return viewer;
}
