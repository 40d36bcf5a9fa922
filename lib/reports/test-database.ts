// For the reports' and demo's database tests, the same way lib/db's tests do it: a throwaway database on
// DATABASE_URL's server when that is set (never the configured database itself), else an in-memory PGlite served
// on a local port. Migrated like the app's; the shared Prisma client is pointed at it before its first query.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { disconnectPrisma } from "@/lib/db/client";
import { migrateDatabase, readMigrations } from "@/lib/db/migrate";
import { servePGlite } from "@/lib/db/pglite-server";

// A new PGlite runs initdb inside WebAssembly: several seconds, most of a database test file's time on 2 cores.
// The first test file to need a database keeps a copy of its freshly migrated data directory; later ones start
// from that copy (about a tenth of the time). The name holds PGlite's version and every migration's checksum, so a
// changed or new migration never meets an old copy; migrateDatabase still runs after loading and checks the history.
function templateFile(): string {
  const packageJson = path.resolve("node_modules", "@electric-sql", "pglite", "package.json");
  const pgliteVersion = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const hash = createHash("sha256").update(pgliteVersion);
  for (const migration of readMigrations()) hash.update(`${migration.name}:${migration.checksum}\n`);
  return path.resolve("node_modules", ".cache", "opsmix-tests", `pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function openPGlite(template: string): Promise<{ db: PGlite; fromTemplate: boolean }> {
  if (existsSync(template)) {
    const db = new PGlite("memory://", { loadDataDir: new Blob([readFileSync(template)]) });
    await db.waitReady;
    return { db, fromTemplate: true };
  }
  const db = new PGlite("memory://");
  await db.waitReady;
  return { db, fromTemplate: false };
}

async function keepTemplate(db: PGlite, template: string): Promise<void> {
  const dump = await db.dumpDataDir("none");
  mkdirSync(path.dirname(template), { recursive: true });
  // Written aside and renamed: test files run side by side must never load a half-written copy.
  const partial = `${template}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, template);
}

export async function openTestDatabase(): Promise<{ close(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  let drop: () => Promise<void>;
  let afterMigrate = async () => {};
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
    const template = templateFile();
    const { db, fromTemplate } = await openPGlite(template);
    const server = await servePGlite(db, { maxConnections: 8 });
    process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres`;
    process.env.OPSMIX_EMBEDDED = "1";
    if (!fromTemplate) afterMigrate = () => keepTemplate(db, template);
    drop = async () => {
      await server.stop();
      await db.close();
      delete process.env.DATABASE_URL;
      delete process.env.OPSMIX_EMBEDDED;
    };
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  await afterMigrate();
  return {
    async close() {
      await disconnectPrisma();
      await drop();
    },
  };
}
