// Serves a PGlite database on a TCP port with pglite-socket, with its query scheduling fixed for several
// connections. PGlite is one PostgreSQL session, and every connection shares it, so the server must hand the
// session to one connection for a whole protocol exchange. pglite-socket 0.2.17 does so only inside explicit
// transactions, and it stops serving for good after one internal error (electric-sql/pglite#1046, PR #977):
// - an extended-protocol batch (Parse, Bind, Describe, Execute ... Sync) from one connection can interleave with
//   another's, so one connection binds or executes the other's unnamed statement: errors such as
//   `portal "" does not exist`, or rows of the wrong query (measured here with 4 pooled Prisma connections);
// - a throw inside PGlite leaves its `processing` flag set, after which no query is ever run again.
// - PGlite itself trusts whoever connects; with a password the server answers each connection's startup with a
//   password request (AuthenticationCleartextPassword: the socket is 127.0.0.1 only) and hands the startup to
//   PGlite only once the right password came back.
import { createHash, timingSafeEqual } from "node:crypto";
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
  options: { host?: string; port?: number; maxConnections: number; password?: string },
): Promise<PGliteServer> {
  const server = new PGLiteSocketServer({
    db,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  scheduleByProtocolExchange(server, db, options.password);
  let port = 0;
  server.addEventListener("listening", (event) => {
    port = ((event as CustomEvent).detail as { port: number }).port;
  });
  await server.start();
  return { port, stop: () => server.stop() };
}

const PROTOCOL_3 = 196608;
const PASSWORD_MESSAGE = 0x70;
const ASK_CLEARTEXT_PASSWORD = new Uint8Array([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

function digest(text: string | Uint8Array): Buffer {
  return createHash("sha256").update(text).digest();
}

/** A FATAL ErrorResponse, as PostgreSQL sends for a failed login. */
function fatal(code: string, message: string): Uint8Array {
  const fields = Buffer.concat([
    ...[["S", "FATAL"], ["V", "FATAL"], ["C", code], ["M", message]].map(([type, value]) => Buffer.from(`${type}${value}\0`, "utf8")),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(fields.length + 4, 1);
  return new Uint8Array(Buffer.concat([header, fields]));
}

/**
 * Password authentication in front of PGlite, per connection: the startup message is held back, the client is
 * asked for its password, and only the right one lets the startup through (PGlite then answers it as usual).
 * Returns the message to run for the connection, or null when the login exchange consumed (or refused) it.
 */
function passwordGate(password: string) {
  const expected = digest(password);
  const heldStartups = new Map<number, Uint8Array>();
  const admitted = new Set<number>();
  return {
    admit(item: QueuedMessage): Uint8Array | null {
      if (admitted.has(item.handlerId)) return item.message;
      const message = item.message;
      const held = heldStartups.get(item.handlerId);
      if (!held) {
        const isStartup = message.length >= 8 && Buffer.from(message.buffer, message.byteOffset, message.length).readInt32BE(4) === PROTOCOL_3;
        if (!isStartup) {
          item.onData(fatal("08P01", "expected a startup message"));
          item.reject(new Error("not a startup message"));
          return null;
        }
        heldStartups.set(item.handlerId, message);
        item.onData(ASK_CLEARTEXT_PASSWORD);
        item.resolve(ASK_CLEARTEXT_PASSWORD.length);
        return null;
      }
      heldStartups.delete(item.handlerId);
      // PasswordMessage: 'p', int32 length, the password, NUL.
      const given = message[0] === PASSWORD_MESSAGE && message.length >= 6 ? message.subarray(5, message.length - 1) : new Uint8Array();
      if (!timingSafeEqual(digest(given), expected)) {
        item.onData(fatal("28P01", 'password authentication failed for user "postgres"'));
        item.reject(new Error("password authentication failed"));
        return null;
      }
      admitted.add(item.handlerId);
      return held;
    },
    forget(handlerId: number): void {
      heldStartups.delete(handlerId);
      admitted.delete(handlerId);
    },
  };
}

function scheduleByProtocolExchange(server: PGLiteSocketServer, db: PGlite, password?: string): void {
  const queue = (server as unknown as { queryQueue?: QueryQueueInternals }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("@electric-sql/pglite-socket changed its internals: check lib/db/pglite-server.ts against the new version.");
  }
  // The connection whose protocol exchange or transaction holds the session; null when the session is free.
  let owner: number | null = null;
  const gate = password === undefined ? null : passwordGate(password);

  queue.processQueue = async function processQueue(this: QueryQueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet; its arrival restarts the loop
        const [item] = this.queue.splice(index, 1);
        const message = gate ? gate.admit(item!) : item!.message;
        if (message === null) continue;
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(message, {
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
    gate?.forget(handlerId);
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
