import "server-only";
// next-auth configuration: email + password credentials and, when configured, single sign-on (./sso-provider.ts);
// JWT sessions that carry the user's session version, whichever way the user signed in.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clientIp } from "./rate-limit";
import { sameOriginPath } from "./redirect";
import { isReservedEmail, normaliseEmail } from "./email";
import { newSessionId, revokeSession } from "./revocation";
import { passwordAllowed, SSO_PROVIDER_ID } from "./sso-config";
import { logAuthError } from "./sso-outcome";
import { signInWithSso, ssoProviders } from "./sso-provider";

/** Idle limit: the cookie lapses after this long without a request. */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
/** Absolute limit: a sign-in is good for at most this long, however active. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;

/** The error the sign-in form receives when throttled (see ./sign-in-route.ts, which enforces the limits). */
export const RATE_LIMITED_ERROR = "RateLimited";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 3600 },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  useSecureCookies: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  logger: { error: logAuthError, warn: (code) => console.warn(`[next-auth][warn][${code}]`), debug: () => {} },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const email = normaliseEmail(String(credentials?.email ?? ""));
        const password = String(credentials?.password ?? "");
        // Throttling happens before next-auth runs (./sign-in-route.ts), so a throttled attempt answers 429.
        const ip = clientIp(new Headers((req?.headers ?? {}) as Record<string, string>));
        // Demo people are not accounts, whatever password an old registration at their address may carry.
        const user = email && !isReservedEmail(email)
          ? await prisma.user.findUnique({
              where: { email },
              select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true, disabledAt: true, breakGlass: true },
            })
          : null;
        if (!user) {
          await burnPasswordCheck(password);
          await recordAudit({ action: "auth.signin.failure", detail: { email }, ip });
          return null;
        }
        const ok = await verifyPassword(user.passwordHash, password);
        if (ok && !passwordAllowed(user)) {
          // OPSMIX_AUTH=sso-only: the password is right, but only break-glass accounts may still use one.
          await recordAudit({ action: "auth.signin.failure", actorId: user.id, ip, detail: { reason: "sso-only" } });
          return null;
        }
        if (!ok || user.disabledAt) {
          await recordAudit({ action: "auth.signin.failure", actorId: user.id, ip, detail: user.disabledAt && ok ? { reason: "disabled" } : undefined });
          return null;
        }
        await recordAudit({ action: "auth.signin.success", actorId: user.id, ip });
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider === SSO_PROVIDER_ID) return signInWithSso(user as unknown as Record<string, unknown>, profile);
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.authAt = Math.floor(Date.now() / 1000);
        token.sid = newSessionId();
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, authAt: token.authAt, sid: token.sid } as typeof session;
    },
    async redirect({ url, baseUrl }) {
      // Only same-origin callback URLs: no open redirect through ?callbackUrl=.
      const path = sameOriginPath(url, baseUrl);
      return path ? `${new URL(baseUrl).origin}${path}` : baseUrl;
    },
  },
  events: {
    // Sign-out clears the cookie in this browser; revoking the session id also refuses any copy of it.
    async signOut({ token }) {
      if (!token?.sid) return;
      const expiresAt = new Date(((token.authAt ?? 0) + SESSION_ABSOLUTE_SECONDS) * 1000);
      await revokeSession(token.sid, token.uid ?? "", expiresAt);
      await recordAudit({ action: "auth.signout", actorId: token.uid ?? null });
    },
  },
};
