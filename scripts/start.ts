// `npm start` / `npm run dev`: make sure the database is up and migrated, then run Next.
// Without DATABASE_URL this process hosts the embedded PGlite server for as long as the app runs.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, type ReadyDatabase } from "../lib/db/migrate";
import { dataDir } from "../lib/db/url";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const root = path.resolve(__dirname, "..");
process.env.NEXT_TELEMETRY_DISABLED = "1";

function fail(message: string): never {
  console.error(`OpsMix: ${message}`);
  process.exit(1);
}

/** The session-signing secret: required with an external database, generated once and kept for the embedded one. */
function ensureSecret(): void {
  if (process.env.NEXTAUTH_SECRET) return;
  if (process.env.DATABASE_URL) {
    fail("NEXTAUTH_SECRET is required when DATABASE_URL is set (use the same value on every instance), e.g. NEXTAUTH_SECRET=$(openssl rand -base64 32).");
  }
  const file = path.join(dataDir(), "secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}

/** A fingerprint of the sources, so `npm start` rebuilds after a pull and not otherwise. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith(".test.ts")) hash.update(`${full}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(root, dir));
  for (const file of ["next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"]) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(`${file}:${statSync(full).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const marker = path.join(root, ".next", "opsmix-build");
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint;
  if (built || args.has("--no-build")) return;
  console.log("OpsMix: building the app (first start or changed sources)…");
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) fail("the build failed (see above).");
  writeFileSync(marker, fingerprint);
}

async function main() {
  ensureSecret();
  const port = process.env.PORT ?? "3000";
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  let database: ReadyDatabase;
  try {
    database = await ensureDatabase({ handleSignals: false });
  } catch (error) {
    fail(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
  const { applied } = database.migrations;
  if (applied.length) console.log(`OpsMix: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  if (database.mode === "embedded") {
    process.env.DATABASE_URL = database.url;
    process.env.OPSMIX_EMBEDDED = "1";
    console.log(`OpsMix: embedded database in ${dataDir()} (PGlite on ${database.url.replace(/\/\/[^@]*@/, "//")})`);
  }
  if (!dev) buildIfNeeded();

  const nextArgs = [require.resolve("next/dist/bin/next"), dev ? "dev" : "start", "-p", port];
  if (process.env.HOSTNAME && process.env.HOSTNAME !== "0.0.0.0") nextArgs.push("-H", process.env.HOSTNAME);
  const child = spawn(process.execPath, nextArgs, { cwd: root, stdio: "inherit", env: process.env });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  child.on("exit", async (code) => {
    await database.close();
    process.exit(code ?? 0);
  });
}

void main();
