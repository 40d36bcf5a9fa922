// Serves a PGlite database on a TCP port with pglite-socket, with its query scheduling fixed for several
// connections. PGlite is one PostgreSQL session, and every connection shares it, so the server must hand the
// session to one connection for a whole protocol exchange. pglite-socket 0.2.17 does so only inside explicit
// transactions, and it stops serving for good after one internal error (electric-sql/pglite#1046, PR #977):
// - an extended-protocol batch (Parse, Bind, Describe, Execute ... Sync) from one connection can interleave with
//   another's, so one connection binds or executes the other's unnamed statement: errors such as
//   `portal "" does not exist`, or rows of the wrong query (measured here with 4 pooled Prisma connections);
// - a throw inside PGlite leaves its `processing` flag set, after which no query is ever run again.
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// The parts of pglite-socket's QueryQueueManager that are replaced (private in its types, so checked at run time).
interface QueryQueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  processQueue: () => Promise<void>;
  clearTransactionIfNeeded: (handlerId: number) => Promise<void>;
}

// Frontend messages after which the session still belongs to the sender until its Sync.
const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const EXECUTE = 0x45;
const CLOSE = 0x43;
const FLUSH = 0x48;
const EXTENDED_PROTOCOL = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH]);
const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

export interface PGliteServer {
  port: number;
  stop(): Promise<void>;
}

/** Starts serving `db` on host:port (port 0 picks a free one). */
export async function servePGlite(
  db: PGlite,
  options: { host?: string; port?: number; maxConnections: number },
): Promise<PGliteServer> {
  const server = new PGLiteSocketServer({
    db,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  scheduleByProtocolExchange(server, db);
  let port = 0;
  server.addEventListener("listening", (event) => {
    port = ((event as CustomEvent).detail as { port: number }).port;
  });
  await server.start();
  return { port, stop: () => server.stop() };
}

function scheduleByProtocolExchange(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue?: QueryQueueInternals }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("@electric-sql/pglite-socket changed its internals: check lib/db/pglite-server.ts against the new version.");
  }
  // The connection whose protocol exchange or transaction holds the session; null when the session is free.
  let owner: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet; its arrival restarts the loop
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          owner = EXTENDED_PROTOCOL.has(item.message[0]) || db.isInTransaction() ? item.handlerId : null;
          item.resolve(bytes);
        } catch (error) {
          owner = null;
          item.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  };

  // Called when a connection goes away: release the session if it held it, undoing what it left open.
  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(this: QueryQueueInternals, handlerId: number) {
    if (owner !== handlerId) return;
    try {
      // exec takes PGlite's query lock itself; the raw protocol call does not.
      if (db.isInTransaction()) await db.exec("ROLLBACK");
      else await db.runExclusive(() => db.execProtocolRaw(SYNC_MESSAGE)); // ends a half-sent extended-protocol batch
    } catch {
      // The session is released below either way; the next client's statement reports any lasting problem.
    } finally {
      owner = null;
      await this.processQueue();
    }
  };
}
