// Connection settings from the environment. Kept apart from client.ts so that processes which only need the
// numbers (the HTTP front in scripts/serve.ts) do not load Prisma.
import { resolveDatabase, type DatabaseMode } from "./url";

export interface DatabaseSettings {
  mode: DatabaseMode;
  url: string;
  poolSize: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
}

// PGlite runs one statement at a time on one shared session, so more connections add no parallelism. Two keep the
// server busy while a result travels back (about twice the throughput of one, measured); beyond that, requests only
// queue inside the server, where no acquire timeout applies.
const EMBEDDED_POOL_SIZE = 2;

/** Connection settings from the environment: DB_POOL_SIZE, DB_ACQUIRE_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS. */
export function databaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const { mode, url } = resolveDatabase(env);
  return {
    mode,
    url,
    poolSize: mode === "embedded" ? EMBEDDED_POOL_SIZE : positiveInteger(env, "DB_POOL_SIZE", 10),
    acquireTimeoutMs: positiveInteger(env, "DB_ACQUIRE_TIMEOUT_MS", 5000),
    statementTimeoutMs: positiveInteger(env, "DB_STATEMENT_TIMEOUT_MS", 15000),
  };
}

export function positiveInteger(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}".`);
  return value;
}
