// Backup and restore for both databases: every table as JSON Lines, restored in one transaction into an empty,
// migrated database. The same file moves data between the embedded database and a PostgreSQL server.
import fs from "node:fs";
import readline from "node:readline";
import pg from "pg";
import { databaseSettings } from "./client";

/** Parents before children, so foreign keys hold while restoring. */
export const BACKUP_TABLES = [
  "User",
  "Team",
  "Membership",
  "Invite",
  "ApiToken",
  "ReauthGrant",
  "PasswordResetLink",
  "Activity",
  "TrainingExample",
  "TargetMix",
  "GoldenExample",
  "Comment",
  "QuizAnswer",
  "AuditEvent",
  "RateLimit",
  "RevokedSession",
  "TeamEmailDomain",
  "TeamCalendar",
  "RhythmSchedule",
  "ReminderPreference",
  "Job",
  "TestClock",
  "DeliveryChannel",
  "DeliveryAttempt",
  "DeliveryClaim",
] as const;

/** Tables whose primary key is not "id". */
const PRIMARY_KEYS: Partial<Record<(typeof BACKUP_TABLES)[number], string>> = {
  TargetMix: '"teamId", "dimension", "key"',
  RateLimit: '"key"',
  RevokedSession: '"sid"',
  TeamEmailDomain: '"domain"',
  TeamCalendar: '"teamId"',
  RhythmSchedule: '"teamId"',
  ReminderPreference: '"teamId", "userId"',
  DeliveryClaim: '"key"',
};

const FORMAT = "opsmix-backup";
const VERSION = 1;

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseSettings().url, statement_timeout: 0 });
  await client.connect();
  return client;
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.migration_name);
}

export async function backupDatabase(file: string): Promise<string> {
  const client = await connect();
  const temp = `${file}.partial`;
  // The file holds password hashes: owner-only, created fresh (an old partial file would keep its own mode).
  fs.rmSync(temp, { force: true });
  const out = fs.createWriteStream(temp, { encoding: "utf8", mode: 0o600, flags: "wx" });
  const write = (line: string) => new Promise<void>((resolve, reject) => out.write(line + "\n", (error) => (error ? reject(error) : resolve())));
  const counts: Record<string, number> = {};
  try {
    // One snapshot for every table: the backup is consistent even while the app keeps writing.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await write(JSON.stringify({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), migrations: await appliedMigrations(client) }));
    for (const table of BACKUP_TABLES) {
      counts[table] = 0;
      // A cursor in key order: constant cost per page (OFFSET paging is quadratic), and a stable file for a diff.
      await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t) AS row FROM "${table}" t ORDER BY ${PRIMARY_KEYS[table] ?? '"id"'}`);
      for (;;) {
        const { rows } = await client.query<{ row: unknown }>("FETCH 5000 FROM backup_rows");
        for (const { row } of rows) await write(JSON.stringify({ table, row }));
        counts[table] += rows.length;
        if (rows.length < 5000) break;
      }
      await client.query("CLOSE backup_rows");
    }
    await client.query("COMMIT");
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    fs.renameSync(temp, file);
  } catch (error) {
    out.destroy();
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return `Backed up ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ")} to ${file}.`;
}

/**
 * A backup restores into the schema it was made at, or into a later one: the migrations it lists must be the first
 * ones applied here. Rows of an older schema get the newer columns' defaults; a migration that needs more than that
 * makes the restore fail as a whole (one transaction), never half-written.
 */
export function restorable(backup: string[], here: string[]): boolean {
  return backup.length <= here.length && backup.every((name, index) => here[index] === name);
}

export async function restoreDatabase(file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}.`);
  const client = await connect();
  const counts: Record<string, number> = {};
  try {
    type Header = { format?: string; version?: number; migrations?: string[] };
    let header: Header | null = null;
    const pending = new Map<string, unknown[]>();
    const flush = async (table: string) => {
      const rows = pending.get(table);
      if (!rows?.length) return;
      // Only the columns the backup has: a column added by a later migration takes its default.
      const columns = Object.keys(rows[0] as object).map((name) => `"${name.replace(/"/g, '""')}"`).join(", ");
      await client.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [JSON.stringify(rows)]);
      counts[table] = (counts[table] ?? 0) + rows.length;
      pending.set(table, []);
    };
    await client.query("BEGIN");
    // Made right before the loop: a readline interface drops the lines it reads while nothing iterates it, so one
    // created before an await loses the first lines (the header) on a slow connection.
    const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
    let lineNumber = 0;
    let current: string | null = null;
    for await (const line of lines) {
      lineNumber++;
      if (!line.trim()) continue;
      let record: { table?: string; row?: unknown };
      try {
        record = JSON.parse(line);
      } catch {
        throw new Error(`Line ${lineNumber} of ${file} is not valid JSON: the file is damaged.`);
      }
      if (!header) {
        header = record as Header;
        if (header.format !== FORMAT || header.version !== VERSION) throw new Error(`${file} is not an OpsMix backup.`);
        const here = await appliedMigrations(client);
        if (!restorable(header.migrations ?? [], here)) {
          throw new Error("The backup was made by a newer or different OpsMix (its schema has migrations this one lacks): restore it with the OpsMix version that made it, or a later one.");
        }
        const { rows } = await client.query<{ n: string }>(`SELECT (SELECT count(*) FROM "User") + (SELECT count(*) FROM "Team") AS n`);
        if (Number(rows[0]?.n) > 0) throw new Error("Restore needs an empty database (no users or teams); this one has data.");
        continue;
      }
      const table = record.table;
      if (!table || !(BACKUP_TABLES as readonly string[]).includes(table)) throw new Error(`Line ${lineNumber}: unknown table "${table}".`);
      if (current !== null && current !== table) await flush(current);
      current = table;
      const rows = pending.get(table) ?? [];
      rows.push(record.row);
      pending.set(table, rows);
      if (rows.length >= 2000) await flush(table);
    }
    if (!header) throw new Error(`${file} is empty.`);
    if (current) await flush(current);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return `Restored ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ")} from ${file}.`;
}
