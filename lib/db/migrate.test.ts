// The committed migrations build exactly schema.prisma, and migrating is safe to repeat and all-or-nothing.
// Runs on a throwaway database of DATABASE_URL's server when that is set, else on an in-memory PGlite.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { defaultMigrationsDir, migrateDatabase, MigrationError, readMigrations } from "./migrate";
import { servePGlite } from "./pglite-server";
import { diagnoseMigrationHistory, diffDatabaseToSchema } from "./schema-engine";

interface ThrowawayDatabase {
  url: string;
  label: string;
  drop(): Promise<void>;
}

async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = new PGlite("memory://");
    await db.waitReady;
    const server = await servePGlite(db, { maxConnections: 8 });
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres`,
      label: "in-memory PGlite",
      async drop() {
        await server.stop();
        await db.close();
      },
    };
  }
  const name = `opsmix_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `PostgreSQL database ${name}`,
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the real migrations plus extra ones, in a temporary directory. */
function migrationsWith(extra: Record<string, string>, edit?: (name: string, sql: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opsmix-migrations-"));
  fs.cpSync(defaultMigrationsDir(), dir, { recursive: true });
  if (edit) {
    for (const { name, sql } of readMigrations(dir)) fs.writeFileSync(path.join(dir, name, "migration.sql"), edit(name, sql));
  }
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("database migrations", () => {
  let database: ThrowawayDatabase;
  const committed = readMigrations();
  const temporaryDirs: string[] = [];

  before(async () => {
    database = await createThrowawayDatabase();
  });

  after(async () => {
    await database?.drop();
    for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("applying every migration to an empty database yields exactly schema.prisma", async () => {
    assert.ok(committed.length > 0, "prisma/migrations holds no migrations");
    const result = await migrateDatabase(database.url);
    assert.deepEqual(result.applied, committed.map((migration) => migration.name), database.label);

    const drift = await diffDatabaseToSchema(database.url);
    assert.equal(drift, null, `the migrated database differs from schema.prisma:\n${drift}`);

    // Prisma's own reading of the history: what `prisma migrate deploy` would check.
    const history = await diagnoseMigrationHistory(database.url);
    assert.deepEqual(history, { editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
  });

  test("running migrate again changes nothing", async () => {
    const before = await query(database.url, `SELECT id, finished_at FROM "_prisma_migrations" ORDER BY started_at`);
    const result = await migrateDatabase(database.url);
    assert.deepEqual(result, { applied: [], alreadyApplied: committed.length });
    const after = await query(database.url, `SELECT id, finished_at FROM "_prisma_migrations" ORDER BY started_at`);
    assert.deepEqual(after, before);
  });

  test("a failing migration is rolled back completely and named in the error", async () => {
    const broken = "29990101000000_broken";
    const dir = migrationsWith({
      [broken]: 'CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\nALTER TABLE "User" ADD COLUMN "extra" TEXT;\nSELECT 1/0;\n',
    });
    temporaryDirs.push(dir);

    await assert.rejects(migrateDatabase(database.url, { migrationsDir: dir }), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.equal(error.migration, broken);
      assert.equal(error.message, `Migration ${broken} failed and was rolled back: division by zero`);
      return true;
    });

    const leftovers = await query<{ table: string | null; column: string | null; recorded: string }>(
      database.url,
      `SELECT to_regclass('"HalfDone"')::text AS table,
              (SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'extra') AS column,
              (SELECT count(*) FROM "_prisma_migrations" WHERE migration_name = '${broken}')::text AS recorded`,
    );
    assert.deepEqual(leftovers, [{ table: null, column: null, recorded: "0" }]);
    assert.equal(await diffDatabaseToSchema(database.url), null, "the failed migration left changes behind");
  });

  test("a syntax error is reported with its line", async () => {
    const dir = migrationsWith({ "29990101000000_typo": '-- a typo\nCREATE TABEL "Oops" ("id" TEXT);\n' });
    temporaryDirs.push(dir);
    await assert.rejects(
      migrateDatabase(database.url, { migrationsDir: dir }),
      /Migration 29990101000000_typo failed at line 2 and was rolled back: syntax error at or near "TABEL"/,
    );
  });

  test("an applied migration that was edited afterwards is refused", async () => {
    const dir = migrationsWith({}, (_name, sql) => `${sql}\n-- edited after it was applied\n`);
    temporaryDirs.push(dir);
    await assert.rejects(migrateDatabase(database.url, { migrationsDir: dir }), /was changed after it was applied/);
  });

  test("an unreachable database is one clear error", async () => {
    await assert.rejects(
      migrateDatabase("postgresql://postgres@127.0.0.1:1/none"),
      /^DatabaseUnreachableError: Cannot reach the database at 127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
    );
  });
});
