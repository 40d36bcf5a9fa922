// Bad input, generated: wrong types, huge strings, NUL, right-to-left marks, emoji, __proto__, absurd numbers and
// dates, oversized bodies, against every API handler, route handler and server action. The answer is always a
// 4xx (or a form error) with a plain message: never a 5xx, a stack trace, or a partial write. Then stored-XSS
// payloads in every free-text field are shown as text.
import fc from "fast-check";
import type { APIRequestContext } from "@playwright/test";
import { expect, test, uniqueId } from "./fixtures";
import {
  actionOutcome,
  apiCreate,
  builtServerActions,
  callAction,
  changedTables,
  closeDatabase,
  fingerprint,
  form,
  makeUser,
  newContext,
  secretsIn,
  signedIn,
  sql,
  sqlToken,
  userId,
  type ServerActionRef,
} from "./security-support";
import { E2E_BASE_URL } from "./server-env";

// Kept modest for CI time; OPSMIX_FUZZ_RUNS=500 npx playwright test e2e/security-inputs.spec.ts digs deeper.
const RUNS = Number(process.env.OPSMIX_FUZZ_RUNS ?? 20);

// ---------------------------------------------------------------------------------------------------------------
// Nasty values

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202eevil\u202c",
  "\u200f\u200e\u2066",
  "👩‍👩‍👧‍👦🧨",
  "𠜎𠜱𠝹",
  "__proto__",
  "constructor",
  "prototype",
  "<script>alert(1)</script>",
  "'; DROP TABLE \"Activity\"; --",
  "$1$2",
  "%00%ff",
  "../../etc/passwd",
  "\\",
  "\ud800",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x10",
  "2026-02-30",
  "0000-00-00",
  "9999-12-31",
  "-271821-04-20",
  "2026-11-25T00:00:00Z",
  "true",
  "null",
];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2001, maxLength: 3000, unit: "grapheme-ascii" }) },
  { weight: 1, arbitrary: fc.constant("長".repeat(200_000)) },
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 1440, 1441, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 63, 1e308, -0, 0.5),
);
const nastyLeaf = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));
const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyLeaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom("__proto__", "constructor", "text", "teamId", "authorId", "role", "id", "version"), fc.string({ maxLength: 8 })), tie("value"), {
      maxKeys: 4,
      noNullPrototype: false,
    }),
  ),
})).value;
/** A JSON body, sometimes one that is not JSON at all. */
const nastyBody = fc.oneof(
  { weight: 4, arbitrary: nastyValue.map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"isAdmin":true},"text":"回复社区帖子"}', "{", "[", '{"text":', "\u0000", "", "{}", "[]", '{"activities":{"length":3}}') },
  { weight: 1, arbitrary: fc.record({ text: nastyValue, date: nastyValue, minutes: nastyValue, version: nastyValue, role: nastyValue }, { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
);
const nastyQuery = fc
  .dictionary(fc.constantFrom("from", "to", "member", "role", "stage", "q", "needsReview", "cursor", "limit", "groupBy", "range", "team", "measure", "sheet", "view", "trendBy"), nastyString.map((s) => s.slice(0, 500)), { maxKeys: 5 })
  .map((params) => new URLSearchParams(params as Record<string, string>).toString());

/** encodeURIComponent, with lone surrogates (which it cannot encode) replaced as a browser would. */
function uriComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd"));
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** What a refusal may look like: a JSON error with a code and a sentence, or plain "Not found"/"Bad filter". */
function checkRefusal(status: number, body: string, label: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`${label}: ${status}`);
  for (const secret of secretsIn(body)) problems.push(`${label}: ${secret} in the body`);
  if (/PrismaClient|prisma\.|Invalid `|TypeError|ReferenceError|SyntaxError|at Object\./.test(body)) problems.push(`${label}: internal error text in the body`);
  if (status >= 400 && body.startsWith("{")) {
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown }; errors?: { line?: unknown; message?: unknown }[] };
      const lineErrors = Array.isArray(parsed.errors) && parsed.errors.every((e) => typeof e.line === "number" && typeof e.message === "string");
      const oneError = typeof parsed.error?.code === "string" && typeof parsed.error?.message === "string";
      if (!oneError && !lineErrors) problems.push(`${label}: error without code/message`);
    } catch {
      problems.push(`${label}: unparseable error body`);
    }
  }
  return problems;
}

test.describe("bad input", () => {
  test.afterAll(async () => closeDatabase());

  test("API and route handlers answer any input with a 4xx, never a 5xx or a partial write", async ({ world }) => {
    test.setTimeout(180_000);
    const request = await signedIn(world.memberA);
    const { token } = await sqlToken(await userId(world.memberA.email));
    const auth = { Authorization: `Bearer ${token}` };
    const ownId = await apiCreate(request, token, world.teamA, `fuzz target ${uniqueId()} 回复社区帖子`);
    const problems: string[] = [];
    const send = async (label: string, method: string, url: string, body?: string, headers: Record<string, string> = {}) => {
      const before = await fingerprint();
      const response = await request.fetch(url, { method, headers: { "Content-Type": "application/json", ...headers }, data: body, maxRedirects: 0 });
      const text = await response.text();
      problems.push(...checkRefusal(response.status(), text, `${label} ${body?.slice(0, 80) ?? url.slice(0, 120)}`));
      if (response.status() >= 400) {
        const changed = changedTables(before, await fingerprint());
        if (changed.length) problems.push(`${label}: refused (${response.status()}) but changed ${changed.join(", ")}`);
      }
      return response.status();
    };
    const property = (label: string, arb: fc.Arbitrary<string>, run: (value: string) => Promise<unknown>) =>
      fc.assert(fc.asyncProperty(arb, async (value) => void (await run(value))), { numRuns: RUNS, endOnFailure: true }).catch((error) => problems.push(`${label}: ${String(error).slice(0, 300)}`));

    await property("POST /api/v1/activities", nastyBody, (body) => send("POST activities", "POST", `/api/v1/activities?team=${world.teamA}`, body, auth));
    await property(
      "POST /api/v1/activities (batch)",
      fc.array(nastyValue, { maxLength: 6 }).map((items) => JSON.stringify({ activities: [{ text: "回复社区帖子32条" }, ...items] })),
      (body) => send("POST activities batch", "POST", `/api/v1/activities?team=${world.teamA}`, body, auth),
    );
    await property("PATCH /api/v1/activities/:id", nastyBody, (body) => send("PATCH activity", "PATCH", `/api/v1/activities/${ownId}?team=${world.teamA}`, body, auth));
    await property("id in the path", nastyString, (id) => send("GET activity", "GET", `/api/v1/activities/${uriComponent(id.slice(0, 2000))}?team=${world.teamA}`, undefined, auth));
    await property("POST /api/v1/tag", nastyBody, (body) => send("POST tag", "POST", `/api/v1/tag?team=${world.teamA}`, body, auth));
    await property("GET /api/v1/activities?…", nastyQuery, (query) => send("GET activities", "GET", `/api/v1/activities?team=${world.teamA}&${query}`, undefined, auth));
    await property("GET /api/v1/reports/effort?…", nastyQuery, (query) => send("GET effort", "GET", `/api/v1/reports/effort?team=${world.teamA}&${query}`, undefined, auth));
    await property("team selector", nastyString, (slug) => send("team", "GET", `/api/v1/activities?team=${uriComponent(slug.slice(0, 2000))}`, undefined, auth));
    await property("entries export", nastyQuery, (query) => send("entries export", "GET", `/t/${world.teamA}/entries/export?${query}`));
    await property("dashboard export", nastyQuery, (query) => send("dashboard export", "GET", `/t/${world.teamA}/dashboard/export?${query}`));
    const pages = ["week", "entries", "dashboard", "dashboard/members", "learn/library"];
    await property("pages", nastyQuery, (query) => send("page", "GET", `/t/${world.teamA}/${pages[query.length % pages.length]}?${query}`));
    await property(
      "CSV import",
      fc.oneof(nastyString, fc.array(fc.array(nastyString.map((s) => s.slice(0, 300)), { maxLength: 5 }), { maxLength: 5 }).map((rows) => ["date,email,text,minutes", ...rows.map((r) => r.join(","))].join("\n"))),
      (csv) => send("import", "POST", `/t/${world.teamA}/import/upload?mode=commit`, csv, { Origin: E2E_BASE_URL, "Content-Type": "text/csv" }),
    );
    await property("authorization header", nastyString, (value) => send("bearer", "GET", `/api/v1/activities`, undefined, { Authorization: `Bearer ${value.replace(/[\r\n\u0000]/g, "").slice(0, 4000)}` }).catch(() => 0));

    // Bodies over the limit: declared, and streamed without a length.
    const big = JSON.stringify({ text: "x".repeat(1_100_000) });
    expect(await send("oversized", "POST", `/api/v1/activities?team=${world.teamA}`, big, auth)).toBe(413);
    const chunked = await fetch(`${E2E_BASE_URL}/api/v1/activities?team=${world.teamA}`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(50_000)));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await send("oversized sign-in", "POST", "/api/auth/callback/credentials", "email=" + "a".repeat(20_000), { "Content-Type": "application/x-www-form-urlencoded" })).toBe(413);
    // Over the import limit: 413, or, when the server has answered and closed the connection while the client was
    // still sending the 21 MB (EPIPE / ECONNRESET, common under load), a broken connection; either way nothing changes.
    const beforeImport = await fingerprint();
    const importAnswer = await request
      .fetch(`/t/${world.teamA}/import/upload?mode=preview`, { method: "POST", headers: { Origin: E2E_BASE_URL, "Content-Type": "text/csv" }, data: "a".repeat(21 * 1024 * 1024), maxRedirects: 0 })
      .then(async (response) => {
        problems.push(...checkRefusal(response.status(), await response.text(), "oversized import"));
        return response.status();
      }, (error) => {
        if (/EPIPE|ECONNRESET|socket hang up/.test(String(error))) return "connection closed";
        throw error;
      });
    expect([413, "connection closed"]).toContain(importAnswer);
    const importChanged = changedTables(beforeImport, await fingerprint());
    if (importChanged.length) problems.push(`oversized import: refused but changed ${importChanged.join(", ")}`);

    await request.dispose();
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("server actions answer any arguments with a form error, never a 5xx or a partial write", async ({ world }) => {
    test.setTimeout(180_000);
    const actions = builtServerActions();
    const manager = await signedIn(world.managerA);
    const anonymous = await newContext();
    const problems: string[] = [];
    const skip = new Set(["signOutEverywhereAction", "exploreDemoAction", "deleteDemoAction"]);
    const run = async (who: APIRequestContext, ref: ServerActionRef, args: unknown[] | string) => {
      const before = await fingerprint();
      let result;
      try {
        result = await callAction(who, ref, args, { team: world.teamA, token: "x", role: "community", stage: "activation" });
      } catch (error) {
        problems.push(`${ref.name}: the call itself failed: ${String(error).slice(0, 300)}`);
        return;
      }
      const outcome = actionOutcome(result);
      const label = `${ref.name}(${JSON.stringify(args).slice(0, 120)})`;
      problems.push(...checkRefusal(result.status, result.body, label));
      if (outcome === "error") problems.push(`${label}: unexpected server error (errors.generic or ${result.status})`);
      if (outcome !== "ok") {
        const changed = changedTables(before, await fingerprint());
        if (changed.length) problems.push(`${label}: refused (${outcome}) but changed ${changed.join(", ")}`);
      }
    };
    const fields = fc.dictionary(
      fc.constantFrom("team", "email", "password", "name", "teamName", "invite", "current", "next", "repeat", "role", "userId", "id", "dimension", "clear", "pct.user", "pct.acquisition", "activityId", "comment", "outcome", "hide"),
      nastyString.map((s) => s.slice(0, 5000)),
      { maxKeys: 6 },
    );
    for (const [, ref] of [...actions].sort()) {
      if (skip.has(ref.name)) continue;
      const formShaped = fc.tuple(fc.constant({}), fields).map(([prev, f]) => [prev, form({ team: world.teamA, ...f })]);
      const bareForm = fields.map((f) => [form({ team: world.teamA, ...f })]);
      // Plain objects only (React will not encode null prototypes); raw bodies cover what a hand-made request sends.
      const plain = (value: unknown[]) => JSON.parse(JSON.stringify(value)) as unknown[];
      const positional = fc.array(nastyValue, { maxLength: 4 }).map((args) => plain(args.length && typeof args[0] !== "string" ? args : [world.teamA, ...args.slice(1)]));
      const raw = fc.oneof(
        fc.constantFrom("[", "", "null", "{}", '["$K1"]', '["$@1"]', '["$Q1"]', '["$T"]', '[{"__proto__":{"polluted":1}}]', `["${world.teamA}",[{"text":"$$x","constructor":{"prototype":{"polluted":1}}}],"k"]`, '"\u0000"', "[1e999]"),
        nastyBody,
      );
      const args = fc.oneof(formShaped, bareForm, positional, raw);
      await fc
        .assert(
          fc.asyncProperty(args, fc.boolean(), async (a, signedOut) => run(signedOut ? anonymous : manager, ref, a as unknown[] | string)),
          { numRuns: Math.max(6, Math.floor(RUNS / 3)), endOnFailure: true },
        )
        .catch((error) => problems.push(`${ref.name}: ${String(error).slice(0, 300)}`));
    }
    // An action body over Next's limit is refused before the action runs.
    const big = await callAction(manager, actions.get("lib/activities/actions.ts#createActivitiesAction")!, [world.teamA, [{ text: "x".repeat(1_200_000) }], "big"], { team: world.teamA });
    if (big.status !== 413) problems.push(`oversized action body: ${big.status}`);
    await Promise.all([manager.dispose(), anonymous.dispose()]);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("stored XSS payloads in every free-text field render as text", async ({ browser }) => {
    test.setTimeout(120_000);
    const payload = (where: string) => `<img src=x onerror="window.__xss='${where}'"><script>window.__xss='${where}'</script>"'><svg onload=window.__xss=1>`;
    const actions = builtServerActions();
    const call = (who: APIRequestContext, name: string, args: unknown[], team = "x") => callAction(who, actions.get(name)!, args, { team, token: "x", role: "community", stage: "activation" });

    // A founder whose name and team name are payloads, a member whose name is one, and entries, a pinned
    // example's reason and a token name that are payloads too.
    const founder = makeUser("xss");
    const anonymous = await newContext();
    const signup = await call(anonymous, "lib/teams/signup-actions.ts#signUpAction", [{}, form({ email: founder.email, password: founder.password, name: payload("name").slice(0, 80), teamName: payload("team").slice(0, 80) })]);
    expect(actionOutcome(signup)).toBe("ok");
    const [{ slug }] = await sql<{ slug: string }>(`SELECT t.slug FROM "Team" t JOIN "Membership" m ON m."teamId" = t.id JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [founder.email]);
    const admin = await signedIn(founder);
    const tokenResult = await call(admin, "lib/auth/token-actions.ts#createTokenAction", [{}, form({ name: payload("token").slice(0, 60), password: founder.password })], slug!);
    const token = (tokenResult.value as { data: { token: string } }).data.token;
    const ids = [];
    for (const where of ["entry1", "entry2"]) ids.push(await apiCreate(admin, token, slug!, `回复社区帖子 ${payload(where)}`));
    await sql(`UPDATE "Activity" SET "tagSource" = 'confirmed', role = 'community', stage = 'activation' WHERE id = ANY($1)`, [ids]);
    expect(actionOutcome(await call(admin, "lib/onboarding/actions.ts#pinGolden", [{}, form({ team: slug!, activityId: ids[0]!, comment: payload("comment").slice(0, 280) })], slug!))).toBe("ok");
    const invite = await call(admin, "lib/teams/actions.ts#createInviteAction", [{}, form({ team: slug!, role: "member" })], slug!);
    const inviteToken = (invite.value as { data: { token: string } }).data.token;
    const mate = makeUser("xss-mate");
    const joined = await call(await newContext(), "lib/teams/signup-actions.ts#signUpAction", [{}, form({ email: mate.email, password: mate.password, name: `<b onmouseover=alert(1)>${payload("mate")}`.slice(0, 80), invite: inviteToken })]);
    expect(actionOutcome(joined)).toBe("ok");

    const context = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "x-forwarded-for": `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` } });
    await context.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: ((await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken, email: founder.email, password: founder.password, json: "true" },
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const visited: string[] = [];
    for (const path of ["today", "week", "entries", "dashboard?range=last-4-weeks", "dashboard/members?range=last-4-weeks", "learn", "learn/library", "learn/practice", "learn/progress", "settings"]) {
      await page.goto(`/t/${slug}/${path}`);
      await page.waitForLoadState("networkidle");
      const fired = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
      expect(fired, `script ran on ${path}`).toBeNull();
      expect(await page.locator("img[src='x'], svg[onload], b[onmouseover]").count(), `markup injected on ${path}`).toBe(0);
      visited.push(path);
    }
    await page.goto("/account");
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null)).toBeNull();
    // …and the payloads are there, as text.
    await page.goto(`/t/${slug}/today`);
    await expect(page.getByText("window.__xss='entry1'", { exact: false }).first()).toBeVisible();
    await page.goto(`/t/${slug}/settings`);
    await expect(page.getByText("window.__xss='mate'", { exact: false }).first()).toBeVisible();
    expect(dialogs).toEqual([]);
    await Promise.all([context.close(), admin.dispose(), anonymous.dispose()]);
  });
});
