// The one Prisma client. Everything that reads or writes the database imports `prisma` from here; nothing else
// constructs a PrismaClient or a pg pool for app data.
import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { PrismaClient } from "./generated/client";
import { databaseSettings, type DatabaseSettings } from "./settings";

export { databaseSettings, type DatabaseSettings };

/** node-postgres options for these settings (also for raw SQL tools that need their own connection). */
export function poolConfig(settings: DatabaseSettings = databaseSettings()): PoolConfig {
  return {
    connectionString: settings.url,
    max: settings.poolSize,
    // pg-pool applies this both to opening a connection and to waiting for a free one.
    connectionTimeoutMillis: settings.acquireTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: "opsmix",
    // A server enforces statement_timeout itself. PGlite ignores it (no timers in WebAssembly), so the client
    // gives up waiting instead; the statement still finishes inside PGlite.
    ...(settings.mode === "server"
      ? { statement_timeout: settings.statementTimeoutMs }
      : { query_timeout: settings.statementTimeoutMs }),
  };
}

export function createPrismaClient(settings: DatabaseSettings = databaseSettings()): PrismaClient {
  const adapter = new PrismaPg(poolConfig(settings), {
    onPoolError: (error) => console.error(`[db] idle connection failed: ${error.message}`),
  });
  return new PrismaClient({
    adapter,
    transactionOptions: { maxWait: settings.acquireTimeoutMs },
    log: process.env.DB_LOG_QUERIES === "1" ? ["query", "warn", "error"] : ["warn", "error"],
  });
}

// Kept on globalThis in every environment: development reloads re-evaluate this module, and Next can load it into
// more than one bundle layer; either way a second client would mean a second pool.
const cache = globalThis as typeof globalThis & { __opsmixPrisma?: PrismaClient };

/** The shared client, created on first use so that importing this module never needs a database. */
export function getPrisma(): PrismaClient {
  cache.__opsmixPrisma ??= createPrismaClient();
  return cache.__opsmixPrisma;
}

/** Closes the shared client's pool (CLI commands and tests call this before exiting). */
export async function disconnectPrisma(): Promise<void> {
  const client = cache.__opsmixPrisma;
  cache.__opsmixPrisma = undefined;
  await client?.$disconnect();
}

/** The shared client. Lazy: the connection is resolved on first property access, not at import. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
