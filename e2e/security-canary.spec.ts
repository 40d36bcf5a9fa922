// Canary: unique strings planted in team B (entries, a member's name and email, golden-example reasons, a team's
// name, token names) must never reach anyone in team A, through any page, list, search, dashboard, export or API
// response, even when team A's people ask for team B's things by slug, id or email. And all those GETs write nothing.
import { expect, test, uniqueId } from "./fixtures";
import { apiCreate, changedTables, closeDatabase, fingerprint, newContext, pageKeys, pageUrl, secretsIn, signedIn, sql, sqlToken, sqlUser, userId } from "./security-support";


test.describe("canary", () => {
  test.afterAll(async () => closeDatabase());

  test("nothing planted in team B is ever shown to team A", async ({ world }) => {
    test.setTimeout(180_000);
    const canary = `kanari${uniqueId()}`;
    // ---- plant: in team B, and in a second team of memberB's
    const planter = await sqlUser(world.memberB, "planter", { team: world.teamB, role: "member" });
    await sql(`UPDATE "User" SET name = $1 WHERE id = $2`, [`${canary} 鲸`, planter.id]);
    const memberBId = await userId(world.memberB.email);
    const request = await newContext();
    const planterToken = (await sqlToken(planter.id)).token;
    const bToken = (await sqlToken(memberBId)).token;
    const ids: string[] = [];
    for (const text of [`${canary} 回复社区帖子32条`, `${canary.toUpperCase()} Ran the Tuesday live class`, `<b>${canary}</b> 小红书笔记3篇`]) {
      ids.push(await apiCreate(request, planterToken, world.teamB, text));
      ids.push(await apiCreate(request, bToken, world.teamB, `${text} (b)`));
    }
    await sql(`UPDATE "Activity" SET "tagSource" = 'confirmed', role = 'community', stage = 'activation' WHERE id = ANY($1)`, [ids]);
    await sql(`INSERT INTO "GoldenExample" (id, "teamId", "activityId", comment, "pinnedById") SELECT 'g' || id, "teamId", id, $2, "authorId" FROM "Activity" WHERE id = ANY($1)`, [
      ids.slice(0, 2),
      `${canary} why this is golden`,
    ]);
    await sql(`INSERT INTO "TrainingExample" (id, "teamId", "activityId", text, role, stage) SELECT 't' || id, "teamId", id, text, role, stage FROM "Activity" WHERE id = ANY($1)`, [ids]);
    await sql(`UPDATE "Team" SET "modelVersion" = "modelVersion" + 1 WHERE slug = $1`, [world.teamB]);
    await sql(`UPDATE "ApiToken" SET name = $1 WHERE "userId" = $2`, [`${canary} token`, planter.id]);
    const teamC = `c-${uniqueId()}`;
    await sql(`INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ($1, $2, $3, now())`, [`tc${uniqueId()}`, teamC, `${canary} 第二个团队`]);
    await sql(`INSERT INTO "Membership" (id, "teamId", "userId", role) SELECT 'mc' || $1, id, $2, 'admin' FROM "Team" WHERE slug = $3`, [uniqueId(), memberBId, teamC]);
    await sql(`INSERT INTO "Invite" (id, "teamId", "tokenHash", email, "expiresAt", "createdById") SELECT 'ic' || $1, id, $1, $2, now() + interval '1 day', $3 FROM "Team" WHERE slug = $4`, [
      uniqueId(),
      `${canary}@invitee.test`,
      memberBId,
      world.teamB,
    ]);

    // ---- look: as every kind of team A member, everywhere, including by asking for team B's things directly
    const planted = [canary];
    const leaks: string[] = [];
    const check = async (who: string, label: string, body: string) => {
      const lowered = body.toLowerCase();
      for (const needle of planted) if (lowered.includes(needle.toLowerCase())) leaks.push(`${who}: ${label} shows "${needle}"`);
      for (const secret of secretsIn(body)) leaks.push(`${who}: ${label} contains a ${secret}`);
    };
    const writesOnGet: string[] = [];
    const today = new Date().toISOString().slice(0, 10);
    // Searches use a fragment of the canary: a page may echo the search box back, but only a leak shows it whole.
    const asks = [`q=${canary.slice(1, -1)}`, `member=${encodeURIComponent(planter.email)}`, `member=${planter.id}`, `member=${memberBId}`, `range=last-12-weeks`, `from=2020-01-01&to=${today}`];
    const pages = [...new Set(pageKeys().flatMap((key) => ["community", "activity"].map((role) => pageUrl(key, { team: world.teamA, role, stage: "activation", token: "none" }))))];
    const searchable = ["entries", "week", "dashboard", "dashboard/members", "learn/library", "learn/progress"].map((p) => `/t/${world.teamA}/${p}`);
    const asked = searchable.flatMap((url) => asks.map((ask) => `${url}?${ask}`));
    const exports = asks.flatMap((ask) => [
      `/t/${world.teamA}/entries/export?${ask}`,
      `/t/${world.teamA}/dashboard/export?${ask}`,
      `/t/${world.teamA}/dashboard/export?sheet=members&${ask}`,
    ]);
    const api = [
      ...asks.map((ask) => `/api/v1/activities?team=${world.teamA}&${ask}`),
      ...asks.map((ask) => `/api/v1/reports/effort?team=${world.teamA}&groupBy=member,role,stage,week&${ask}`),
      ...ids.map((id) => `/api/v1/activities/${id}?team=${world.teamA}`),
      ...ids.map((id) => `/api/v1/activities/${id}`),
      `/api/v1/activities?team=${world.teamB}`,
      `/api/v1/activities?team=${teamC}`,
      `/api/v1/reports/effort?team=${world.teamB}&groupBy=member`,
    ];
    const plain = [...pages, `/t/${world.teamB}/today`, `/t/${teamC}/dashboard`, "/account", "/"];
    for (const who of ["memberA", "managerA", "adminA"] as const) {
      const user = world[who];
      const browser = await signedIn(user);
      const token = (await sqlToken(await userId(user.email))).token;
      const before = await fingerprint();
      for (const url of plain) {
        for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
          const response = await browser.get(url, { headers, maxRedirects: 0 });
          await check(who, `${url}${"RSC" in headers ? " (RSC)" : ""}`, await response.text());
        }
      }
      if (who !== "adminA") {
        for (const url of asked) await check(who, url, await (await browser.get(url, { maxRedirects: 0 })).text());
        for (const url of exports) await check(who, url, await (await browser.get(url)).text());
        for (const url of api) await check(who, url, await (await browser.get(url, { headers: { Authorization: `Bearer ${token}` } })).text());
      }
      // Every page, search, export and API read above was a GET: not one row of what users wrote may have changed.
      for (const table of changedTables(before, await fingerprint())) writesOnGet.push(`${who}: GET requests changed ${table}`);
      if (who === "adminA") {
        await browser.dispose();
        continue;
      }
      const tagged = await browser.post(`/api/v1/tag?team=${world.teamA}`, { headers: { Authorization: `Bearer ${token}` }, data: { text: "小红书笔记3篇 回复社区帖子" } });
      await check(who, "POST /api/v1/tag", await tagged.text());
      await browser.dispose();
    }
    expect(pages.length).toBeGreaterThan(15);
    expect(leaks).toEqual([]);
    expect(writesOnGet).toEqual([]);

    // The canary is really there: team B sees it (so the absence above means something).
    const b = await signedIn(world.memberB);
    expect(await (await b.get(`/t/${world.teamB}/today`)).text()).toContain(canary);
    await Promise.all([b.dispose(), request.dispose()]);
  });
});
