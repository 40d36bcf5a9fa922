// Sessions and sign-in: throttling with 429 + Retry-After, one message for every failed sign-in, cookie flags,
// idle and absolute limits, revocation (sign-out, password change, role change, removal, disable), open
// redirects, security headers on every page, and the audit trail of all of it.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type { APIRequestContext } from "@playwright/test";
import { expect, signIn, test, uniqueId } from "./fixtures";
import {
  actionOutcome,
  auditCount,
  builtServerActions,
  callAction,
  closeDatabase,
  disableWithCli,
  fakeIp,
  form,
  newContext,
  pageUrl,
  sql,
  sqlToken,
  signedIn as signedInContext,
  sqlUser,
  userId,
} from "./security-support";
import { E2E_BASE_URL, e2eServerEnv } from "./server-env";

const SESSION_COOKIE = "next-auth.session-token";

/** Whether this browser is signed in, as the server sees it on its next request. */
async function signedIn(request: APIRequestContext): Promise<boolean> {
  const response = await request.get("/account", { maxRedirects: 0 });
  if (response.status() === 200) return true;
  expect([303, 307, 308]).toContain(response.status());
  expect(response.headers().location).toContain("/signin");
  return false;
}

async function attemptSignIn(request: APIRequestContext, email: string, password: string, extra: Record<string, string> = {}) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true", ...extra }, maxRedirects: 0 });
  const text = await response.text();
  return { status: response.status(), headers: response.headers(), text, json: (() => { try { return JSON.parse(text) as { url?: string }; } catch { return {}; } })() };
}

/** A second browser holding a copy of this one's cookies (what a thief of the cookie would have). */
async function cloneSession(request: APIRequestContext): Promise<APIRequestContext> {
  return newContext({}, await request.storageState());
}

async function forgedSession(claims: Record<string, unknown>, maxAge = 3600): Promise<APIRequestContext> {
  const token = await encode({ token: claims, secret: e2eServerEnv().NEXTAUTH_SECRET!, maxAge });
  return newContext({ Cookie: `${SESSION_COOKIE}=${token}` });
}

test.describe("sessions and sign-in", () => {
  test.afterAll(async () => closeDatabase());

  test("sign-in is throttled per IP with 429 and Retry-After, before any password is checked", async ({ world }) => {
    const request = await newContext();
    for (let i = 0; i < 10; i++) {
      const attempt = await attemptSignIn(request, `nobody-${uniqueId()}@example.test`, "wrong-password-1");
      expect(attempt.status).toBe(401);
    }
    const limited = await attemptSignIn(request, world.memberA.email, world.memberA.password);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json.url).toContain("error=RateLimited");
    expect(limited.text).not.toMatch(/at .*\.js|Error:/);
    // Another address is not affected.
    const other = await newContext();
    await signIn(other, world.memberA);
    await Promise.all([request.dispose(), other.dispose()]);
  });

  test("sign-in is throttled per account across addresses", async ({ world }) => {
    const victim = await sqlUser(world.memberA, "locked", { team: world.teamA, role: "member" });
    for (let i = 0; i < 10; i++) {
      const request = await newContext();
      expect((await attemptSignIn(request, victim.email, `wrong-${i}-password`)).status).toBe(401);
      await request.dispose();
    }
    const fresh = await newContext();
    const limited = await attemptSignIn(fresh, victim.email, victim.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(await auditCount("auth.signin.throttled")).toBeGreaterThan(0);
    await fresh.dispose();
  });

  test("sign-up is throttled per IP", async () => {
    const signUp = builtServerActions().get("lib/teams/signup-actions.ts#signUpAction")!;
    const request = await newContext();
    const keys: string[] = [];
    for (let i = 0; i < 11; i++) {
      // Invalid on purpose: the limit is counted before anything is validated or written.
      const result = await callAction(request, signUp, [{}, form({ email: "not-an-email", password: "x", name: "" })], {});
      keys.push((result.value as { error?: { key?: string } })?.error?.key ?? "");
    }
    expect(keys.slice(0, 10).every((key) => key !== "errors.rateLimited")).toBe(true);
    expect(keys[10]).toBe("errors.rateLimited");
    await request.dispose();
  });

  test("an unknown email, a wrong password and a disabled account get the same answer", async ({ world }) => {
    const disabled = await sqlUser(world.memberA, "off", { team: world.teamA, role: "member" });
    disableWithCli(disabled);
    const answers = [];
    for (const [email, password] of [
      [`nobody-${uniqueId()}@example.test`, "whatever-password"],
      [world.memberA2.email, "not-the-password"],
      [disabled.email, disabled.password],
    ] as const) {
      const request = await newContext();
      const attempt = await attemptSignIn(request, email, password);
      answers.push({ status: attempt.status, url: attempt.json.url?.replace(/^https?:\/\/[^/]+/, "") });
      expect(await signedInOrNot(request)).toBe(false);
      await request.dispose();
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]!.url).toContain("error=CredentialsSignin");
  });

  test("session cookies are HttpOnly and SameSite, and carry no readable claims", async ({ world }) => {
    const request = await newContext();
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: world.memberA.email, password: world.memberA.password, json: "true" },
      maxRedirects: 0,
    });
    const setCookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    const session = setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session, setCookies.join("\n")).toBeTruthy();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
    // Plain http in the tests; an https NEXTAUTH_URL switches to __Secure- cookies (lib/auth/cookies.security.test.ts).
    // The JWT is encrypted (JWE): nothing about the user can be read from it.
    const value = session!.split(";")[0]!.split("=")[1]!;
    expect(value.split(".")).toHaveLength(5);
    expect(Buffer.from(value.split(".")[0]!, "base64url").toString()).toContain("A256GCM");
    for (const cookie of setCookies) expect(cookie).toMatch(/HttpOnly/i);
    await request.dispose();
  });

  test("idle and absolute session limits, and tokens from before session ids, are refused", async ({ world }) => {
    const uid = await userId(world.memberA.email);
    const [{ sessionVersion }] = await sql<{ sessionVersion: number }>(`SELECT "sessionVersion" FROM "User" WHERE id = $1`, [uid]);
    const now = Math.floor(Date.now() / 1000);
    const claims = { uid, sv: sessionVersion, authAt: now - 60, sid: `forged-${uniqueId()}`, email: world.memberA.email };
    const good = await forgedSession(claims);
    expect(await signedIn(good)).toBe(true);
    const idle = await forgedSession(claims, -60);
    expect(await signedIn(idle)).toBe(false);
    const tooOld = await forgedSession({ ...claims, authAt: now - 31 * 24 * 3600 });
    expect(await signedIn(tooOld)).toBe(false);
    const noSid = await forgedSession({ ...claims, sid: undefined });
    expect(await signedIn(noSid)).toBe(false);
    const wrongSecret = await newContext({ Cookie: `${SESSION_COOKIE}=${await encode({ token: claims, secret: "not-the-secret", maxAge: 3600 })}` });
    expect(await signedIn(wrongSecret)).toBe(false);
    await Promise.all([good, idle, tooOld, noSid, wrongSecret].map((c) => c.dispose()));
  });

  test("signing out revokes the session: a copied cookie is refused", async ({ world }) => {
    const user = await sqlUser(world.memberA, "signout", { team: world.teamA, role: "member" });
    const browser = await newContext();
    await signIn(browser, user);
    const thief = await cloneSession(browser);
    expect(await signedIn(thief)).toBe(true);
    const { csrfToken } = (await (await browser.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await browser.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
    expect(out.status()).toBeLessThan(400);
    expect(await signedIn(thief)).toBe(false);
    expect(await signedIn(browser)).toBe(false);
    // Other sessions of the same user are not affected by one sign-out.
    const again = await newContext();
    await signIn(again, user);
    expect(await signedIn(again)).toBe(true);
    await Promise.all([browser.dispose(), thief.dispose(), again.dispose()]);
  });

  test("password change, role change, removal from the team and disabling end sessions at once", async ({ world }) => {
    const actions = builtServerActions();
    const call = (request: APIRequestContext, name: string, args: unknown[]) => callAction(request, actions.get(name)!, args, { team: world.teamA });
    const admin = await newContext();
    await signIn(admin, world.adminA);

    // Password change: the other session is refused on its next request.
    const pw = await sqlUser(world.memberA, "pwchange", { team: world.teamA, role: "member" });
    const [one, two] = [await newContext(), await newContext()];
    await signIn(one, pw);
    await signIn(two, pw);
    const pwToken = (await sqlToken(pw.id)).token;
    const next = `Changed-${uniqueId()}-pass`;
    const changed = await call(one, "lib/auth/actions.ts#changePasswordAction", [{}, form({ current: pw.password, next, repeat: next })]);
    expect(actionOutcome(changed)).toBe("ok");
    expect(await signedIn(two)).toBe(false);
    // Unless kept on purpose, the API tokens went with the old password.
    expect((await two.get(`/api/v1/activities?team=${world.teamA}`, { headers: { Authorization: `Bearer ${pwToken}` } })).status()).toBe(401);
    expect((await attemptSignIn(await newContext(), pw.email, pw.password)).status).toBe(401);

    // Role change: the demoted manager's session ends; signing in again gives member rights only.
    const manager = await sqlUser(world.managerA, "demoted", { team: world.teamA, role: "manager" });
    const managerSession = await newContext();
    await signIn(managerSession, manager);
    expect(await signedIn(managerSession)).toBe(true);
    expect(actionOutcome(await call(admin, "lib/teams/actions.ts#changeMemberRoleAction", [{}, form({ team: world.teamA, userId: manager.id, role: "member" })]))).toBe("ok");
    expect(await signedIn(managerSession)).toBe(false);
    const demoted = await newContext();
    await signIn(demoted, manager);
    const target = await call(demoted, "lib/reports/actions.ts#setTargetMixAction", [{}, form({ team: world.teamA, dimension: "role", clear: "1" })]);
    expect(actionOutcome(target)).toBe("forbidden");

    // Removal from the team: the session ends, and the team is "not found" afterwards.
    const leaver = await sqlUser(world.memberA, "removed", { team: world.teamA, role: "member" });
    const leaverSession = await newContext();
    await signIn(leaverSession, leaver);
    const { token } = await sqlToken(leaver.id);
    expect(actionOutcome(await call(admin, "lib/teams/actions.ts#removeMemberAction", [{}, form({ team: world.teamA, userId: leaver.id })]))).toBe("ok");
    expect(await signedIn(leaverSession)).toBe(false);
    const api = await leaverSession.get(`/api/v1/activities?team=${world.teamA}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status()).toBe(404);

    // Disabling: the session, the API token and sign-in all stop working.
    const disabled = await sqlUser(world.memberA, "disable", { team: world.teamA, role: "member" });
    const disabledSession = await newContext();
    await signIn(disabledSession, disabled);
    const disabledToken = (await sqlToken(disabled.id)).token;
    disableWithCli(disabled);
    expect(await signedIn(disabledSession)).toBe(false);
    expect((await disabledSession.get(`/api/v1/activities`, { headers: { Authorization: `Bearer ${disabledToken}` } })).status()).toBe(401);
    expect((await attemptSignIn(await newContext(), disabled.email, disabled.password)).status).toBe(401);

    // Each admin change is in the audit trail.
    for (const action of ["auth.password.change", "member.role.change", "member.remove", "user.disable"]) {
      expect(await auditCount(action), action).toBeGreaterThan(0);
    }
    await Promise.all([admin, one, two, managerSession, demoted, leaverSession, disabledSession].map((c) => c.dispose()));
  });

  test("callbackUrl never sends anyone to another site", async ({ world, page }) => {
    const user = await sqlUser(world.memberA, "redirect", { team: world.teamA, role: "member" });
    const hostile = [
      "https://evil.example/phish",
      "//evil.example/phish",
      "/\\evil.example/phish",
      "http://127.0.0.1:3117@evil.example/",
      "javascript:alert(document.domain)",
      "https:evil.example",
      "/%2F%2Fevil.example",
      "/\t/evil.example",
      "/%09/evil.example",
    ];
    for (const callbackUrl of hostile) {
      const request = await newContext();
      const attempt = await attemptSignIn(request, user.email, user.password, { callbackUrl });
      expect(attempt.status, callbackUrl).toBe(200);
      expect(new URL(attempt.json.url!).host, callbackUrl).toBe(new URL(E2E_BASE_URL).host);
      const out = await request.get(`/api/auth/signout?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
      expect(out.headers().location ?? "").not.toContain("evil.example");
      await request.dispose();
    }
    // The sign-in form follows only same-site paths ("/%09/evil.example" arrives as "/\t/evil.example", which a
    // browser reads as "//evil.example").
    await page.context().setExtraHTTPHeaders({ "x-forwarded-for": fakeIp() });
    for (const callbackUrl of ["//evil.example/phish", "/\t/evil.example/phish"]) {
      await page.context().clearCookies();
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("邮箱").fill(user.email);
      await page.getByLabel("密码").fill(user.password);
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await page.waitForURL((url) => url.pathname !== "/signin");
      expect(new URL(page.url()).host, callbackUrl).toBe(new URL(E2E_BASE_URL).host);
    }
  });

  test("every page, handler and error answers with the security headers", async ({ world }) => {
    const pages = walkPages("app").map((key) =>
      pageUrl(key, { team: world.teamA, token: "no-such-invite", role: "community", stage: "activation" }),
    );
    const extra = ["/api/v1/openapi.json", "/api/auth/session", `/t/${world.teamA}/entries/export`, "/no-such-page", `/t/${world.teamB}/today`, "/api/v1/activities"];
    const admin = await newContext();
    await signIn(admin, world.adminA);
    const anonymous = await newContext();
    const missing: string[] = [];
    for (const request of [admin, anonymous]) {
      for (const url of [...pages, ...extra]) {
        const response = await request.get(url, { maxRedirects: 0 });
        const headers = response.headers();
        const csp = headers["content-security-policy"] ?? "";
        const problems = [
          !/frame-ancestors 'none'/.test(csp) && "CSP frame-ancestors",
          !/default-src 'self'/.test(csp) && "CSP default-src",
          !/object-src 'none'/.test(csp) && "CSP object-src",
          headers["x-content-type-options"] !== "nosniff" && "nosniff",
          !headers["referrer-policy"] && "Referrer-Policy",
          headers["x-frame-options"] !== "DENY" && "X-Frame-Options",
          headers["x-powered-by"] && "X-Powered-By present",
        ].filter(Boolean);
        if (problems.length) missing.push(`${url} (${response.status()}): ${problems.join(", ")}`);
      }
    }
    expect(pages.length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
    await Promise.all([admin.dispose(), anonymous.dispose()]);
  });

  test("cross-site requests carrying a member's cookies are refused and change nothing", async ({ world }) => {
    const victim = await signedInContext(world.memberA);
    const create = builtServerActions().get("lib/activities/actions.ts#createActivitiesAction")!;
    const text = `csrf ${uniqueId()} 回复社区帖子`;
    const forged = await callAction(victim, create, [world.teamA, [{ text }], `csrf-${uniqueId()}`], { team: world.teamA }, { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    const upload = await victim.post(`/t/${world.teamA}/import/upload?mode=commit`, {
      headers: { Origin: "https://evil.example", "Content-Type": "text/csv" },
      data: `date,email,text,minutes\n${new Date().toISOString().slice(0, 10)},${world.memberA.email},${text},5\n`,
    });
    expect(upload.status()).toBe(403);
    expect(await sql(`SELECT id FROM "Activity" WHERE text = $1`, [text])).toHaveLength(0);
    await victim.dispose();
  });

  test("sign-ins, failures and refusals are audited with the caller's address", async ({ world }) => {
    const ip = fakeIp();
    const request = await newContext({ "x-forwarded-for": `10.9.9.9, ${ip}` });
    await attemptSignIn(request, world.memberA2.email, "wrong-password-x");
    await signIn(request, world.memberA2);
    const rows = await sql<{ action: string; ip: string }>(`SELECT action, ip FROM "AuditEvent" WHERE ip = $1 ORDER BY "createdAt"`, [ip]);
    expect(rows.map((r) => r.action)).toEqual(["auth.signin.failure", "auth.signin.success"]);
    // The left-most address was written by the client: with one trusted proxy only the right-most one counts.
    expect(await sql(`SELECT 1 FROM "AuditEvent" WHERE ip = '10.9.9.9'`)).toHaveLength(0);
    const memberA2Id = await userId(world.memberA2.email);
    const before = await auditCount("access.denied", memberA2Id);
    const invite = await callAction(request, builtServerActions().get("lib/teams/actions.ts#createInviteAction")!, [{}, form({ team: world.teamB })], { team: world.teamA });
    expect(actionOutcome(invite)).toBe("notfound");
    expect(await auditCount("access.denied", memberA2Id)).toBe(before + 1);
    await request.dispose();
  });
});

async function signedInOrNot(request: APIRequestContext): Promise<boolean> {
  return (await request.get("/account", { maxRedirects: 0 })).status() === 200;
}

function walkPages(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walkPages(full, found);
    else if (/^page\.(tsx|ts|js)$/.test(name)) found.push(full.split(path.sep).join("/").replace(/\.(tsx|ts|js)$/, ""));
  }
  return found;
}
