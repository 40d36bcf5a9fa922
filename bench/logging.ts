// Logging benchmark: a 10,000-row CSV import (preview + all-or-nothing commit) and entries/s through the REST API.
//
//   node --conditions=react-server --import tsx bench/logging.ts [--rows 10000] [--runs 3] [--api-seconds 15]
//
// Database: DATABASE_URL (PostgreSQL), else a throwaway embedded PGlite. The API part needs a production build
// (npm run build): it starts the app on --port (default 3391) and posts entries over loopback only.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
    "api-seconds": { type: "string", default: "15" },
    port: { type: "string", default: "3391" },
  },
});
const ROOT = path.resolve(__dirname, "..");
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const API_SECONDS = Number(args["api-seconds"]);
const PORT = Number(args.port);

let dataDir: string | null = null;
if (!process.env.DATABASE_URL) {
  dataDir = mkdtempSync(path.join(tmpdir(), "opsmix-bench-logging-"));
  process.env.OPSMIX_DATA_DIR = dataDir;
}
process.env.NEXTAUTH_SECRET ??= "bench-secret-000000000000000000000000";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const PHRASES = ["回复社区帖子{n}条", "Ran the Tuesday live class, {n} attendees", "整理用户反馈{n}条提给产品", "小红书笔记{n}篇", "和读书App谈换量第{n}轮", "投放信息流广告,CPA {n} 元", "会员群答疑{n}人次", "写了一篇学习方法帖子,阅读{n}"];

async function main() {
  const { ensureDatabase } = await import("../lib/db/migrate");
  const { prisma, disconnectPrisma } = await import("../lib/db/client");
  const { createTeam, createUser, addMembership } = await import("../lib/teams/mutations");
  const { commitImport } = await import("../lib/activities/import");
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const database = await ensureDatabase({ handleSignals: false });
  process.env.DATABASE_URL = database.url;
  if (database.mode === "embedded") process.env.OPSMIX_EMBEDDED = "1";
  const engine = database.mode === "server" ? "PostgreSQL" : "embedded PGlite";
  const id = Date.now().toString(36);
  const team = await createTeam({ slug: `bench-${id}`, name: "Bench" });
  const user = await createUser({ email: `bench-${id}@example.test`, password: `bench-pass-${id}`, name: "Bench" });
  await addMembership({ teamSlug: team.slug, userId: user.id, role: "manager" });
  const access = { teamId: team.id, slug: team.slug, name: "Bench", timeZone: "Asia/Shanghai", role: "manager" as const, userId: user.id };

  const importTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const lines = ["date,email,text,minutes"];
    for (let i = 0; i < ROWS; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      lines.push(`2026-10-${day},${user.email},"${PHRASES[i % PHRASES.length]!.replace("{n}", String(run * ROWS + i))}",${15 + (i % 90)}`);
    }
    const bytes = new TextEncoder().encode(lines.join("\n"));
    const started = performance.now();
    const result = await commitImport(access, bytes);
    importTimes.push(performance.now() - started);
    if (result.errors.length || result.created !== ROWS) throw new Error(`import run ${run}: ${result.errors.length} errors, ${result.created} created`);
  }
  console.log(`[${engine}] CSV import of ${ROWS} rows (validate + tag + one transaction): median ${(median(importTimes) / 1000).toFixed(2)} s over ${RUNS} runs (${importTimes.map((t) => (t / 1000).toFixed(2)).join(", ")})`);

  const { token } = await createApiToken(user.id, "bench");
  await disconnectPrisma();
  const app = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NEXTAUTH_URL: `http://127.0.0.1:${PORT}` },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`${base}/api/v1/openapi.json`)).ok) break;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Warm-up: the first tagging request of a process builds the base model.
    await fetch(`${base}/api/v1/tag`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"text":"warm up"}' });
    for (const [batch, concurrency] of [[1, 8], [100, 2]] as const) {
      let entries = 0;
      let errors = 0;
      const deadline = Date.now() + API_SECONDS * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          let n = 0;
          while (Date.now() < deadline) {
            const activities = Array.from({ length: batch }, (_, k) => ({ text: `${PHRASES[(n + k) % PHRASES.length]!.replace("{n}", String(n))} w${worker}`, minutes: 30 }));
            const response = await fetch(`${base}/api/v1/activities`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify(batch === 1 ? activities[0] : { activities }),
            });
            const body = await response.text();
            if (response.status === 201) entries += batch;
            else if (errors++ === 0) console.error(`first error: HTTP ${response.status} ${body.slice(0, 200)}`);
            n++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(`[${engine}] API POST /api/v1/activities, ${batch} per request, ${concurrency} concurrent: ${(entries / seconds).toFixed(0)} entries/s (${errors} errors, ${API_SECONDS} s)`);
    }
  } finally {
    app.kill("SIGTERM");
    await prisma.$disconnect().catch(() => {});
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
