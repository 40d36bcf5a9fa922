// `npm start` / `npm run dev`: make sure the database is up and migrated, then run Next.
// Without DATABASE_URL this process hosts the embedded PGlite server for as long as the app runs.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, type ReadyDatabase } from "../lib/db/migrate";
import { dataDir } from "../lib/db/url";
import { buildIfNeeded } from "./build-if-needed";

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
  if (!dev && !args.has("--no-build") && !buildIfNeeded()) {
    await database.close();
    fail("the build failed (see above).");
  }

  // Production: scripts/serve.ts (Next's handler behind the overload gate). Development: `next dev` as it is.
  const childArgs = dev
    ? [require.resolve("next/dist/bin/next"), "dev", "-p", port, ...(process.env.HOSTNAME && process.env.HOSTNAME !== "0.0.0.0" ? ["-H", process.env.HOSTNAME] : [])]
    : ["--import", "tsx", path.join(root, "scripts", "serve.ts")];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NODE_ENV: dev ? "development" : "production" };
  const child = spawn(process.execPath, childArgs, { cwd: root, stdio: "inherit", env });
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
