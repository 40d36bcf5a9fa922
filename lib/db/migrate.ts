// Applies the committed migrations (prisma/migrations/<timestamp>_<name>/migration.sql) in order, each in its own
// transaction, under Prisma's advisory lock, and records them in _prisma_migrations exactly as `prisma migrate
// deploy` does, so a database migrated here can later be handed to Prisma's own CLI.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { connectOrStartEmbedded, startEmbedded, type EmbeddedDatabase } from "./embedded";
import { resolveDatabase, type DatabaseMode } from "./url";

export interface Migration {
  name: string;
  sql: string;
  /** sha256 of migration.sql, hex: what Prisma stores in _prisma_migrations.checksum. */
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export interface MigrateOptions {
  migrationsDir?: string;
  /** Progress lines ("Applied 20250101000000_init (120 ms)"). */
  log?: (line: string) => void;
  /** How long to wait for another process's migration run to finish. Default 60 s. */
  lockTimeoutMs?: number;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnreachableError";
  }
}

// The key `prisma migrate deploy` locks, so our runs and Prisma's exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;

// Prisma's own definition (schema-engine, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function defaultMigrationsDir(): string {
  return path.resolve("prisma", "migrations");
}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** The migrations on disk, oldest first (directory names start with a sortable timestamp). */
export function readMigrations(migrationsDir: string = defaultMigrationsDir()): Migration[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!fs.existsSync(file)) return [];
      const sql = fs.readFileSync(file, "utf8");
      return [{ name, sql, checksum: checksumOf(sql) }];
    });
}

/** Applies every pending migration to the database at `connection`. */
export async function migrateDatabase(
  connection: string | pg.ClientConfig,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  if (!fs.existsSync(migrationsDir)) {
    throw new MigrationError(`No migrations directory at ${migrationsDir}: run this from the project root.`);
  }
  const migrations = readMigrations(migrationsDir);
  const log = options.log ?? (() => {});
  const client = await connect(connection);
  try {
    await acquireLock(client, options.lockTimeoutMs ?? 60_000);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const applied = await appliedMigrations(client);
      checkHistory(migrations, applied, log);

      const result: MigrateResult = { applied: [], alreadyApplied: 0 };
      for (const migration of migrations) {
        if (applied.has(migration.name)) {
          result.alreadyApplied++;
          continue;
        }
        const started = Date.now();
        if (await applyMigration(client, migration)) {
          result.applied.push(migration.name);
          log(`Applied ${migration.name} (${Date.now() - started} ms)`);
        } else {
          result.alreadyApplied++;
        }
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ReadyDatabase {
  mode: DatabaseMode;
  url: string;
  /** The embedded server: run by this process (owned) or, with `shared`, by another OpsMix process. */
  embedded?: EmbeddedDatabase;
  migrations: MigrateResult;
  /** Closes the embedded server if this process owns it; nothing to do for a PostgreSQL server. */
  close(): Promise<void>;
}

/**
 * For `npm start`: with DATABASE_URL, migrate that server; otherwise start the embedded server in this process
 * (failing if another process holds the data directory) and migrate it. Keep the process alive while the app runs.
 * With `{ shared: true }` (CLI commands) an embedded server already run by another OpsMix process is used instead.
 */
export async function ensureDatabase(
  options: MigrateOptions & { shared?: boolean; handleSignals?: boolean } = {},
): Promise<ReadyDatabase> {
  if (process.env.DATABASE_URL) {
    const { mode, url } = resolveDatabase();
    const migrations = await migrateDatabase(url, options);
    return { mode, url, migrations, close: async () => {} };
  }
  const embedded = options.shared
    ? await connectOrStartEmbedded({ handleSignals: options.handleSignals })
    : await startEmbedded({ handleSignals: options.handleSignals });
  try {
    const migrations = await migrateDatabase(embedded.url, options);
    return { mode: "embedded", url: embedded.url, embedded, migrations, close: () => embedded.close() };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

async function connect(connection: string | pg.ClientConfig): Promise<pg.Client> {
  const config = typeof connection === "string" ? { connectionString: connection } : connection;
  // Migrations may legitimately run long: no statement timeout here, whatever the server's default.
  const client = new pg.Client({ connectionTimeoutMillis: 10_000, ...config, statement_timeout: 0 });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query's error instead
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new DatabaseUnreachableError(`Cannot reach the database at ${describeTarget(config)}: ${reason(error)}`);
  }
  return client;
}

async function acquireLock(client: pg.Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_ADVISORY_LOCK,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `Another process has been migrating this database for over ${Math.round(timeoutMs / 1000)} s (advisory lock ${PRISMA_ADVISORY_LOCK} is held). Try again when it has finished.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedMigrations(client: pg.Client): Promise<Map<string, AppliedRow>> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  const applied = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      // We never leave such rows (a failed migration rolls back); they come from Prisma's own CLI.
      throw new MigrationError(
        `Migration ${row.migration_name} is recorded as failed in _prisma_migrations. Repair the database, then mark it with \`prisma migrate resolve\` before migrating again.`,
        row.migration_name,
      );
    }
    applied.set(row.migration_name, row);
  }
  return applied;
}

function checkHistory(migrations: Migration[], applied: Map<string, AppliedRow>, log: (line: string) => void): void {
  const onDisk = new Set(migrations.map((migration) => migration.name));
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && !checksumMatches(migration.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied (its checksum differs from the one recorded). ` +
          "Restore the original migration.sql and put the change in a new migration (npm run db:diff -- NAME).",
        migration.name,
      );
    }
  }
  for (const name of applied.keys()) {
    if (!onDisk.has(name)) log(`Warning: migration ${name} is applied in the database but missing from the migrations directory.`);
  }
}

// Prisma accepts a checkout that changed the file's line endings (git autocrlf); so do we.
function checksumMatches(sql: string, recorded: string): boolean {
  return [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\r?\n/g, "\r\n")].some((variant) => checksumOf(variant) === recorded);
}

/** Applies one migration in a transaction; false when another run applied it first (checked inside the transaction). */
async function applyMigration(client: pg.Client, migration: Migration): Promise<boolean> {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    // The advisory lock excludes other runs on a server, but PGlite has one session for every connection, so
    // there the lock never blocks: the transaction (which PGlite runs alone) re-checks instead.
    const { rowCount } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new MigrationError(
      `Migration ${migration.name} failed${lineOf(migration.sql, error)} and was rolled back: ${reason(error)}`,
      migration.name,
    );
  }
}

function lineOf(sql: string, error: unknown): string {
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return "";
  return ` at line ${sql.slice(0, position - 1).split("\n").length}`;
}

function describeTarget(config: pg.ClientConfig): string {
  if (config.connectionString) {
    try {
      const url = new URL(config.connectionString);
      return `${url.hostname}:${url.port || 5432}${url.pathname}`;
    } catch {
      return "the configured URL";
    }
  }
  return `${config.host ?? "localhost"}:${config.port ?? 5432}/${config.database ?? ""}`;
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reason(error.errors[0]);
  const { message, code } = error as { message?: string; code?: string };
  return message || code || String(error);
}
