// Authorization, proven per door: every server action and route handler (inventoried from the source, so a new
// one without a row fails), for every actor and every kind of record, with the database re-read after each
// refusal. Requests carry the CVE-2025-29927 header that once skipped middleware: no door relies on a proxy.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import {
  ACTORS,
  builtServerActions,
  changedTables,
  closeDatabase,
  disableWithCli,
  disposeActors,
  fingerprint,
  makeActors,
  sql,
  sqlToken,
  sqlUser,
  type ActorName,
  type Outcome,
} from "./security-support";
import { SURFACES, type Expectation, type MatrixWorld, type Scope, type Surface } from "./security-surfaces";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "generated" && !entry.name.startsWith(".")) walk(full, found);
    } else found.push(full.split(path.sep).join("/"));
  }
  return found;
}

/** Every route handler export ("app/.../route.ts#GET") and every export of a "use server" module. */
function inventory(): { routes: string[]; actions: string[] } {
  const routes = walk("app")
    .filter((file) => /\/route\.(ts|tsx|js)$/.test(file))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const exported = new Set<string>();
      for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+(\w+)/g)) exported.add(match[1]!);
      for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
        for (const part of match[1]!.split(",")) exported.add(part.trim().split(/\s+as\s+/).pop()!.trim());
      }
      return [...exported].filter((name) => HTTP_METHODS.includes(name)).map((method) => `${file}#${method}`);
    });
  const actions = ["app", "lib", "components"]
    .flatMap((dir) => walk(dir))
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .filter((file) => /^\s*["']use server["'];?/.test(readFileSync(file, "utf8").replace(/^(\s*\/\/.*\n)+/, "")))
    .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export\s+async\s+function\s+(\w+)/g)].map((match) => `${file}#${match[1]}`));
  return { routes: routes.sort(), actions: actions.sort() };
}

function expectedFor(surface: Surface, actor: ActorName, scope: Scope): Outcome {
  const expectation: Expectation = surface.expected[actor];
  if (typeof expectation === "string") return expectation;
  const outcome = expectation[scope] ?? expectation._;
  if (!outcome) throw new Error(`${surface.key}: no expectation for ${actor} / ${scope}`);
  return outcome;
}

test.describe("authorization matrix", () => {
  test.describe.configure({ mode: "serial" });
  let m: MatrixWorld;

  test.beforeAll(async ({ workerWorld: world }) => {
    test.setTimeout(120_000);
    const actors = await makeActors(world);
    // The team-mates who own "team" records: memberA2 (made by the fixtures) and a second member of team B.
    const memberA2Id = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [world.memberA2.email]))[0]!.id;
    const mateB = await sqlUser(world.memberB, "mate-b", { team: world.teamB, role: "member" });
    const scratchAdmin = await sqlUser(world.adminA, "scratch-admin");
    const scratchTeam = `scratch-${scratchAdmin.id.slice(-8)}`;
    await sql(`INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ($1, $2, 'Scratch', now())`, [`${scratchAdmin.id}t`, scratchTeam]);
    // Its admin makes the invites; an invite works only while its maker is an admin of the team.
    await sql(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'admin')`, [`${scratchAdmin.id}m`, `${scratchAdmin.id}t`, scratchAdmin.id]);
    m = {
      world,
      actors,
      actions: builtServerActions(),
      mates: {
        [world.teamA]: { id: memberA2Id, token: (await sqlToken(memberA2Id)).token },
        [world.teamB]: { id: mateB.id, token: (await sqlToken(mateB.id)).token },
      },
      scratchTeam,
      scratchAdminId: scratchAdmin.id,
      demoSlug: async () => (await sql<{ slug: string }>(`SELECT slug FROM "Team" WHERE "isDemo" ORDER BY "createdAt" LIMIT 1`))[0]?.slug ?? null,
    };
    // Signed in and holding a token first, then disabled by an operator: both must stop working at once.
    disableWithCli(actors.disabled.user!);
  });

  test.afterAll(async () => {
    if (m) await disposeActors(m.actors);
    await closeDatabase();
  });

  test("every route handler and server action has a row, and every action is in the build", () => {
    const { routes, actions } = inventory();
    const covered = new Set(SURFACES.map((surface) => surface.key));
    expect(routes.length).toBeGreaterThan(10);
    expect(actions.length).toBeGreaterThan(20);
    expect([...routes, ...actions].filter((key) => !covered.has(key)), "handlers or actions without a matrix row").toEqual([]);
    expect([...covered].filter((key) => !routes.includes(key) && !actions.includes(key)), "matrix rows for code that no longer exists").toEqual([]);
    const built = builtServerActions();
    expect(actions.filter((key) => !built.has(key)), "actions missing from the build (cannot be called as tested)").toEqual([]);
    for (const surface of SURFACES) {
      for (const actor of ACTORS) expect(surface.expected[actor], `${surface.key} has no expectation for ${actor}`).toBeDefined();
    }
  });

  test("protection lives in the handlers, not in a proxy", () => {
    // A proxy (middleware) may enforce transport limits, never who may do what: the matrix above passes with the
    // proxy skipped (its requests carry the header that skipped middleware before CVE-2025-29927 was fixed), and
    // the proxy may not even look at sessions.
    for (const file of ["proxy.ts", "middleware.ts", "proxy.js", "middleware.js", "src/proxy.ts", "src/middleware.ts"]) {
      if (!existsSync(file)) continue;
      const source = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
      expect(source, `${file} must not make authorization decisions`).not.toMatch(/next-auth|getToken|session|cookies|@\/lib\/auth|@\/lib\/teams|signin/i);
    }
  });

  const ordered = [...SURFACES.filter((s) => !s.last), ...SURFACES.filter((s) => s.last)];
  const groups: [string, (s: Surface) => boolean][] = [
    ["server actions", (s) => s.key.startsWith("lib/") && !s.last],
    ["REST API and route handlers", (s) => s.key.startsWith("app/")],
    ["actions that end sessions", (s) => Boolean(s.last)],
  ];

  for (const [title, belongs] of groups) {
    test(title, async () => {
      test.setTimeout(420_000); // the demo row seeds a whole demo workspace per signed-in actor
      const failures: string[] = [];
      for (const surface of ordered.filter(belongs)) {
        for (const actorName of ACTORS) {
          const actor = m.actors[actorName];
          const signedOut = actorName === "anonymous" || actorName === "disabled";
          const scopes: Scope[] = signedOut ? [surface.scopes.includes("self") ? "self" : surface.scopes.includes("team") ? "team" : "home"] : surface.scopes;
          for (const scope of scopes) {
            const home = actor.home || m.world.teamA;
            const other = home === m.world.teamA ? m.world.teamB : m.world.teamA;
            const target = {
              slug: scope === "foreign" ? other : home,
              recordTeam: scope === "other" || scope === "foreign" ? other : home,
            };
            const expected = expectedFor(surface, actorName, scope);
            let got: Outcome;
            let before = null;
            try {
              const call = await surface.prepare(m, actor, scope, target);
              // A refused write must change nothing; a read (GET) must change nothing whatever its answer.
              before = (expected !== "ok" && surface.writes) || !surface.writes ? await fingerprint() : null;
              got = await call();
            } catch (error) {
              got = "error";
              failures.push(`${surface.key}${surface.variant ? ` (${surface.variant})` : ""} as ${actorName} on ${scope}: threw ${String(error).slice(0, 200)}`);
              continue;
            }
            const label = `${surface.key}${surface.variant ? ` (${surface.variant})` : ""} as ${actorName} on ${scope}`;
            if (got !== expected) failures.push(`${label}: expected ${expected}, got ${got}`);
            if (before) {
              const changed = changedTables(before, await fingerprint());
              if (changed.length) failures.push(`${label}: ${surface.writes ? `refused (${got})` : "a read"} but changed ${changed.join(", ")}`);
            }
          }
        }
      }
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});
