// Single sign-on against a real OpenID Provider (oidc-provider, started by e2e/global-setup.ts on E2E_PORT+1):
// just-in-time accounts placed by e-mail domain, linking to a password account, the refusals (unverified e-mail,
// disabled account with a valid IdP session, tampered state and nonce), and OPSMIX_AUTH=sso-only on a second instance.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { expect, type Browser, type Page } from "@playwright/test";
import { cli, signInPage, test, uniqueId } from "./fixtures";
import { IDP_PORT, misbehaveOnce, SSO_ONLY_PORT } from "./oidc-idp";
import { closeDatabase, sql } from "./security-support";
import { E2E_BASE_URL, e2eServerEnv, START_APP } from "./server-env";

const SSO_BUTTON = "Sign in with Test IdP";

async function englishPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US" });
  return context.newPage();
}

/** Goes through the IdP: its login form (any login; the password is ignored) and consent, unless its session skips them. */
async function throughIdp(page: Page, login: string, base: string, startedAt: string): Promise<void> {
  const back = (url: URL) => url.origin === base && !url.pathname.startsWith("/api/auth") && url.href !== startedAt;
  const atIdp = (url: URL) => url.port === String(IDP_PORT);
  await page.waitForURL((url) => atIdp(url) || back(url));
  if (atIdp(new URL(page.url()))) {
    const loginField = page.locator('input[name="login"]');
    const consent = page.getByRole("button", { name: "Continue" });
    await loginField.or(consent).waitFor();
    if (await loginField.isVisible()) {
      await loginField.fill(login);
      await page.locator('input[name="password"]').fill("any");
      await page.getByRole("button", { name: "Sign-in" }).click();
    }
    // Consent is asked once per browser; afterwards the IdP sends the person straight back.
    await Promise.race([consent.click(), page.waitForURL(back)]);
  }
  await page.waitForURL(back);
}

/** At the IdP's login form, the person cancels (the IdP answers error=access_denied). */
async function cancelAtIdp(page: Page): Promise<void> {
  await page.waitForURL((url) => url.port === String(IDP_PORT));
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
}

async function auditCount(action: string, reason: string): Promise<number> {
  const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = $1 AND detail->>'reason' = $2`, [action, reason]);
  return rows[0]!.n;
}

async function ssoSignIn(page: Page, login: string, base = E2E_BASE_URL): Promise<void> {
  await page.goto(`${base}/signin`);
  const startedAt = page.url();
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await throughIdp(page, login, base, startedAt);
}

async function sessionUid(page: Page, base = E2E_BASE_URL): Promise<string | undefined> {
  return ((await (await page.context().request.get(`${base}/api/auth/session`, { maxRetries: 2 })).json()) as { uid?: string } | null)?.uid;
}

/** Whether the server takes this browser as signed in (the session endpoint only decodes the cookie; pages re-check). */
async function signedIn(page: Page, base = E2E_BASE_URL): Promise<boolean> {
  const response = await page.context().request.get(`${base}/account`, { maxRedirects: 0 });
  return response.status() === 200;
}

async function usersWithEmail(email: string) {
  return sql<{ id: string; oidcSubject: string | null }>(`SELECT id, "oidcSubject" FROM "User" WHERE email = $1`, [email]);
}

test.afterAll(async () => {
  await closeDatabase();
});

test.describe("single sign-on", () => {
  test("first sign-in creates the account in the team that claimed its domain; the second reuses it", async ({ page, browser, world }) => {
    const domain = `acme-${uniqueId()}.test`;
    await signInPage(page, world.adminA);
    await page.goto(`/t/${world.teamA}/settings`);
    await page.getByLabel("邮箱域名").fill(`@${domain.toUpperCase()}`);
    await page.getByRole("button", { name: "添加域名" }).click();
    await expect(page.getByTestId("email-domain").filter({ hasText: `@${domain} ` })).toHaveCount(1);
    await page.getByLabel("邮箱域名").fill("gmail.com");
    await page.getByRole("button", { name: "添加域名" }).click();
    await expect(page.getByText("gmail.com 是公共邮箱服务")).toBeVisible();

    const email = `lin@${domain}`;
    const sso = await englishPage(browser);
    await ssoSignIn(sso, email);
    await expect(sso).toHaveURL(new RegExp(`/t/${world.teamA}/today$`));
    const [created] = await usersWithEmail(email);
    expect(created?.oidcSubject).toBe(email);
    expect(await sessionUid(sso)).toBe(created!.id);
    const membership = await sql<{ role: string }>(`SELECT m.role FROM "Membership" m JOIN "Team" t ON t.id = m."teamId" WHERE m."userId" = $1 AND t.slug = $2`, [created!.id, world.teamA]);
    expect(membership).toEqual([{ role: "member" }]);
    // No password to change for an account made by single sign-on.
    await sso.goto("/account");
    await expect(sso.getByText("your password is managed there")).toBeVisible();

    const again = await englishPage(browser);
    await ssoSignIn(again, email);
    await expect(again).toHaveURL(new RegExp(`/t/${world.teamA}/today$`));
    expect(await sessionUid(again)).toBe(created!.id);
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  test("an existing password account with the same verified e-mail is linked, not duplicated", async ({ browser, world }) => {
    const email = `pw-${uniqueId()}@example.test`;
    cli(["user:create", "--email", email, "--password", `Linked-pass-${uniqueId()}`, "--name", "Password first", "--team", world.teamB, "--role", "member"]);
    const [before] = await usersWithEmail(email);
    const page = await englishPage(browser);
    await ssoSignIn(page, email);
    await expect(page).toHaveURL(new RegExp(`/t/${world.teamB}/today$`));
    expect(await sessionUid(page)).toBe(before!.id);
    expect(await usersWithEmail(email)).toEqual([{ id: before!.id, oidcSubject: email }]);
  });

  test("an unverified e-mail is refused with a reason, creates nothing, and is audited", async ({ browser }) => {
    const email = `unverified-${uniqueId()}@example.test`;
    const page = await englishPage(browser);
    await ssoSignIn(page, `unverified:${email}`);
    await expect(page).toHaveURL(/\/signin\?error=sso_email_unverified$/);
    await expect(page.getByText("Your e-mail address is not verified at your identity provider")).toBeVisible();
    expect(await sessionUid(page)).toBeUndefined();
    expect(await usersWithEmail(email)).toHaveLength(0);
    const audit = await sql(`SELECT 1 FROM "AuditEvent" WHERE action = 'auth.sso.failure' AND detail->>'reason' = 'email_unverified' AND detail->>'email' = $1`, [email]);
    expect(audit).toHaveLength(1);
  });

  test("a disabled account is refused even though the IdP session is still valid", async ({ browser }) => {
    const email = `gone-${uniqueId()}@example.test`;
    const page = await englishPage(browser);
    await ssoSignIn(page, email);
    expect(await signedIn(page)).toBe(true);
    // Leave OpsMix (its cookies only): the IdP still remembers the person and the consent.
    await page.context().clearCookies({ name: /next-auth/ });
    cli(["user:disable", "--email", email]);
    await ssoSignIn(page, email);
    await expect(page).toHaveURL(/\/signin\?error=sso_disabled$/);
    await expect(page.getByText("This account is disabled")).toBeVisible();
    expect(await sessionUid(page)).toBeUndefined();
  });

  test("an SSO session ends like a password one: sign-out revokes a copied cookie, disabling ends it at once", async ({ browser }) => {
    const email = `session-${uniqueId()}@example.test`;
    const page = await englishPage(browser);
    await ssoSignIn(page, email);
    expect(await signedIn(page)).toBe(true);
    const thief = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
    expect(await signedIn(thief)).toBe(true);
    const request = page.context().request;
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    expect((await request.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 })).status()).toBeLessThan(400);
    expect(await signedIn(thief)).toBe(false);

    await ssoSignIn(page, email);
    expect(await signedIn(page)).toBe(true);
    cli(["user:disable", "--email", email]);
    expect(await signedIn(page)).toBe(false);
  });

  for (const param of ["state", "nonce"] as const) {
    test(`a tampered ${param} is refused`, async ({ browser }) => {
      const email = `tamper-${param}-${uniqueId()}@example.test`;
      const page = await englishPage(browser);
      const request = page.context().request;
      const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const started = await request.post("/api/auth/signin/oidc", { form: { csrfToken, callbackUrl: "/", json: "true" } });
      const authorization = new URL(((await started.json()) as { url: string }).url);
      expect(authorization.searchParams.get(param)).toBeTruthy();
      expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
      authorization.searchParams.set(param, `forged-${uniqueId()}`);
      await page.goto(authorization.toString());
      await throughIdp(page, email, E2E_BASE_URL, "");
      await expect(page).toHaveURL(new RegExp(`/signin\\?error=sso_${param}$`));
      await expect(page.getByText(`(${param} check failed)`)).toBeVisible();
      expect(await sessionUid(page)).toBeUndefined();
      expect(await usersWithEmail(email)).toHaveLength(0);
    });
  }
});

test.describe("identity provider failures", () => {
  test.afterEach(async () => {
    await misbehaveOnce("off");
  });

  const broken = [
    ["issuer", "an ID token from another issuer", "came from an unexpected issuer"],
    ["signature", "an ID token signed with another key", "had an invalid signature"],
    ["expired", "an expired ID token", "token had expired"],
  ] as const;
  for (const [reason, what, message] of broken) {
    test(`${what} lands on the sign-in page with the reason, signs nobody in, and is audited`, async ({ browser }) => {
      const email = `broken-${reason}-${uniqueId()}@example.test`;
      const audited = await auditCount("auth.sso.failure", reason);
      const page = await englishPage(browser);
      await misbehaveOnce(reason);
      await ssoSignIn(page, email);
      await expect(page).toHaveURL(new RegExp(`/signin\\?error=sso_${reason}$`));
      await expect(page.getByText(message)).toBeVisible();
      expect(await sessionUid(page)).toBeUndefined();
      expect(await usersWithEmail(email)).toHaveLength(0);
      expect(await auditCount("auth.sso.failure", reason)).toBe(audited + 1);
    });
  }

  test("consent denied at the IdP lands on the sign-in page with the reason in Chinese, and is audited", async ({ browser }) => {
    const audited = await auditCount("auth.sso.failure", "denied");
    const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await page.goto("/signin");
    await page.getByRole("button", { name: "使用Test IdP登录" }).click();
    await cancelAtIdp(page);
    await expect(page).toHaveURL(/\/signin\?error=sso_denied$/);
    await expect(page.getByText("登录在身份提供方处被取消（未同意授权）")).toBeVisible();
    expect(await sessionUid(page)).toBeUndefined();
    expect(await auditCount("auth.sso.failure", "denied")).toBe(audited + 1);
  });
});

test.describe("confirm with the IdP before making an API token", () => {
  const CONFIRM = "Confirm with Test IdP";

  async function confirmAtIdp(page: Page, login: string): Promise<void> {
    const startedAt = page.url();
    await page.getByRole("button", { name: CONFIRM }).click();
    // prompt=login: the IdP asks for the login again although its session from the sign-in is still valid.
    await page.waitForURL((url) => url.port === String(IDP_PORT));
    await expect(page.locator('input[name="login"]')).toBeVisible();
    await throughIdp(page, login, E2E_BASE_URL, startedAt);
  }

  test("an account without a password confirms at the IdP, makes one token, and confirms again for the next", async ({ browser }) => {
    const email = `token-${uniqueId()}@example.test`;
    const page = await englishPage(browser);
    await ssoSignIn(page, email);
    const [user] = await usersWithEmail(email);
    await page.goto("/account");
    await expect(page.getByText("making a token needs a fresh sign-in at Test IdP")).toBeVisible();
    await expect(page.getByLabel("Your password (to confirm it is you)")).toHaveCount(0);
    await expect(page.getByLabel("Token name")).toHaveCount(0);

    await confirmAtIdp(page, email);
    await expect(page).toHaveURL(/\/account\?reauth=ok$/);
    await expect(page.getByText("Confirmed with Test IdP")).toBeVisible();
    await page.getByLabel("Token name").fill("BI script");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("new-token")).toHaveText(/^om_/);
    await expect(page.getByRole("listitem").filter({ hasText: "BI script" })).toHaveCount(1);
    // Spent: the next token needs a new confirmation.
    await expect(page.getByRole("button", { name: CONFIRM })).toBeVisible();
    await expect(page.getByLabel("Token name")).toHaveCount(0);
    const tokens = await sql(`SELECT 1 FROM "ApiToken" WHERE "userId" = $1`, [user!.id]);
    expect(tokens).toHaveLength(1);
    const grants = await sql<{ used: boolean }>(`SELECT "usedAt" IS NOT NULL AS used FROM "ReauthGrant" WHERE "userId" = $1 AND "confirmedAt" IS NOT NULL`, [user!.id]);
    expect(grants).toEqual([{ used: true }]);
  });

  test("another person at the IdP, a cancelled confirmation, or a replayed answer confirms nothing", async ({ browser }) => {
    const email = `token-other-${uniqueId()}@example.test`;
    const page = await englishPage(browser);
    await ssoSignIn(page, email);
    await page.goto("/account");
    const refusedBefore = await auditCount("auth.reauth.failure", "other_account");
    await confirmAtIdp(page, `someone-else-${uniqueId()}@example.test`);
    await expect(page).toHaveURL(/\/account\?reauth=other_account$/);
    await expect(page.getByText("You signed in at your identity provider as someone else")).toBeVisible();
    await expect(page.getByLabel("Token name")).toHaveCount(0);
    expect(await auditCount("auth.reauth.failure", "other_account")).toBe(refusedBefore + 1);

    await page.getByRole("button", { name: CONFIRM }).click();
    await cancelAtIdp(page);
    await expect(page).toHaveURL(/\/account\?reauth=denied$/);
    await expect(page.getByText("The confirmation was cancelled at your identity provider")).toBeVisible();

    // A confirmation that worked, its answer replayed: the request was closed by the first answer.
    let callback = "";
    page.on("request", (request) => {
      if (request.url().includes("/api/auth/callback/oidc")) callback = request.url();
    });
    await confirmAtIdp(page, email);
    await expect(page).toHaveURL(/\/account\?reauth=ok$/);
    const replaysBefore = await auditCount("auth.reauth.failure", "request");
    await page.goto(callback);
    await expect(page).toHaveURL(/\/account\?reauth=request$/);
    expect(await auditCount("auth.reauth.failure", "request")).toBe(replaysBefore + 1);
    // The one good confirmation still stands, and makes one token.
    await expect(page.getByText("Confirmed with Test IdP")).toBeVisible();
    await page.getByLabel("Token name").fill("after replay");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("new-token")).toHaveText(/^om_/);
  });

  test("a password account keeps typing its password; the IdP is not asked", async ({ page, world }) => {
    await signInPage(page, world.memberB);
    await page.goto("/account");
    await expect(page.getByLabel("你的密码（用于确认是你本人）")).toBeVisible();
    await expect(page.getByRole("button", { name: "通过Test IdP确认身份" })).toHaveCount(0);
  });
});

test.describe("OPSMIX_AUTH=sso-only", () => {
  const base = `http://127.0.0.1:${SSO_ONLY_PORT}`;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // A second instance on the same database (the embedded one is shared through its running server).
    const env: NodeJS.ProcessEnv = { ...process.env, ...e2eServerEnv(), PORT: String(SSO_ONLY_PORT), NEXTAUTH_URL: base, OPSMIX_AUTH: "sso-only" };
    if (!env.DATABASE_URL) {
      // The embedded database's address, as the admin CLI finds it (lib/db/embedded.ts is ESM: ask tsx).
      const attach = `import("./lib/db/embedded.ts").then(async (m) => console.log((await (m.connectOrStartEmbedded ?? m.default.connectOrStartEmbedded)()).url))`;
      env.DATABASE_URL = execFileSync(process.execPath, ["--import", "tsx", "-e", attach], { env, encoding: "utf8" }).trim().split("\n").pop();
    }
    server = spawn(START_APP[0], START_APP.slice(1), { env, stdio: "ignore", detached: true });
    const deadline = Date.now() + 150_000;
    for (;;) {
      const up = await fetch(`${base}/signin`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error("the sso-only instance did not start");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test.afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  test("hides the password form and sign-up, refuses a credentials POST, lets a break-glass admin in", async ({ browser, world }) => {
    const page = await englishPage(browser);
    await page.goto(`${base}/signin`);
    await expect(page.getByRole("button", { name: SSO_BUTTON })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await page.goto(`${base}/signup`);
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expect(page.getByRole("button", { name: SSO_BUTTON })).toBeVisible();

    const request = page.context().request;
    // The request context keeps its connection alive; while cli() runs (seconds) the server may close it as idle
    // (Node's 5 s keep-alive), and a GET sent on it just then fails with ECONNRESET: GETs retry on a fresh connection.
    const post = async (email: string, password: string) => {
      const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`, { maxRetries: 2 })).json()) as { csrfToken: string };
      await request.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
      return sessionUid(page, base);
    };
    // A right password is refused: password sign-in is off for everyone but break-glass accounts.
    expect(await post(world.memberA.email, world.memberA.password)).toBeUndefined();
    const operator = { email: `operator-${uniqueId()}@example.test`, password: `Break-glass-${uniqueId()}` };
    cli(["user:create", "--email", operator.email, "--password", operator.password, "--name", "Operator", "--break-glass"]);
    expect(await post(operator.email, operator.password)).toBeTruthy();
    await page.context().clearCookies({ name: /next-auth/ });
    // An existing account made break-glass from the CLI gets in too.
    cli(["user:break-glass", "--email", world.managerA.email]);
    expect(await post(world.managerA.email, world.managerA.password)).toBeTruthy();
    cli(["user:break-glass", "--email", world.managerA.email, "--off"]);
  });

  test("an SSO account signs in there and has no password change", async ({ browser }) => {
    const page = await englishPage(browser);
    const email = `only-${uniqueId()}@example.test`;
    await ssoSignIn(page, email, base);
    expect(await signedIn(page, base)).toBe(true);
    await page.goto(`${base}/account`);
    await expect(page.getByText("your password is managed there")).toBeVisible();
  });
});
