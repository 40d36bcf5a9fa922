// npm run db:migrate: apply pending migrations to DATABASE_URL's server, or to the embedded database (the one the
// running app serves, else a private one for the duration of the command).
import { ensureDatabase } from "../lib/db/migrate";

async function main(): Promise<void> {
  const started = Date.now();
  const database = await ensureDatabase({ shared: true, log: (line) => console.log(line) });
  try {
    const { applied, alreadyApplied } = database.migrations;
    const where = database.mode === "server" ? "the PostgreSQL server (DATABASE_URL)" : `the embedded database (${database.embedded?.dataDir})`;
    const summary = applied.length ? `applied ${applied.length} migration(s)` : "already up to date";
    console.log(`db:migrate: ${where} ${summary}; ${alreadyApplied} were applied before (${Date.now() - started} ms).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
