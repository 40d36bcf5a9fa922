// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with its files in <data dir>/pglite, served on
// 127.0.0.1 by pglite-socket so that the app and the CLI, separate processes, share one database.
// PGlite has no lock of its own (two processes opening one directory corrupt it), so <data dir>/db.json is the lock:
// it names the process that holds the database and the port it serves on.
import fs from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { servePGlite, type PGliteServer } from "./pglite-server";
import {
  embeddedPassword,
  embeddedPaths,
  embeddedUrl,
  isProcessAlive,
  parseEmbeddedState,
  dataDir as defaultDataDir,
  type EmbeddedPaths,
  type EmbeddedState,
} from "./url";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** True when this process runs the server; false when attached to one run by another OpsMix process. */
  owned: boolean;
  /** Stops the server and closes PGlite cleanly (a no-op when not owned). Safe to call twice. */
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Default: OPSMIX_DATA_DIR or ./data. */
  dataDir?: string;
  /** Default: OPSMIX_DB_PORT, else a free port. */
  port?: number;
  /**
   * Close the database on SIGINT/SIGTERM and then exit (default true). A launcher that must stop a child
   * process first passes false and calls close() itself.
   */
  handleSignals?: boolean;
}

export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another OpsMix process (pid ${pid}). ` +
        "Stop it first, or set OPSMIX_DATA_DIR.",
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}

// Every connection shares PGlite's one session, which the server hands to one protocol exchange or transaction at a
// time (see ./pglite-server.ts). Room for the app's pool, CLI commands and migrations at once.
const MAX_CONNECTIONS = 32;
// A holder that has claimed db.json but not yet written its port is "starting"; first starts take a few seconds.
const STARTING_GRACE_MS = 120_000;

// Servers this process runs (or is starting), by data directory.
const running = new Map<string, Promise<EmbeddedDatabase>>();

/**
 * Starts the embedded server in this process. Fails with EmbeddedDatabaseInUseError when another live process
 * holds the data directory.
 */
export function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const paths = embeddedPaths(options.dataDir ?? defaultDataDir());
  let started = running.get(paths.dataDir);
  if (!started) {
    started = start(paths, options);
    running.set(paths.dataDir, started);
    started.catch(() => running.delete(paths.dataDir));
  }
  return started;
}

async function start(paths: EmbeddedPaths, options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const requested = requestedPort(options);
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const startedAt = new Date().toISOString();
  await claimDataDir(paths, startedAt);

  let db: PGlite | undefined;
  let server: PGliteServer | undefined;
  try {
    db = new PGlite(paths.pgliteDir);
    await db.waitReady;
    server = await listen(db, requested, embeddedPassword(paths.dataDir));
    writeStateAtomically(paths, { pid: process.pid, port: server.port, startedAt });
    return ownedHandle(paths, db, server, options.handleSignals ?? true);
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    releaseDataDir(paths);
    throw error;
  }
}

/**
 * For CLI commands: use the server another OpsMix process runs on this data directory, or else start a private
 * one for the duration of the command (close() it at the end).
 */
export async function connectOrStartEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const paths = embeddedPaths(options.dataDir ?? defaultDataDir());
  const own = running.get(paths.dataDir);
  if (own) return own;

  for (let attempt = 0; attempt < 3; attempt++) {
    const attached = await attachToRunning(paths);
    if (attached) return attached;
    try {
      return await startEmbedded(options);
    } catch (error) {
      // Another process started it between our look and our claim: attach to that one instead.
      if (!(error instanceof EmbeddedDatabaseInUseError)) throw error;
    }
  }
  throw new Error(`Could not start or reach the embedded database in ${paths.dataDir}.`);
}

async function attachToRunning(paths: EmbeddedPaths): Promise<EmbeddedDatabase | null> {
  const deadline = Date.now() + STARTING_GRACE_MS;
  for (;;) {
    const state = readState(paths)?.state;
    if (!state || state.pid === process.pid || !isProcessAlive(state.pid)) return null;
    if (state.port !== null) {
      if (!(await portAnswers(state.port))) return null;
      return { url: embeddedUrl(state.port, embeddedPassword(paths.dataDir)), port: state.port, dataDir: paths.dataDir, owned: false, close: async () => {} };
    }
    if (Date.now() > deadline || Date.now() - Date.parse(state.startedAt) > STARTING_GRACE_MS) return null;
    await sleep(200);
  }
}

/** Takes db.json with an exclusive create; a stale one (dead holder, or a port that no longer answers) is replaced. */
async function claimDataDir(paths: EmbeddedPaths, startedAt: string): Promise<void> {
  const claim = JSON.stringify({ pid: process.pid, port: null, startedAt } satisfies EmbeddedState);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      fs.writeFileSync(paths.statePath, claim, { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readState(paths);
    if (!current) continue; // removed meanwhile
    const { state, text } = current;
    if (!state && Date.now() - fileModifiedAt(paths.statePath) < 2000) {
      await sleep(50); // another process is between creating the file and writing it
      continue;
    }
    if (state && (await holderIsLive(state))) throw new EmbeddedDatabaseInUseError(paths.dataDir, state.pid);
    // Stale: remove it unless someone replaced it since we read it.
    if (readState(paths)?.text === text) fs.rmSync(paths.statePath, { force: true });
  }
  throw new Error(`Could not take ${paths.statePath}: other processes keep replacing it.`);
}

function fileModifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

async function holderIsLive(state: EmbeddedState): Promise<boolean> {
  // Our own pid is a leftover from a previous run (pids are reused, e.g. in containers): this process's own servers
  // are found in `running` before any claim.
  if (state.pid === process.pid || !isProcessAlive(state.pid)) return false;
  if (state.port === null) return Date.now() - Date.parse(state.startedAt) < STARTING_GRACE_MS;
  return portAnswers(state.port);
}

function readState(paths: EmbeddedPaths): { text: string; state: EmbeddedState | null } | null {
  try {
    const text = fs.readFileSync(paths.statePath, "utf8");
    return { text, state: parseEmbeddedState(text) };
  } catch {
    return null;
  }
}

function writeStateAtomically(paths: EmbeddedPaths, state: EmbeddedState): void {
  const temporary = `${paths.statePath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state));
  fs.renameSync(temporary, paths.statePath);
}

function releaseDataDir(paths: EmbeddedPaths): void {
  const current = readState(paths);
  if (current?.state?.pid === process.pid) fs.rmSync(paths.statePath, { force: true });
}

function ownedHandle(paths: EmbeddedPaths, db: PGlite, server: PGliteServer, handleSignals: boolean): EmbeddedDatabase {
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    void handle.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  const handle: EmbeddedDatabase = {
    url: embeddedUrl(server.port, embeddedPassword(paths.dataDir)),
    port: server.port,
    dataDir: paths.dataDir,
    owned: true,
    close() {
      closing ??= (async () => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        running.delete(paths.dataDir);
        try {
          await server.stop();
          await db.close();
        } finally {
          releaseDataDir(paths);
        }
      })();
      return closing;
    },
  };
  if (handleSignals) {
    // once: a second Ctrl-C while closing gets Node's default behaviour and ends the process at once.
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return handle;
}

function requestedPort(options: EmbeddedOptions): number {
  const raw = options.port ?? process.env.OPSMIX_DB_PORT;
  if (raw === undefined || raw === "") return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`OPSMIX_DB_PORT must be a port number (0-65535), not "${raw}".`);
  }
  return port;
}

async function listen(db: PGlite, requested: number, password: string): Promise<PGliteServer> {
  try {
    return await servePGlite(db, { host: "127.0.0.1", port: requested, maxConnections: MAX_CONNECTIONS, password });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new Error(`Port ${requested} for the embedded database is already in use: choose another OPSMIX_DB_PORT, or leave it unset.`);
  }
}

function portAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
