// REST API v1: every endpoint with a valid token, without one, and with another team's token.
import { expect, test, cli, uniqueId, type World } from "./fixtures";

const tokens = new Map<string, string>();
function tokenFor(email: string): string {
  if (!tokens.has(email)) tokens.set(email, cli(["token:create", "--email", email]).trim().split("\n").pop()!);
  return tokens.get(email)!;
}
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test.describe("REST API v1", () => {
  let world: World;
  test.beforeEach(({ world: w }) => {
    world = w;
  });

  test("create one and many, list with filters, page through, and the contract's shape", async ({ request }) => {
    const token = tokenFor(world.memberA.email);
    const id = uniqueId();
    const one = await request.post(`/api/v1/activities?team=${world.teamA}`, {
      headers: auth(token),
      data: { text: `Ran the Tuesday live class, 140 attendees ${id}`, date: "2026-11-20", minutes: 90, teamId: "x", authorId: "y", role: "marketing" },
    });
    expect(one.status()).toBe(201);
    const created = (await one.json()).activities[0];
    expect(Object.keys(created)).toEqual(expect.arrayContaining(["id", "text", "date", "minutes", "role", "stage", "confidence", "needsReview", "tagSource", "author"]));
    expect(created).toMatchObject({ date: "2026-11-20", minutes: 90, tagSource: "auto", author: { email: world.memberA.email } });
    expect(created.role).toBe("activity");
    expect(typeof created.confidence.role).toBe("number");

    const many = await request.post(`/api/v1/activities?team=${world.teamA}`, {
      headers: auth(token),
      data: { activities: [{ text: `回复社区帖子32条 ${id}` }, { text: `小红书笔记3篇,收藏1.1k ${id}`, date: "2026-11-19" }] },
    });
    expect(many.status()).toBe(201);
    expect((await many.json()).activities.map((a: { role: string }) => a.role)).toEqual(["community", "new_media"]);

    const listed = await request.get(`/api/v1/activities?team=${world.teamA}&q=${id}&limit=2`, { headers: auth(token) });
    expect(listed.status()).toBe(200);
    const page1 = await listed.json();
    expect(page1.activities).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await (await request.get(`/api/v1/activities?team=${world.teamA}&q=${id}&limit=2&cursor=${page1.nextCursor}`, { headers: auth(token) })).json();
    expect(page2.activities).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();

    const byRole = await (await request.get(`/api/v1/activities?team=${world.teamA}&q=${id}&role=community`, { headers: auth(token) })).json();
    expect(byRole.activities.map((a: { text: string }) => a.text)).toEqual([`回复社区帖子32条 ${id}`]);
    const byDate = await (await request.get(`/api/v1/activities?team=${world.teamA}&q=${id}&from=2026-11-19&to=2026-11-19`, { headers: auth(token) })).json();
    expect(byDate.activities).toHaveLength(1);
  });

  test("bad input gets a translated 400 and writes nothing", async ({ request }) => {
    const token = tokenFor(world.memberA.email);
    const id = uniqueId();
    const cases: [unknown, RegExp][] = [
      [{ text: "   " }, /empty|空/],
      [{ text: "x".repeat(10_000) }, /too long|太长/],
      [{ text: "🎉🎉🎉" }, /no words|没有可读/],
      [{ text: "ok", minutes: -5 }, /Duration|时长/],
      [{ text: "ok", date: "2099-01-01" }, /future|未来/],
      [{ text: "ok", date: "1999-01-01" }, /years ago|年前/],
      [{ activities: [{ text: `good ${id}` }, { text: "" }] }, /Item 2|第 2 条/],
    ];
    for (const [body, message] of cases) {
      const response = await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: { ...auth(token), "accept-language": "en" }, data: body });
      expect(response.status(), JSON.stringify(body).slice(0, 80)).toBe(400);
      const json = await response.json();
      expect(json.error.code).toBe("invalid");
      expect(json.error.message).toMatch(message);
    }
    const broken = await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: { ...auth(token), "content-type": "application/json" }, data: "{not json" });
    expect(broken.status()).toBe(400);
    const none = await (await request.get(`/api/v1/activities?team=${world.teamA}&q=good ${id}`, { headers: auth(token) })).json();
    expect(none.activities).toHaveLength(0);
  });

  test("PATCH corrects tags with optimistic concurrency; DELETE removes; /tag tags without saving", async ({ request }) => {
    const token = tokenFor(world.memberA.email);
    const id = uniqueId();
    const created = (await (await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: auth(token), data: { text: `整理用户反馈23条提给产品 ${id}` } })).json()).activities[0];
    const patched = await request.patch(`/api/v1/activities/${created.id}?team=${world.teamA}`, { headers: auth(token), data: { role: "user", version: created.version } });
    expect(patched.status()).toBe(200);
    expect((await patched.json()).activity).toMatchObject({ role: "user", tagSource: "corrected", version: created.version + 1 });
    const stale = await request.patch(`/api/v1/activities/${created.id}?team=${world.teamA}`, { headers: auth(token), data: { role: "content", version: created.version } });
    expect(stale.status()).toBe(409);
    const after = (await (await request.get(`/api/v1/activities/${created.id}?team=${world.teamA}`, { headers: auth(token) })).json()).activity;
    expect(after.role).toBe("user");

    const tagged = await request.post(`/api/v1/tag?team=${world.teamA}`, { headers: auth(token), data: { texts: ["回复社区帖子32条", "Signed the sponsorship contract with the bank"] } });
    expect(tagged.status()).toBe(200);
    expect((await tagged.json()).results.map((r: { role: string }) => r.role)).toEqual(["community", "business"]);
    const single = await (await request.post(`/api/v1/tag?team=${world.teamA}`, { headers: auth(token), data: { text: "投放百度SEM,CPA 38元" } })).json();
    expect(single.role).toBe("marketing");

    expect((await request.delete(`/api/v1/activities/${created.id}?team=${world.teamA}`, { headers: auth(token) })).status()).toBe(204);
    expect((await request.get(`/api/v1/activities/${created.id}?team=${world.teamA}`, { headers: auth(token) })).status()).toBe(404);
  });

  test("without a token every endpoint answers 401; another team's token sees nothing of team A", async ({ request }) => {
    const tokenA = tokenFor(world.memberA.email);
    const tokenB = tokenFor(world.memberB.email);
    const created = (await (await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: auth(tokenA), data: { text: `team A secret ${uniqueId()}` } })).json()).activities[0];
    const endpoints: [string, string, unknown?][] = [
      ["GET", `/api/v1/activities?team=${world.teamA}`],
      ["POST", `/api/v1/activities?team=${world.teamA}`, { text: "x y" }],
      ["GET", `/api/v1/activities/${created.id}?team=${world.teamA}`],
      ["PATCH", `/api/v1/activities/${created.id}?team=${world.teamA}`, { role: "user", version: created.version }],
      ["DELETE", `/api/v1/activities/${created.id}?team=${world.teamA}`],
      ["POST", `/api/v1/tag?team=${world.teamA}`, { text: "x y" }],
      ["GET", `/api/v1/reports/effort?team=${world.teamA}&from=2026-01-01&to=2026-12-31&groupBy=role`],
    ];
    for (const [method, url, data] of endpoints) {
      const anonymous = await request.fetch(url, { method, data });
      expect(anonymous.status(), `${method} ${url} without a token`).toBe(401);
      expect((await anonymous.json()).error.code).toBe("unauthenticated");
      const bogus = await request.fetch(url, { method, data, headers: auth("om_not-a-real-token") });
      expect(bogus.status()).toBe(401);
      const other = await request.fetch(url, { method, data, headers: auth(tokenB) });
      expect(other.status(), `${method} ${url} with team B's token`).toBe(404);
    }
    // Team B's token in its own team cannot reach team A's row either.
    expect((await request.get(`/api/v1/activities/${created.id}`, { headers: auth(tokenB) })).status()).toBe(404);
    expect((await request.patch(`/api/v1/activities/${created.id}`, { headers: auth(tokenB), data: { role: "user", version: created.version } })).status()).toBe(404);
    const still = (await (await request.get(`/api/v1/activities/${created.id}?team=${world.teamA}`, { headers: auth(tokenA) })).json()).activity;
    expect(still).toMatchObject({ text: created.text, version: created.version, tagSource: "auto" });

    const openapi = await request.get("/api/v1/openapi.json");
    expect(openapi.status()).toBe(200);
    expect(Object.keys((await openapi.json()).paths)).toEqual(expect.arrayContaining(["/api/v1/activities", "/api/v1/activities/{id}", "/api/v1/tag", "/api/v1/reports/effort"]));
  });
});
