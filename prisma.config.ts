// Prisma CLI configuration (Prisma 7 reads the schema path, migrations path and database URL from here).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.CHECKPOINT_DISABLE ??= "1";

// Every Prisma command first downloads the native schema engine, which fails offline. generate, validate and
// format never run that engine, so for them any existing file will do and the download is skipped. Other
// commands (migrate, db, studio) keep the download, so `prisma migrate deploy` still works where the internet is
// reachable; offline, `npm run db:migrate` and `npm run db:diff` do that work with the WebAssembly engine.
const ENGINE_FREE_COMMANDS = new Set(["generate", "validate", "format"]);
const command = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
if (command && ENGINE_FREE_COMMANDS.has(command)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
    import.meta.dirname,
    "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm",
  );
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Only a PostgreSQL server given explicitly; the embedded database has no fixed address.
  datasource: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : undefined,
});
