// One way into a team, checked over the source: every page, route handler and server action starts from the
// context helpers (lib/teams/context.ts, the API's apiHandler) instead of reading the session or Prisma itself,
// and lib/auth and lib/teams do not import each other both ways.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

const ROOT = path.resolve(__dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : walk(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [rel] : [];
  });
}

const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const isServerActions = (file: string) => /^\s*["']use server["'];?/.test(source(file).replace(/^(\s*\/\/.*\n)+/, ""));

/** Every surface: pages, route handlers and "use server" modules. */
export function surfaces(): string[] {
  const app = walk("app").filter((file) => /\/(page\.tsx|route\.ts)$/.test(file));
  const actions = ["app", "lib", "components"].flatMap(walk).filter(isServerActions);
  return [...app, ...actions].sort();
}

/** What a surface must not do itself: read the session, resolve a team, or query the database. */
const DIRECT_ACCESS: [RegExp, string][] = [
  [/from\s+["']@\/lib\/db\/(client|generated[^"']*)["']/, "imports the Prisma client"],
  [/from\s+["']next-auth(\/[^"']*)?["']/, "imports next-auth"],
  [/\bgetServerSession\s*\(/, "reads the session (getServerSession)"],
  [/\bgetViewer\s*\(/, "reads the session (getViewer)"],
  [/\brequireViewer\s*\(/, "reads the session (requireViewer)"],
  [/\bfindTeamAccess\s*\(/, "resolves the team itself (findTeamAccess)"],
  [/\brequireTeamAccess\s*\(/, "resolves the team itself (requireTeamAccess)"],
  [/\brequireTeamPermission\s*\(/, "resolves the team itself (requireTeamPermission)"],
  [/\bprisma\s*\./, "queries Prisma"],
];

/** next-auth's own endpoint is the session machinery itself. */
const NEXT_AUTH_ROUTE = "app/api/auth/[...nextauth]/route.ts";

export function directAccess(file: string, text = source(file)): string[] {
  return DIRECT_ACCESS.filter(([pattern, what]) => !(file === NEXT_AUTH_ROUTE && what === "imports next-auth") && pattern.test(text)).map(([, what]) => what);
}

/** The module specifiers a file imports (static imports, re-exports and dynamic imports). */
export function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

function resolveRoom(file: string, specifier: string): string | null {
  const target = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.join(path.dirname(file), specifier) : null;
  const match = target && /^lib\/([^/]+)/.exec(target);
  return match ? match[1]! : null;
}

describe("surfaces go through the context helpers", () => {
  it("finds the surfaces (so the check below cannot pass by finding nothing)", () => {
    const all = surfaces();
    assert.ok(all.filter((f) => f.endsWith("page.tsx")).length > 15, "pages");
    assert.ok(all.filter((f) => f.endsWith("route.ts")).length > 5, "routes");
    assert.ok(all.filter((f) => f.startsWith("lib/")).length >= 6, "server action modules");
  });

  it("no page, route handler or server action reads the session, resolves its team or queries Prisma itself", () => {
    const offenders = surfaces().flatMap((file) => directAccess(file).map((what) => `${file}: ${what}`));
    assert.deepEqual(offenders, []);
  });

  it("every team page, team route and API route names its way in", () => {
    const missing: string[] = [];
    for (const file of surfaces()) {
      const text = source(file);
      if (/^app\/\(workspace\)\/t\/\[team\]\/.*page\.tsx$/.test(file) && !/\b(teamPage|teamPageWithLocale|learnContext|loadDashboardContext)\(/.test(text)) missing.push(file);
      // A route's handlers are wrapped by its surface's helper; a plain function only serves something public
      // and static (the import template, the OpenAPI document).
      const wrapper = /^app\/\(workspace\)\/t\/\[team\]\//.test(file) ? "teamRoute" : /^app\/api\/v1\//.test(file) ? "apiHandler" : null;
      if (wrapper && file.endsWith("route.ts")) {
        for (const m of text.matchAll(/export\s+(?:async\s+function\s+(GET|POST|PUT|PATCH|DELETE)\b|const\s+(GET|POST|PUT|PATCH|DELETE)\s*=\s*(\w+))/g)) {
          const plainAllowed = /force-static/.test(text) || file.includes("openapi");
          if (m[1] ? !plainAllowed : m[3] !== wrapper) missing.push(`${file}#${m[1] ?? m[2]}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it("the check itself catches a page that reads the session or Prisma", () => {
    const page = `import { getViewer } from "@/lib/auth/session";\nimport { prisma } from "@/lib/db/client";\nexport default async function P() { const v = await getViewer(); return prisma.user.count(); }`;
    assert.deepEqual(directAccess("app/x/page.tsx", page), ["imports the Prisma client", "reads the session (getViewer)", "queries Prisma"]);
    assert.deepEqual(directAccess("app/x/page.tsx", `import { teamPage } from "@/lib/teams/context";`), []);
  });
});

describe("lib/auth and lib/teams", () => {
  // Server-action modules are surfaces (like pages): they compose rooms. The rooms themselves run one way only:
  // lib/teams builds on lib/auth (viewers, accounts), never the reverse.
  const rooms = (room: string) => walk(`lib/${room}`).filter((file) => !isServerActions(file));
  const listing = (from: string, to: string) =>
    rooms(from).flatMap((file) => importsOf(source(file)).filter((spec) => resolveRoom(file, spec) === to).map((spec) => `${file} → ${spec}`));

  it("lib/teams imports lib/auth, and no lib/auth module imports lib/teams", () => {
    assert.ok(listing("teams", "auth").length > 0, "the listing sees lib/teams → lib/auth imports");
    assert.deepEqual(listing("auth", "teams"), []);
  });

  it("the listing reads relative and aliased imports", () => {
    assert.deepEqual(importsOf(`import { a } from "@/lib/teams/x";\nimport type { B } from "../teams/y";\nexport { c } from "./z";\nawait import("@/lib/teams/w");`), ["@/lib/teams/x", "../teams/y", "./z", "@/lib/teams/w"]);
    assert.equal(resolveRoom("lib/auth/a.ts", "../teams/y"), "teams");
    assert.equal(resolveRoom("lib/auth/a.ts", "./z"), "auth");
  });
});
