// Where the database is: the PostgreSQL server named by DATABASE_URL, or else the embedded PGlite server whose
// address the OpsMix process running it recorded in <data dir>/db.json (see ./embedded.ts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type DatabaseMode = "server" | "embedded";

export interface DatabaseLocation {
  mode: DatabaseMode;
  url: string;
}

/** What the process running the embedded server records; `port` is null while it is still starting. */
export interface EmbeddedState {
  pid: number;
  port: number | null;
  startedAt: string;
}

export interface EmbeddedPaths {
  dataDir: string;
  /** PGlite's PostgreSQL data directory. */
  pgliteDir: string;
  /** db.json: who runs the embedded server and on which port. */
  statePath: string;
  /** db-password: the embedded server's password, generated on first start, readable by its owner only. */
  passwordPath: string;
}

export class DatabaseNotRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseNotRunningError";
  }
}

/** `./data` under the working directory, or OPSMIX_DATA_DIR. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.OPSMIX_DATA_DIR || "data");
}

export function embeddedPaths(dir: string = dataDir()): EmbeddedPaths {
  return { dataDir: dir, pgliteDir: path.join(dir, "pglite"), statePath: path.join(dir, "db.json"), passwordPath: path.join(dir, "db-password") };
}

/**
 * The embedded server's password, like the session secret: generated once into the data directory (mode 0600),
 * so only the account that owns the data can connect, however many local users the machine has.
 */
export function embeddedPassword(dir: string = dataDir()): string {
  const file = embeddedPaths(dir).passwordPath;
  try {
    fs.writeFileSync(/*turbopackIgnore: true*/ file, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
}

export function embeddedUrl(port: number, password: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The recorded state, or null when there is none or it cannot be read. */
export function readEmbeddedState(dir: string = dataDir()): EmbeddedState | null {
  let text: string;
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ embeddedPaths(dir).statePath, "utf8");
  } catch {
    return null;
  }
  return parseEmbeddedState(text);
}

export function parseEmbeddedState(text: string): EmbeddedState | null {
  try {
    const value = JSON.parse(text) as Partial<EmbeddedState>;
    if (!Number.isInteger(value.pid) || (value.port !== null && !Number.isInteger(value.port))) return null;
    return { pid: value.pid!, port: value.port ?? null, startedAt: String(value.startedAt ?? "") };
  } catch {
    return null;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * DATABASE_URL when set; otherwise the running embedded server's URL.
 * A launcher that hands the embedded server's URL to a child as DATABASE_URL also sets OPSMIX_EMBEDDED=1, so the
 * child still sizes its pool for PGlite. Throws DatabaseNotRunningError when neither is available.
 */
export function resolveDatabase(env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  if (env.DATABASE_URL) return { mode: env.OPSMIX_EMBEDDED === "1" ? "embedded" : "server", url: env.DATABASE_URL };

  const dir = dataDir(env);
  const state = readEmbeddedState(dir);
  const hint = "Start OpsMix with `npm start` (it runs the embedded database), or set DATABASE_URL.";
  if (!state || state.port === null) {
    throw new DatabaseNotRunningError(`The embedded database in ${dir} is not running. ${hint}`);
  }
  if (!isProcessAlive(state.pid)) {
    throw new DatabaseNotRunningError(
      `The embedded database in ${dir} is not running (its process ${state.pid} has exited). ${hint}`,
    );
  }
  return { mode: "embedded", url: embeddedUrl(state.port, embeddedPassword(dir)) };
}
