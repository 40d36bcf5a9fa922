// Helpers for the security and integrity specs: actors with cookies and API tokens, calling server actions the
// way a browser does (same wire format, same Next-Action header), and reading the database directly to prove that
// a refused request changed nothing.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import pg from "pg";
import { resolveDatabase } from "../lib/db/url";
import { cli, signIn, uniqueId, type TestUser, type World } from "./fixtures";
import { E2E_BASE_URL, e2eServerEnv } from "./server-env";

const requireFromHere = createRequire(__filename);

// ---------------------------------------------------------------------------------------------------------------
// Database

let pool: pg.Pool | undefined;

/** The database the app under test uses (the embedded server's socket, or DATABASE_URL). One statement at a time. */
export function database(): pg.Pool {
  if (!pool) {
    const { url } = resolveDatabase({ ...process.env, ...e2eServerEnv() });
    pool = new pg.Pool({ connectionString: url, max: 1 });
  }
  return pool;
}

export async function closeDatabase(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await database().query<T>(text, values)).rows;
}

/**
 * Every table that holds what users wrote. AuditEvent (refusals are recorded on purpose) and RateLimit
 * (counters and revoked sessions) are bookkeeping and left out; so is ApiToken.lastUsedAt, and DeliveryAttempt (the
 * delivery log: the job worker may write it for any team with a reminder schedule while a row is checked).
 */
const DOMAIN_TABLES: Record<string, string | null> = {
  // The columns read, where some are bookkeeping; null: every column.
  User: `id, email, name, "passwordHash", "sessionVersion", "disabledAt", locale, "breakGlass", "oidcSubject", "updatedAt"`,
  Team: null,
  Membership: null,
  Invite: null,
  ApiToken: `id, "userId", name, "tokenHash", "revokedAt"`,
  Activity: null,
  TrainingExample: null,
  TargetMix: null,
  GoldenExample: null,
  QuizAnswer: null,
  TeamEmailDomain: null,
  Comment: null,
  RhythmSchedule: null,
  ReminderPreference: null,
  DeliveryChannel: null,
};

export type Fingerprint = Record<string, string>;

/**
 * A digest per table, order-free (no sort), so "nothing changed" is cheap. A table read whole sums its rows' xmin
 * (the transaction that wrote each row version): any insert, update or delete changes the count or the sum, even one
 * that writes the same values back, and no row is turned into text. Hashing every row's text cost ~0.3 s a call on
 * PGlite with four demo teams' entries (xmin: ~10 ms), and the authorization matrix calls this twice per check. The
 * tables read by column (bookkeeping columns left out) hash those columns' text.
 */
export async function fingerprint(): Promise<Fingerprint> {
  const parts = Object.entries(DOMAIN_TABLES).map(([table, columns]) =>
    columns
      ? `(SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM (SELECT ${columns} FROM "${table}") t) AS "${table}"`
      : `(SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "${table}") AS "${table}"`,
  );
  const [row] = await sql<Fingerprint>(`SELECT ${parts.join(", ")}`);
  return row!;
}

export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(before).filter((table) => before[table] !== after[table]);
}

export async function auditCount(action: string, actorId?: string): Promise<number> {
  const rows = actorId
    ? await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = $1 AND "actorId" = $2`, [action, actorId])
    : await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = $1`, [action]);
  return Number(rows[0]!.n);
}

export async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function teamId(slug: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`no team ${slug}`);
  return row.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Actors

export type ActorName = "anonymous" | "memberA" | "managerA" | "adminA" | "memberB" | "disabled";
export const ACTORS: readonly ActorName[] = ["anonymous", "memberA", "managerA", "adminA", "memberB", "disabled"];

export interface Actor {
  name: ActorName;
  /** Cookies of a signed-in browser (none for anonymous). */
  request: APIRequestContext;
  /** A personal API token ("" for anonymous). */
  token: string;
  user: TestUser | null;
  userId: string | null;
  /** The team the actor belongs to ("" for anonymous). */
  home: string;
}

/** A fake client address per test, so sign-in throttling in one test never spills into another (TRUST_PROXY=1). */
export function fakeIp(): string {
  const n = Number.parseInt(uniqueId().slice(0, 6), 16);
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
}

export async function newContext(
  extraHeaders: Record<string, string> = {},
  storageState?: Awaited<ReturnType<APIRequestContext["storageState"]>>,
): Promise<APIRequestContext> {
  // Connection: close, because a kept-alive socket that sat idle through a CLI call can be reset by the server
  // just as it is reused (ECONNRESET), which would make these tests flaky.
  return playwrightRequest.newContext({
    baseURL: E2E_BASE_URL,
    storageState,
    extraHTTPHeaders: { "x-forwarded-for": fakeIp(), Connection: "close", ...extraHeaders },
  });
}

export function makeUser(label: string): TestUser {
  const id = uniqueId();
  return { email: `${label}-${id}@example.test`, password: `pw-${id}-Opsmix!`, name: `${label} ${id}` };
}

export function createUser(user: TestUser, team: string, role: "member" | "manager" | "admin"): void {
  cli(["user:create", "--email", user.email, "--password", user.password, "--name", user.name, "--team", team, "--role", role]);
}

export async function signedIn(user: TestUser, extraHeaders: Record<string, string> = {}): Promise<APIRequestContext> {
  const context = await newContext(extraHeaders);
  await signIn(context, user);
  return context;
}

/** Every actor of the matrix, signed in. The disabled one is a member of team A whose account was then disabled. */
export async function makeActors(world: World): Promise<Record<ActorName, Actor>> {
  const disabledUser = await sqlUser(world.memberA, "disabled", { team: world.teamA, role: "member" });
  const specs: [ActorName, TestUser | null, string][] = [
    ["anonymous", null, ""],
    ["memberA", world.memberA, world.teamA],
    ["managerA", world.managerA, world.teamA],
    ["adminA", world.adminA, world.teamA],
    ["memberB", world.memberB, world.teamB],
    ["disabled", disabledUser, world.teamA],
  ];
  const actors = {} as Record<ActorName, Actor>;
  // The header that once made Next skip middleware entirely: every door must hold with the proxy out of the way.
  const skipProxy = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" };
  for (const [name, user, home] of specs) {
    const request = user ? await signedIn(user, skipProxy) : await newContext(skipProxy);
    const id = user ? await userId(user.email) : null;
    actors[name] = { name, request, user, home, token: id ? (await sqlToken(id)).token : "", userId: id };
  }
  return actors;
}

/** Disables an account the way an operator does. */
export function disableWithCli(user: TestUser): void {
  cli(["user:disable", "--email", user.email]);
}

export async function disposeActors(actors: Record<string, Actor>): Promise<void> {
  await Promise.all(Object.values(actors).map((actor) => actor.request.dispose()));
}

// ---------------------------------------------------------------------------------------------------------------
// Server actions, called exactly as React calls them from a browser

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

export interface ServerActionRef {
  id: string;
  file: string;
  name: string;
  /** App pages whose bundle holds the action (any of them can receive it). */
  pages: string[];
}

/** Server actions of the build under test, by "lib/x/actions.ts#name". */
export function builtServerActions(): Map<string, ServerActionRef> {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  const actions = new Map<string, ServerActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const file = entry.filename.replace(/\\/g, "/");
    actions.set(`${file}#${entry.exportedName}`, { id, file, name: entry.exportedName, pages: Object.keys(entry.workers) });
  }
  return actions;
}

/** Every page of the app as a key such as "app/(workspace)/t/[team]/today/page". */
export function pageKeys(dir = "app", found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) pageKeys(full, found);
    else if (/^page\.tsx?$/.test(name)) found.push(full.split(path.sep).join("/").replace(/\.tsx?$/, ""));
  }
  return found;
}

/** A URL for an app page key such as "app/(workspace)/t/[team]/learn/roles/[role]/page". */
export function pageUrl(pageKey: string, params: Record<string, string>): string {
  const route = pageKey
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const match = /^\[(?:\.\.\.)?(\w+)\]$/.exec(segment);
      if (!match) return segment;
      const value = params[match[1]!];
      if (value === undefined) throw new Error(`no value for [${match[1]}] in ${pageKey}`);
      return encodeURIComponent(value);
    })
    .join("/");
  return `/${route}`;
}

type EncodeReply = (value: unknown[]) => Promise<string | FormData>;
let encodeReplyFn: EncodeReply | undefined;

function encodeReply(args: unknown[]): Promise<string | FormData> {
  encodeReplyFn ??= (requireFromHere("next/dist/compiled/react-server-dom-webpack/client.node") as { encodeReply: EncodeReply }).encodeReply;
  return encodeReplyFn(args);
}

export interface ActionResult {
  status: number;
  /** The action's return value (a FormState for most), or undefined when it returned nothing or redirected. */
  value: unknown;
  /** Where the action redirected, if it did. */
  redirect: string | null;
  body: string;
}

/** Makes a FormData from a plain object (how a <form> submits). */
export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Posts a server action to a page of its bundle, with the headers a browser on this origin sends. */
export async function callAction(
  request: APIRequestContext,
  action: ServerActionRef,
  args: unknown[] | string,
  params: Record<string, string>,
  extraHeaders: Record<string, string> = {},
): Promise<ActionResult> {
  const page = action.pages.find((key) => !key.includes("[token]")) ?? action.pages[0]!;
  // A string is sent as the raw body: what a hand-made request can send, whether React would encode it or not.
  const encoded = typeof args === "string" ? args : await encodeReply(args);
  const headers: Record<string, string> = { "Next-Action": action.id, Origin: E2E_BASE_URL, Accept: "text/x-component", ...extraHeaders };
  let response: APIResponse;
  if (typeof encoded === "string") {
    response = await request.post(pageUrl(page, params), { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: encoded, maxRedirects: 0 });
  } else {
    // A FormData keeps the field order React wrote: the root ("0") must come after the fields it refers to.
    response = await request.post(pageUrl(page, params), { headers, multipart: encoded, maxRedirects: 0 });
  }
  const body = await response.text();
  return { status: response.status(), value: actionValue(body), redirect: response.headers()["x-action-redirect"] ?? null, body };
}

/** The action's return value from the RSC payload (row 0 is {a: "$@1", ...}; row 1 holds the value). */
function actionValue(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const root = rows.get("0");
  if (!root) return undefined;
  try {
    const parsed = JSON.parse(root) as { a?: unknown };
    if (typeof parsed.a === "string" && parsed.a.startsWith("$@")) {
      const row = rows.get(parsed.a.slice(2));
      return row === undefined ? undefined : JSON.parse(row);
    }
    return parsed.a;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outcomes: what a user (or an attacker) observes, in one vocabulary for actions, pages, exports and the API

export type Outcome = "ok" | "unauth" | "notfound" | "forbidden" | "invalid" | "error";

const KEY_OUTCOMES: [RegExp, Outcome][] = [
  [/^errors\.unauthenticated$/, "unauth"],
  [/^errors\.notFound$/, "notfound"],
  [/\.?errors\.(forbidden|demoForbidden)$/, "forbidden"],
  [/^errors\.generic$/, "error"],
];

export function actionOutcome(result: ActionResult): Outcome {
  if (result.status >= 500) return "error";
  if (result.redirect) return /\/signin/.test(result.redirect) ? "unauth" : "ok";
  const value = result.value as { ok?: boolean; error?: { key?: string } } | undefined;
  if (value && typeof value === "object" && value.ok === false) {
    const key = value.error?.key ?? "";
    for (const [pattern, outcome] of KEY_OUTCOMES) if (pattern.test(key)) return outcome;
    return "invalid";
  }
  if (result.status >= 400) return httpOutcome(result.status);
  return "ok";
}

export function httpOutcome(status: number): Outcome {
  if (status < 400) return "ok";
  if (status === 401) return "unauth";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status < 500) return "invalid";
  return "error";
}

/** Strings that must never leave the server in any response. */
export function secretsIn(body: string): string[] {
  const found: string[] = [];
  if (/\$argon2(id|i|d)\$/.test(body)) found.push("password hash");
  if (/passwordHash|tokenHash/.test(body)) found.push("hash field");
  if (body.includes(e2eServerEnv().NEXTAUTH_SECRET!)) found.push("NEXTAUTH_SECRET");
  if (/\bat [\w.<>]+ \(.*:\d+:\d+\)/.test(body) || /node_modules\//.test(body)) found.push("stack trace");
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures written straight to the database: fast, and independent of the code under test

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A user who can sign in with `as`'s password (the hash is copied), optionally a member of a team. */
export async function sqlUser(as: TestUser, label: string, membership?: { team: string; role: "member" | "manager" | "admin" }): Promise<TestUser & { id: string }> {
  const id = `sec${uniqueId()}${uniqueId()}`;
  const user = { ...makeUser(label), password: as.password, id };
  await sql(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") SELECT $1, $2, $3, "passwordHash", now() FROM "User" WHERE email = $4`,
    [id, user.email, user.name, as.email],
  );
  if (membership) {
    await sql(`INSERT INTO "Membership" (id, "teamId", "userId", role) SELECT $1, id, $2, $3::"MemberRole" FROM "Team" WHERE slug = $4`, [
      `secm${uniqueId()}${uniqueId()}`,
      id,
      membership.role,
      membership.team,
    ]);
  }
  return user;
}

/** A personal API token for a user, as token:create would make it. */
export async function sqlToken(forUserId: string): Promise<{ token: string; id: string }> {
  const token = `om_${randomBytes(32).toString("base64url")}`;
  const id = `sect${uniqueId()}${uniqueId()}`;
  await sql(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'security test', $3, $4)`, [id, forUserId, sha256(token), token.slice(0, 10)]);
  return { token, id };
}

/** An unused invite link token for a team. */
export async function sqlInvite(team: string, createdById: string, role: "member" | "manager" | "admin" = "member"): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await sql(
    `INSERT INTO "Invite" (id, "teamId", "tokenHash", role, "expiresAt", "createdById") SELECT $1, id, $2, $3::"MemberRole", now() + interval '1 day', $4 FROM "Team" WHERE slug = $5`,
    [`seci${uniqueId()}${uniqueId()}`, sha256(token), role, createdById, team],
  );
  return token;
}

/** Creates an activity through the API as the token's owner; returns its id. */
export async function apiCreate(request: APIRequestContext, token: string, team: string, text: string): Promise<string> {
  const response = await request.post(`/api/v1/activities?team=${team}`, { headers: { Authorization: `Bearer ${token}` }, data: { text, minutes: 30 } });
  if (response.status() !== 201) throw new Error(`create failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { activities: { id: string }[] }).activities[0]!.id;
}

export async function activityVersion(id: string): Promise<number> {
  const [row] = await sql<{ version: number }>(`SELECT version FROM "Activity" WHERE id = $1`, [id]);
  return row?.version ?? 0;
}
