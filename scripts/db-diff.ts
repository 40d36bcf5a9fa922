// npm run db:diff -- NAME: write prisma/migrations/<timestamp>_NAME/migration.sql with whatever schema.prisma
// changes relative to the existing migrations. Offline: Prisma's schema engine runs as WebAssembly, and the
// migrations are replayed on an in-memory PGlite; no database of yours is touched.
import path from "node:path";
import { createMigration } from "../lib/db/schema-engine";

async function main(): Promise<void> {
  const name = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
  if (!name) {
    console.error("Usage: npm run db:diff -- NAME   (e.g. npm run db:diff -- add_activity_source)");
    process.exit(2);
  }
  const started = Date.now();
  const migration = await createMigration(name);
  if (!migration) {
    console.log("No schema changes: schema.prisma matches the migrations.");
    return;
  }
  const file = path.relative(process.cwd(), path.join(migration.directory, "migration.sql"));
  console.log(`Wrote ${file} (${Date.now() - started} ms). Review it, then apply with npm run db:migrate.`);
  if (/^\s*(DROP|ALTER TABLE .* DROP)/im.test(migration.sql) || /Warnings:/.test(migration.sql)) {
    console.log("Note: it drops or rewrites existing data; read the warnings at the top of the file.");
  }
}

main().catch((error: unknown) => {
  console.error(`db:diff: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
