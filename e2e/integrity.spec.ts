// Data integrity: a submit is created once however often it is sent, a stale edit never overwrites a newer one,
// a CSV import lands whole or not at all, fields a client must not set are ignored, and reading writes nothing.
import { expect, test, uniqueId } from "./fixtures";
import {
  actionOutcome,
  apiCreate,
  builtServerActions,
  callAction,
  closeDatabase,
  newContext,
  pageKeys,
  pageUrl,
  secretsIn,
  signedIn,
  sql,
  sqlToken,
  teamId,
  userId,
} from "./security-support";
import { E2E_BASE_URL } from "./server-env";

/** Every table, every column: for "a GET writes nothing" even bookkeeping counts. */
async function wholeDatabase(): Promise<Record<string, string>> {
  const tables = (await sql<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).map(
    (row) => row.table_name,
  );
  const digest: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await sql<{ d: string }>(`SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) AS d FROM "${table}" t`);
    digest[table] = row!.d;
  }
  return digest;
}


test.describe("data integrity", () => {
  test.afterAll(async () => closeDatabase());

  test("20 identical concurrent submits create one entry (API and the logging form)", async ({ world }) => {
    const request = await signedIn(world.memberA);
    const { token } = await sqlToken(await userId(world.memberA.email));
    const key = `idem-${uniqueId()}`;
    const text = `幂等 ${key} 回复社区帖子32条`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request.post(`/api/v1/activities?team=${world.teamA}`, { headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": key }, data: { text } }),
      ),
    );
    const statuses = responses.map((r) => r.status()).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { activities: { id: string }[] }).activities[0]!.id)));
    expect(ids.size).toBe(1);
    expect(await sql(`SELECT id FROM "Activity" WHERE text = $1`, [text])).toHaveLength(1);

    // The "My day" box sends a key per submit too: a double click or a retry of a batch of three stays three.
    const create = builtServerActions().get("lib/activities/actions.ts#createActivitiesAction")!;
    const batchKey = `form-${uniqueId()}`;
    const items = [1, 2, 3].map((n) => ({ text: `表单幂等 ${batchKey} 第${n}条 写公众号推文` }));
    const results = await Promise.all(Array.from({ length: 20 }, () => callAction(request, create, [world.teamA, items, batchKey], { team: world.teamA })));
    expect(results.map(actionOutcome).every((o) => o === "ok")).toBe(true);
    expect(await sql(`SELECT id FROM "Activity" WHERE text LIKE $1`, [`表单幂等 ${batchKey}%`])).toHaveLength(3);
    await request.dispose();
  });

  test("a stale edit answers 409 and the newer edit survives, also under a race", async ({ world }) => {
    const request = await newContext();
    const { token } = await sqlToken(await userId(world.memberA.email));
    const auth = { Authorization: `Bearer ${token}` };
    const id = await apiCreate(request, token, world.teamA, `并发 ${uniqueId()} 回复社区帖子`);
    const first = await request.patch(`/api/v1/activities/${id}?team=${world.teamA}`, { headers: auth, data: { version: 1, text: "newer edit 回复社区帖子" } });
    expect(first.status()).toBe(200);
    const stale = await request.patch(`/api/v1/activities/${id}?team=${world.teamA}`, { headers: auth, data: { version: 1, text: "stale edit 回复社区帖子" } });
    expect(stale.status()).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe("conflict");
    const [row] = await sql<{ text: string; version: number }>(`SELECT text, version FROM "Activity" WHERE id = $1`, [id]);
    expect(row).toEqual({ text: "newer edit 回复社区帖子", version: 2 });

    // Ten editors who all read version 2: exactly one wins, and the row holds the winner's text.
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        request.patch(`/api/v1/activities/${id}?team=${world.teamA}`, { headers: auth, data: { version: 2, text: `racer ${n} 回复社区帖子` } }).then(async (r) => ({ n, status: r.status() })),
      ),
    );
    const winners = attempts.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 409)).toHaveLength(9);
    const [after] = await sql<{ text: string; version: number }>(`SELECT text, version FROM "Activity" WHERE id = $1`, [id]);
    expect(after).toEqual({ text: `racer ${winners[0]!.n} 回复社区帖子`, version: 3 });
    await request.dispose();
  });

  test("a CSV import lands whole or not at all, and twice is once", async ({ world }) => {
    test.setTimeout(90_000);
    const manager = await signedIn(world.managerA);
    const id = uniqueId();
    const date = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 600 }, (_, n) => `${date},${world.memberA.email},整体导入 ${id} 第${n}行 回复社区帖子,${(n % 90) + 1}`);
    const upload = (csv: string) =>
      manager.post(`/t/${world.teamA}/import/upload?mode=commit`, { headers: { Origin: E2E_BASE_URL, "Content-Type": "text/csv" }, data: Buffer.from(csv) });
    const count = async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "Activity" WHERE text LIKE $1`, [`整体导入 ${id} %`]))[0]!.n);

    const bad = await upload(["date,email,text,minutes", ...rows, `${date},${world.memberA.email},最后一行时长不对 回复社区帖子,99999`].join("\n"));
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { errors: { line: number }[] }).errors.map((e) => e.line)).toEqual([602]);
    expect(await count()).toBe(0);

    const good = ["date,email,text,minutes", ...rows].join("\n");
    const [a, b] = await Promise.all([upload(good), upload(good)]);
    expect([a.status(), b.status()]).toEqual([200, 200]);
    expect(await count()).toBe(600);
    const again = (await (await upload(good)).json()) as { created: number; skipped: number };
    expect(again).toMatchObject({ created: 0, skipped: 600 });
    expect(await count()).toBe(600);
    await manager.dispose();
  });

  test("fields a client must not set are ignored, and no response carries a hash or a secret", async ({ world }) => {
    const request = await signedIn(world.memberA);
    const memberAId = await userId(world.memberA.email);
    const { token } = await sqlToken(memberAId);
    const auth = { Authorization: `Bearer ${token}` };
    const teamA = await teamId(world.teamA);
    const intruder = {
      teamId: await teamId(world.teamB),
      authorId: await userId(world.memberA2.email),
      role: "business",
      stage: "referral",
      id: `chosen-${uniqueId()}`,
      createdAt: "2001-01-01T00:00:00Z",
      version: 99,
      tagSource: "corrected",
      deletedAt: "2001-01-01T00:00:00Z",
      isDemo: true,
    };
    const text = `越权字段 ${uniqueId()} 回复社区帖子32条`;
    const created = await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: auth, data: JSON.stringify({ text, ...intruder, ["__proto__"]: { admin: true } }) });
    expect(created.status()).toBe(201);
    const create = builtServerActions().get("lib/activities/actions.ts#createActivitiesAction")!;
    const viaForm = await callAction(request, create, [world.teamA, [{ text: `${text} form`, ...intruder }], `k-${uniqueId()}`], { team: world.teamA });
    expect(actionOutcome(viaForm)).toBe("ok");
    const rows = await sql<{ id: string; teamId: string; authorId: string; tagSource: string; version: number; deletedAt: unknown; isDemo: boolean; createdAt: Date }>(
      `SELECT id, "teamId", "authorId", "tagSource", version, "deletedAt", "isDemo", "createdAt" FROM "Activity" WHERE text LIKE $1`,
      [`${text}%`],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ teamId: teamA, authorId: memberAId, tagSource: "auto", version: 1, deletedAt: null, isDemo: false });
      expect(row.id).not.toBe(intruder.id);
      expect(Date.now() - new Date(row.createdAt).getTime()).toBeLessThan(10 * 60_000);
    }
    // PATCH: only version/text/date/minutes/role/stage are read; ownership and team cannot be moved.
    const id = rows[0]!.id;
    const patched = await request.patch(`/api/v1/activities/${id}?team=${world.teamA}`, { headers: auth, data: { version: 1, text: `${text} edited`, teamId: intruder.teamId, authorId: intruder.authorId, deletedAt: null } });
    expect(patched.status()).toBe(200);
    const [moved] = await sql<{ teamId: string; authorId: string }>(`SELECT "teamId", "authorId" FROM "Activity" WHERE id = $1`, [id]);
    expect(moved).toEqual({ teamId: teamA, authorId: memberAId });
    // Nothing that answers a user carries a password hash, a token hash or the signing secret.
    for (const url of [`/api/v1/activities?team=${world.teamA}`, `/api/v1/activities/${id}?team=${world.teamA}`, "/api/auth/session", `/t/${world.teamA}/entries/export`, "/account"]) {
      const body = await (await request.get(url, { headers: url.startsWith("/api/v1") ? auth : {} })).text();
      expect(secretsIn(body), url).toEqual([]);
      expect(body).not.toContain(token);
    }
    await request.dispose();
  });

  test("GET requests write nothing: every page, export and API read leaves the database as it was", async ({ world }) => {
    test.setTimeout(90_000);
    const readers = await Promise.all([signedIn(world.managerA), signedIn(world.memberA)]);
    const tokens = await Promise.all([sqlToken(await userId(world.managerA.email)), sqlToken(await userId(world.memberA.email))]);
    const activity = (await sql<{ id: string }>(`SELECT a.id FROM "Activity" a JOIN "Team" t ON t.id = a."teamId" WHERE t.slug = $1 AND a."deletedAt" IS NULL LIMIT 1`, [world.teamA]))[0]!.id;
    const pages = [...new Set(pageKeys().map((key) => pageUrl(key, { team: world.teamA, role: "community", stage: "activation", token: "none" })))];
    const reads = [
      ...pages,
      ...pages.map((p) => `${p}?range=last-12-weeks&q=回复`),
      `/t/${world.teamA}/entries/export`,
      `/t/${world.teamA}/dashboard/export?sheet=members`,
      `/t/${world.teamA}/import/template`,
      `/t/${world.teamB}/today`,
      "/api/auth/session",
      "/api/auth/csrf",
      "/api/auth/providers",
    ];
    const api = [`/api/v1/activities?team=${world.teamA}`, `/api/v1/activities/${activity}?team=${world.teamA}`, `/api/v1/reports/effort?team=${world.teamA}&groupBy=member`, `/api/v1/activities?team=${world.teamB}`, "/api/v1/openapi.json"];
    // Warm up first: the first read of a team may fill in-process caches, never the database, but be fair.
    for (const url of reads.slice(0, 3)) await readers[0]!.get(url);
    const before = await wholeDatabase();
    for (const [index, reader] of readers.entries()) {
      for (const url of reads) await reader.get(url, { maxRedirects: 0 });
      for (const url of api) await reader.get(url, { headers: { Authorization: `Bearer ${tokens[index]!.token}` } });
      for (const url of reads.slice(0, 4)) await reader.get(url, { headers: { RSC: "1" } });
    }
    const anonymous = await newContext();
    for (const url of reads) await anonymous.get(url, { maxRedirects: 0 });
    const after = await wholeDatabase();
    expect(Object.keys(after).filter((table) => after[table] !== before[table])).toEqual([]);
    await Promise.all([...readers, anonymous].map((r) => r.dispose()));
  });
});
