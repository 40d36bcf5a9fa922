// For the reports' and demo's database tests, the same way lib/db's tests do it: a throwaway database on
// DATABASE_URL's server when that is set (never the configured database itself), else an in-memory PGlite served
// on a local port. Migrated like the app's; the shared Prisma client is pointed at it before its first query.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { disconnectPrisma } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { servePGlite } from "@/lib/db/pglite-server";

export async function openTestDatabase(): Promise<{ close(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  let drop: () => Promise<void>;
  if (serverUrl) {
    const name = `opsmix_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    drop = async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
      process.env.DATABASE_URL = serverUrl;
    };
  } else {
    const db = new PGlite("memory://");
    await db.waitReady;
    const server = await servePGlite(db, { maxConnections: 8 });
    process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres`;
    process.env.OPSMIX_EMBEDDED = "1";
    drop = async () => {
      await server.stop();
      await db.close();
      delete process.env.DATABASE_URL;
      delete process.env.OPSMIX_EMBEDDED;
    };
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  return {
    async close() {
      await disconnectPrisma();
      await drop();
    },
  };
}
