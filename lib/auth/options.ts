import "server-only";
// next-auth configuration: email + password credentials, JWT sessions that carry the user's session version.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { RateLimited } from "@/lib/errors";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clientIp, hitRateLimit, LIMITS } from "./rate-limit";
import { normaliseEmail } from "./email";

/** Idle limit: the cookie lapses after this long without a request. */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
/** Absolute limit: a sign-in is good for at most this long, however active. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;

export const RATE_LIMITED_ERROR = "RateLimited";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 3600 },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  useSecureCookies: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const email = normaliseEmail(String(credentials?.email ?? ""));
        const password = String(credentials?.password ?? "");
        const ip = clientIp(new Headers((req?.headers ?? {}) as Record<string, string>));
        try {
          await hitRateLimit(`signin:ip:${ip}`, LIMITS.signInPerIp);
          await hitRateLimit(`signin:acct:${email}`, LIMITS.signInPerAccount);
        } catch (error) {
          if (error instanceof RateLimited) {
            await recordAudit({ action: "auth.signin.throttled", detail: { email }, ip });
            throw new Error(RATE_LIMITED_ERROR);
          }
          throw error;
        }
        const user = email
          ? await prisma.user.findUnique({
              where: { email },
              select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true, disabledAt: true },
            })
          : null;
        if (!user) {
          await burnPasswordCheck(password);
          await recordAudit({ action: "auth.signin.failure", detail: { email }, ip });
          return null;
        }
        const ok = await verifyPassword(user.passwordHash, password);
        if (!ok || user.disabledAt) {
          await recordAudit({ action: "auth.signin.failure", actorId: user.id, ip });
          return null;
        }
        await recordAudit({ action: "auth.signin.success", actorId: user.id, ip });
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.authAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, authAt: token.authAt } as typeof session;
    },
    async redirect({ url, baseUrl }) {
      // Only same-origin callback URLs: no open redirect through ?callbackUrl=.
      if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {}
      return baseUrl;
    },
  },
};
