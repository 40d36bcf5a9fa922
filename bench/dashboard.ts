// Dashboard benchmark: generates N activities for one team (in SQL, spread over two years, realistic skew),
// times the overview's queries, the members view and the API report, then (with --render) the dashboard page's
// server render through `next start` and the page's first-load JS (gzip). Prints p50/p95 per case.
//
//   node --conditions=react-server --import tsx bench/dashboard.ts [--sizes 100000,1000000] [--runs 30] [--render]
//
// Database: DATABASE_URL (PostgreSQL), else a throwaway embedded PGlite served by this process, like the app's.
// --render needs a production build (npm run build) and starts the app on --port (default 3390).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000" },
    runs: { type: "string", default: "30" },
    render: { type: "boolean", default: false },
    port: { type: "string", default: "3390" },
    keep: { type: "boolean", default: false },
  },
});
const SIZES = args.sizes!.split(",").map((s) => Number(s.trim()));
const RUNS = Number(args.runs);
const PORT = Number(args.port);
const ROOT = path.resolve(__dirname, "..");

// Seeding a million rows takes longer than the app's 15 s statement timeout; queries are timed, not limited.
process.env.DB_STATEMENT_TIMEOUT_MS ??= "600000";
let dataDir: string | null = null;
if (!process.env.DATABASE_URL) {
  dataDir = mkdtempSync(path.join(tmpdir(), "opsmix-bench-"));
  process.env.OPSMIX_DATA_DIR = dataDir;
}

async function main(): Promise<void> {
  // Imported after the environment is set: the client resolves its database on first use.
  const { ensureDatabase } = await import("../lib/db/migrate");
  const { prisma, disconnectPrisma } = await import("../lib/db/client");
  const { getOverview } = await import("../lib/reports/overview");
  const { getMemberBoard } = await import("../lib/reports/members");
  const { effortReport } = await import("../lib/reports/effort-report");
  const { presetRange } = await import("../lib/reports/range");
  const { createUser } = await import("../lib/teams/mutations");
  const { todayIn } = await import("../lib/activities/rules");
  
  const database = await ensureDatabase({ handleSignals: false });
  const engine = database.mode === "server" ? "PostgreSQL" : "PGlite (embedded, pglite-socket)";
  
  function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }
  
  async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
    for (let i = 0; i < 3; i++) await fn(); // warm-up: plans, caches, JIT
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await fn();
      samples.push(performance.now() - started);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
  }
  
  const PASSWORD = "bench-Opsmix-pass-1!";
  
  /** A team with 8 members and a manager who can sign in, and `size` activities over the last two years. */
  async function seedTeam(size: number): Promise<{ teamId: string; slug: string; managerId: string; managerEmail: string; memberId: string }> {
    const tag = `${size}-${Date.now().toString(36)}`;
    const slug = `bench-${tag}`.slice(0, 40);
    const team = await prisma.team.create({ data: { slug, name: `Bench ${size}` }, select: { id: true } });
    const managerEmail = `bench-manager-${tag}@example.test`;
    const manager = await createUser({ email: managerEmail, password: PASSWORD, name: "Bench manager" });
    await prisma.membership.create({ data: { teamId: team.id, userId: manager.id, role: "manager" } });
    const authors: string[] = [manager.id];
    for (let i = 0; i < 7; i++) {
      const user = await prisma.user.create({ data: { email: `bench-${i}-${tag}@example.test`, name: `Member ${i}`, passwordHash: "x" }, select: { id: true } });
      await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
      authors.push(user.id);
    }
    const today = todayIn("Asia/Shanghai");
    const batch = 50_000;
    const started = performance.now();
    for (let offset = 0; offset < size; offset += batch) {
      const count = Math.min(batch, size - offset);
      // Logged day by day like the app writes them (dates ascending, some a day late), skewed roles and stages
    // (a few dominate, referral is rare), 70% with minutes, 15% flagged for review, 1% deleted.
      await prisma.$executeRawUnsafe(
        `INSERT INTO "Activity" ("id", "teamId", "authorId", "text", "dateWorked", "minutes", "role", "stage", "tagSource",
           "roleConfidence", "stageConfidence", "needsReview", "deletedAt", "createdAt", "updatedAt")
         SELECT 'bench-' || $1 || '-' || g, $2, ($3::text[])[1 + (g % 8)], 'bench entry ' || g,
           $4::date - 729 + floor((g - 1)::float8 * 730 / $7)::int - (random() < 0.15)::int,
           CASE WHEN random() < 0.7 THEN 15 + floor(random() * 165)::int END,
           (ARRAY['user','content','community','new_media','business','product','activity','marketing']::"OpsRole"[])[1 + floor(power(random(), 1.6) * 8)::int],
           (ARRAY['activation','retention','acquisition','connection','referral']::"FunnelStage"[])[1 + floor(power(random(), 1.8) * 5)::int],
           'auto', random(), random(), random() < 0.15, CASE WHEN random() < 0.01 THEN now() END, now(), now()
         FROM generate_series($5::int, $6::int) AS g`,
        tag, team.id, authors, today, offset + 1, offset + count, size,
      );
    }
    // What autovacuum does soon after a bulk of inserts on a real server: statistics and the visibility map.
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Activity"`);
    console.log(`  seeded ${size.toLocaleString("en")} activities in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { teamId: team.id, slug, managerId: manager.id, managerEmail, memberId: authors[3]! };
  }
  
  interface Row {
    size: number;
    case: string;
    p50: number;
    p95: number;
  }
  
  async function timeQueries(size: number, seeded: Awaited<ReturnType<typeof seedTeam>>): Promise<Row[]> {
    const today = todayIn("Asia/Shanghai");
    const team = { teamId: seeded.teamId, authorId: null };
    const access = { teamId: seeded.teamId, slug: seeded.slug, name: "", timeZone: "Asia/Shanghai", role: "manager" as const, userId: seeded.managerId };
    const cases: [string, () => Promise<unknown>][] = [
      ["overview, this week", () => getOverview(team, presetRange("this-week", today), "count")],
      ["overview, last 4 weeks, minutes", () => getOverview(team, presetRange("last-4-weeks", today), "minutes")],
      ["overview, last 12 weeks", () => getOverview(team, presetRange("last-12-weeks", today), "count")],
      ["overview, one member, 12 weeks", () => getOverview({ teamId: seeded.teamId, authorId: seeded.memberId }, presetRange("last-12-weeks", today), "count")],
      ["members view, last 4 weeks", () => getMemberBoard(team, presetRange("last-4-weeks", today), "count")],
      ["API report role,stage,member,week, 12 weeks", () => effortReport(access, { range: presetRange("last-12-weeks", today), groupBy: ["role", "stage", "member", "week"], member: null })],
    ];
    const rows: Row[] = [];
    for (const [name, fn] of cases) {
      const { p50, p95 } = await time(RUNS, fn);
      rows.push({ size, case: name, p50, p95 });
      console.log(`  ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }
    return rows;
  }
  
  async function startApp(): Promise<ChildProcess> {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("--render needs a production build: run `npm run build` first.");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      ...(database.mode === "embedded" ? { OPSMIX_EMBEDDED: "1" } : {}),
      NEXTAUTH_SECRET: "bench-secret-not-for-production-0000000000",
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    };
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr!.on("data", (chunk) => process.stderr.write(`  [next] ${chunk}`));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/signin`)).ok) return child;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    child.kill();
    throw new Error("next start did not answer within 60 s");
  }
  
  /** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
  async function signIn(email: string): Promise<string> {
    const base = `http://127.0.0.1:${PORT}`;
    const csrfResponse = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const cookies = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
      body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
    });
    const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
    if (!session) throw new Error(`sign-in failed (${response.status})`);
    return `${cookies}; ${session}`;
  }
  
  async function timeRender(size: number, seeded: Awaited<ReturnType<typeof seedTeam>>, cookie: string): Promise<{ rows: Row[]; firstLoadKb: number; scripts: number }> {
    const url = `http://127.0.0.1:${PORT}/t/${seeded.slug}/dashboard`;
    const load = async (target: string) => {
      const response = await fetch(target, { headers: { cookie, "accept-language": "zh-CN" } });
      const html = await response.text();
      if (response.status !== 200 || !html.includes('data-testid="heatmap"')) throw new Error(`render failed: ${response.status}`);
      return html;
    };
    const rows: Row[] = [];
    for (const [name, target] of [["page render, this week", url], ["page render, last 12 weeks", `${url}?range=last-12-weeks`]] as const) {
      const { p50, p95 } = await time(RUNS, () => load(target));
      rows.push({ size, case: name, p50, p95 });
      console.log(`  ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }
    // First-load JS: every script the initial HTML references, gzipped (what a first visit downloads).
    const html = await load(url);
    const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))];
    let bytes = 0;
    for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer()), { level: 9 }).length;
    return { rows, firstLoadKb: bytes / 1024, scripts: sources.length };
  }
  
  const all: Row[] = [];
  let bundle: { firstLoadKb: number; scripts: number } | null = null;
  let app: ChildProcess | null = null;
  try {
    console.log(`Dashboard bench on ${engine}, ${RUNS} runs per case (after 3 warm-up runs)`);
    if (args.render) app = await startApp();
    for (const size of SIZES) {
      console.log(`\n${size.toLocaleString("en")} activities`);
      const seeded = await seedTeam(size);
      all.push(...(await timeQueries(size, seeded)));
      if (app) {
        const result = await timeRender(size, seeded, await signIn(seeded.managerEmail));
        all.push(...result.rows);
        bundle = result;
      }
      if (!args.keep) {
        await prisma.team.delete({ where: { id: seeded.teamId } });
        await prisma.user.deleteMany({ where: { email: { startsWith: "bench-", endsWith: "@example.test" } } });
      }
    }
    console.log(`\n| engine | activities | case | p50 ms | p95 ms |\n|---|---|---|---|---|`);
    for (const row of all) console.log(`| ${engine} | ${row.size.toLocaleString("en")} | ${row.case} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} |`);
    if (bundle) console.log(`\nFirst-load JS of /t/[team]/dashboard: ${bundle.firstLoadKb.toFixed(1)} KB gzip in ${bundle.scripts} scripts`);
  } finally {
    if (app) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill();
      await exited;
    }
    await disconnectPrisma();
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
