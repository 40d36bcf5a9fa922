// For the reports' database tests: PostgreSQL when DATABASE_URL is set (CI), else a throwaway embedded PGlite
// served by this process, migrated like the app's. Each test file makes its own team, so runs never collide.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { disconnectPrisma } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/migrate";

export async function openTestDatabase(): Promise<{ close(): Promise<void> }> {
  let dir: string | null = null;
  if (!process.env.DATABASE_URL) {
    dir = mkdtempSync(path.join(tmpdir(), "opsmix-reports-test-"));
    process.env.OPSMIX_DATA_DIR = dir;
  }
  const database = await ensureDatabase({ handleSignals: false });
  return {
    async close() {
      await disconnectPrisma();
      await database.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
