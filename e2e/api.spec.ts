// REST API v1: every endpoint with a valid token, without one, and with another team's token.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
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

  test("every operation of the served OpenAPI document answers as it says (success and refusal)", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, "openapi.json");
    const member = tokenFor(world.memberA.email);
    const manager = tokenFor(world.managerA.email);
    const id = uniqueId();
    const created = (await (await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: auth(member), data: { text: `回复社区帖子12条 ${id}`, minutes: 20 } })).json()).activities[0];
    const doomed = (await (await request.post(`/api/v1/activities?team=${world.teamA}`, { headers: auth(member), data: { text: `整理用户反馈 ${id}` } })).json()).activities[0];
    const q = `team=${world.teamA}`;
    // One call per documented operation and answer; an operation the document gains without a call here fails below.
    type Call = { method: string; url: string; data?: unknown; token?: string; status: number; headers?: Record<string, string> };
    const calls: Record<string, Call[]> = {
      listActivities: [
        { method: "GET", url: `/api/v1/activities?${q}&q=${id}&limit=1&needsReview=0&from=2020-01-01`, status: 200 },
        { method: "GET", url: `/api/v1/activities?${q}&limit=201`, status: 400 },
      ],
      createActivities: [
        { method: "POST", url: `/api/v1/activities?${q}`, data: { activities: [{ text: `小红书笔记3篇 ${id}`, date: "2026-11-19" }, { text: `投放百度SEM ${id}`, minutes: "45" }] }, status: 201, headers: { "idempotency-key": `k-${id}` } },
        { method: "POST", url: `/api/v1/activities?${q}`, data: { activities: [{ text: `小红书笔记3篇 ${id}`, date: "2026-11-19" }, { text: `投放百度SEM ${id}`, minutes: "45" }] }, status: 200, headers: { "idempotency-key": `k-${id}` } },
        { method: "POST", url: `/api/v1/activities?${q}`, data: { text: "ok", minutes: 0 }, status: 400 },
      ],
      getActivity: [
        { method: "GET", url: `/api/v1/activities/${created.id}?${q}`, status: 200 },
        { method: "GET", url: `/api/v1/activities/${created.id}?team=${world.teamB}`, token: tokenFor(world.memberB.email), status: 404 },
      ],
      updateActivity: [
        { method: "PATCH", url: `/api/v1/activities/${created.id}?${q}`, data: { version: created.version, role: "user", minutes: 25 }, status: 200 },
        { method: "PATCH", url: `/api/v1/activities/${created.id}?${q}`, data: { version: created.version, role: "content" }, status: 409 },
        { method: "PATCH", url: `/api/v1/activities/${created.id}?${q}`, data: { version: "one" }, status: 400 },
      ],
      deleteActivity: [
        { method: "DELETE", url: `/api/v1/activities/${doomed.id}?${q}`, status: 204 },
        { method: "DELETE", url: `/api/v1/activities/${doomed.id}?${q}`, token: "om_not-a-real-token", status: 401 },
      ],
      tagText: [
        { method: "POST", url: `/api/v1/tag?${q}`, data: { text: "回复社区帖子32条" }, status: 200 },
        { method: "POST", url: `/api/v1/tag?${q}`, data: { texts: ["回复社区帖子32条", "Signed the sponsorship contract"] }, status: 200 },
        { method: "POST", url: `/api/v1/tag?${q}`, data: { texts: [] }, status: 400 },
      ],
      effortReport: [
        { method: "GET", url: `/api/v1/reports/effort?${q}&from=2026-01-01&to=2026-12-31&groupBy=role,stage,member,week`, token: manager, status: 200 },
        { method: "GET", url: `/api/v1/reports/effort?${q}&groupBy=hour`, status: 400 },
      ],
      weeklyReport: [
        { method: "GET", url: `/api/v1/reports/weekly?${q}&format=feishu`, token: manager, status: 200 },
        { method: "GET", url: `/api/v1/reports/weekly?${q}&day=2026-11-20`, status: 200 },
        { method: "GET", url: `/api/v1/reports/weekly?${q}&week=2026-49`, status: 400 },
      ],
    };
    type Operation = { operationId?: string; responses?: Record<string, { content?: Record<string, unknown> }> };
    const pointer = (...parts: string[]) => parts.map((part) => "/" + part.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
    const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([route, item]) =>
      Object.entries(item)
        .filter(([method]) => method !== "parameters")
        .map(([method, operation]) => ({ ...operation, at: pointer("paths", route, method) })),
    );
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(calls).sort());
    for (const operation of operations) {
      for (const call of calls[operation.operationId!]!) {
        const label = `${operation.operationId} ${call.method} ${call.url} → ${call.status}`;
        const response = await request.fetch(call.url, { method: call.method, data: call.data, headers: { ...auth(call.token ?? member), ...call.headers } });
        expect(response.status(), label).toBe(call.status);
        const documented = operation.responses?.[String(call.status)];
        expect(documented, `${label}: status documented`).toBeTruthy();
        if (!documented!.content?.["application/json"]) {
          expect(await response.text(), label).toBe("");
          continue;
        }
        const validate = ajv.getSchema(`openapi.json#${operation.at}${pointer("responses", String(call.status), "content", "application/json", "schema")}`)!;
        const body = await response.json();
        expect(validate(body) ? [] : validate.errors, `${label}: ${JSON.stringify(body).slice(0, 200)}`).toEqual([]);
      }
    }
  });
});
