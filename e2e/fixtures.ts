// Shared Playwright fixtures: each worker gets its own teams and users (made with the admin CLI, as a
// self-hoster would) and signs in through next-auth's API, not the form.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { e2eServerEnv } from "./server-env";

export interface TestUser {
  email: string;
  password: string;
  name: string;
}

export interface World {
  teamA: string;
  teamB: string;
  adminA: TestUser;
  managerA: TestUser;
  memberA: TestUser;
  memberA2: TestUser;
  memberB: TestUser;
}

// Node with tsx's loader, as scripts/unit-tests.ts runs it: `npx tsx` would add an npm start-up and a second Node
// process to every call, and the suite makes dozens of them.
export function cli(args: string[]): string {
  return execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
    env: { ...process.env, ...e2eServerEnv() },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs `cli` commands in order in one process (e2e/cli-batch.ts) and returns what each printed. */
export function cliBatch(commands: string[][]): string[] {
  const output = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/cli-batch.ts", JSON.stringify(commands)], {
    env: { ...process.env, ...e2eServerEnv() },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(output) as string[];
}

/** The CLI arguments that create a user, as a member of `team` when given. */
export function userCreate(user: TestUser, team?: string, role?: string): string[] {
  return ["user:create", "--email", user.email, "--password", user.password, "--name", user.name, ...(team ? ["--team", team, "--role", role ?? "member"] : [])];
}

/** A token printed by `token:create`: its output's last line. */
export function printedToken(output: string): string {
  return output.trim().split("\n").pop()!;
}

/** A spec's own team and its members (user, role), made in one CLI process; returns API tokens for `tokensFor`. */
export function seedTeam(slug: string, name: string, members: [TestUser, string][], tokensFor: TestUser[] = []): string[] {
  const printed = cliBatch([
    ["team:create", "--slug", slug, "--name", name],
    ...members.map(([user, role]) => userCreate(user, slug, role)),
    ...tokensFor.map((user) => ["token:create", "--email", user.email]),
  ]);
  return printed.slice(printed.length - tokensFor.length).map(printedToken);
}

export function uniqueId(): string {
  return randomBytes(4).toString("hex");
}

function makeUser(role: string, id: string): TestUser {
  return { email: `${role}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${role} ${id}` };
}

export async function signIn(request: APIRequestContext, user: Pick<TestUser, "email" | "password">, headers?: Record<string, string>) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
    maxRedirects: 0,
    headers,
  });
  expect([200, 302]).toContain(response.status());
  const session = await (await request.get("/api/auth/session", { headers })).json();
  expect(session?.uid, `sign-in of ${user.email} failed`).toBeTruthy();
}

/**
 * A client address of its own per user (the tests play the reverse proxy, TRUST_PROXY=1): sign-in is limited to 10 a
 * minute per address, and the whole suite would otherwise share 127.0.0.1's. 198.18.0.0/15 is reserved for tests.
 */
function clientAddressFor(email: string): string {
  let hash = 0;
  for (const char of email) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `198.18.${(hash >>> 8) & 255}.${1 + (hash % 254)}`;
}

// Session cookies per user, reused for the whole run; the sign-in form itself is covered by auth.spec.ts.
const sessionCookies = new Map<string, Awaited<ReturnType<ReturnType<Page["context"]>["cookies"]>>>();

export async function signInPage(page: Page, user: TestUser) {
  const context = page.context();
  await context.clearCookies();
  const cached = sessionCookies.get(user.email);
  if (cached) {
    await context.addCookies(cached);
    // A page, not /api/auth/session, decides whether the cookie still counts: pages also check revocation (a test may
    // have signed this user out everywhere), and a revoked cookie redirects to sign-in.
    const probe = await context.request.get("/account", { maxRedirects: 0 });
    if (probe.status() === 200) return;
    await context.clearCookies();
  }
  await signIn(context.request, user, { "x-forwarded-for": clientAddressFor(user.email) });
  sessionCookies.set(user.email, await context.cookies());
}

export const test = base.extend<{ world: World }, { workerWorld: World }>({
  workerWorld: [
    async ({}, use) => {
      const id = uniqueId();
      const world: World = {
        teamA: `team-a-${id}`,
        teamB: `team-b-${id}`,
        adminA: makeUser("admin", id),
        managerA: makeUser("manager", id),
        memberA: makeUser("member", id),
        memberA2: makeUser("member2", id),
        memberB: makeUser("memberb", id),
      };
      cliBatch([
        ["team:create", "--slug", world.teamA, "--name", `增长组 ${id}`],
        ["team:create", "--slug", world.teamB, "--name", `Team B ${id}`],
        userCreate(world.adminA, world.teamA, "admin"),
        userCreate(world.managerA, world.teamA, "manager"),
        userCreate(world.memberA, world.teamA, "member"),
        userCreate(world.memberA2, world.teamA, "member"),
        userCreate(world.memberB, world.teamB, "member"),
      ]);
      await use(world);
    },
    { scope: "worker" },
  ],
  world: async ({ workerWorld }, use) => {
    await use(workerWorld);
  },
});

export { expect };
