// Database access for one-shot commands (admin CLI, benchmarks): the running app's database when there is one,
// else a private embedded server for the length of the command; migrated either way.
import { disconnectPrisma } from "./client";
import { ensureDatabase } from "./migrate";

export async function withCliDatabase<T>(work: () => Promise<T>): Promise<T> {
  const ready = await ensureDatabase({ shared: true, handleSignals: true });
  const previous = { url: process.env.DATABASE_URL, embedded: process.env.OPSMIX_EMBEDDED };
  process.env.DATABASE_URL = ready.url;
  if (ready.mode === "embedded") process.env.OPSMIX_EMBEDDED = "1";
  try {
    return await work();
  } finally {
    await disconnectPrisma();
    await ready.close();
    restore("DATABASE_URL", previous.url);
    restore("OPSMIX_EMBEDDED", previous.embedded);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
