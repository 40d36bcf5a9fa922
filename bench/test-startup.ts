// What a test's start-up costs: a fresh in-memory PGlite (initdb) plus migrations, against one loaded from the copy
// lib/reports/test-database.ts keeps; and one admin CLI command through `npx tsx` against `node --import tsx`.
// Both alternate, several rounds; CPU seconds (this process, or the child's) are reported beside the wall time,
// since other work on the machine stretches the wall time but hardly the CPU.
// node --conditions=react-server --import tsx bench/test-startup.ts [--runs 3]
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { startEmbedded } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { servePGlite } from "@/lib/db/pglite-server";
import { openTestDatabase } from "@/lib/reports/test-database";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(work: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: (Date.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

async function freshPGlite(): Promise<void> {
  const db = new PGlite("memory://");
  await db.waitReady;
  const server = await servePGlite(db, { maxConnections: 8 });
  await migrateDatabase(`postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres`);
  await server.stop();
  await db.close();
}

async function fromCopy(): Promise<void> {
  const database = await openTestDatabase();
  await database.close();
}

/** One CLI command's wall time and its process tree's CPU time (bash's `time`, children included). */
function cliCommand(command: string[], dataDir: string): Promise<{ wall: number; cpu: number }> {
  const started = Date.now();
  const script = `TIMEFORMAT='%U %S'; { time ${command.join(" ")} team:create --slug bench-$RANDOM$RANDOM --name Bench >/dev/null; } 2>&1`;
  return new Promise((resolve, reject) => {
    // Asynchronous: this process serves the embedded database the command talks to.
    execFile("bash", ["-c", script], { env: { ...process.env, OPSMIX_DATA_DIR: dataDir }, encoding: "utf8" }, (error, stdout) => {
      if (error) return reject(error);
      const [user, system] = stdout.trim().split("\n").pop()!.split(" ").map(Number);
      resolve({ wall: (Date.now() - started) / 1000, cpu: user! + system! });
    });
  });
}

async function main(): Promise<void> {
  delete process.env.DATABASE_URL;
  await fromCopy(); // makes the copy if there is none yet
  const fresh: { wall: number; cpu: number }[] = [];
  const copied: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    fresh.push(await timed(freshPGlite));
    copied.push(await timed(fromCopy));
  }
  // The CLI against a running embedded server (this process's), as in the end-to-end tests.
  const dataDir = mkdtempSync(path.join(tmpdir(), "opsmix-bench-cli-"));
  const embedded = await startEmbedded({ dataDir, handleSignals: false });
  await migrateDatabase(embedded.url);
  const viaNpx: { wall: number; cpu: number }[] = [];
  const viaNode: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    viaNpx.push(await cliCommand(["npx", "tsx", "--conditions=react-server", "scripts/cli.ts"], dataDir));
    viaNode.push(await cliCommand(["node", "--conditions=react-server", "--import", "tsx", "scripts/cli.ts"], dataDir));
  }
  await embedded.close();
  const line = (name: string, rows: { wall: number; cpu: number }[]) =>
    console.log(`${name.padEnd(44)} wall ${median(rows.map((r) => r.wall)).toFixed(2)} s  CPU ${median(rows.map((r) => r.cpu)).toFixed(2)} s  (${rows.length} runs)`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  line("PGlite test database, initdb + migrations", fresh);
  line("PGlite test database, from the kept copy", copied);
  line("cli team:create via npx tsx", viaNpx);
  line("cli team:create via node --import tsx", viaNode);
}

void main();
