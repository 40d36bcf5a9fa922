// The production HTTP server `npm start` runs: Next's own request handler (the one `next start` uses) behind the
// admission gate in lib/server/admission.ts, so that an overloaded instance answers quick 503s instead of letting
// every request queue for a database connection. Started by scripts/start.ts with the database already migrated.
import { createServer } from "node:http";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import next from "next";
import { databaseSettings } from "../lib/db/settings";
import { capturePeerAddresses } from "../lib/http/client-address";
import { AdmissionGate, admissionSettings, gatedListener } from "../lib/server/admission";
import { ReceiveBudget, receiveLimits, serverTimeouts } from "../lib/server/receive-body";

const root = path.resolve(__dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME && process.env.HOSTNAME !== "0.0.0.0" ? process.env.HOSTNAME : undefined;

async function main() {
  const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Per-address sign-in limits and the audit trail need each request's TCP peer address (lib/http/client-address.ts).
  capturePeerAddresses();
  const gate = new AdmissionGate(admissionSettings(databaseSettings()));
  const bodies = new ReceiveBudget(receiveLimits());
  // Bounded time for headers and for the whole request (Node's own requestTimeout is 300 s), checked every second:
  // a client that sends a byte now and then is cut off with 408 instead of holding its connection for minutes.
  const { headersTimeoutMs, requestTimeoutMs } = serverTimeouts();
  const server = createServer(
    { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 },
    gatedListener(gate, handle, bodies),
  );

  // The event loop's delay and utilization, read four times a second, steer how many requests are served at once.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let worstLagMs = 0;
  let lastUtilization = performance.eventLoopUtilization();
  const steer = setInterval(() => {
    const lagMs = delay.max / 1e6;
    delay.reset();
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, lastUtilization);
    lastUtilization = now;
    worstLagMs = Math.max(worstLagMs, lagMs);
    gate.observeLoop(lagMs, utilization);
    if (process.env.OPSMIX_GATE_TRACE === "1") {
      const { inFlight, limit, waiting, refused } = gate.stats;
      console.log(`[gate] lag ${Math.round(lagMs)} ms, busy ${(utilization * 100).toFixed(0)}%, serving ${inFlight}/${limit}, waiting ${waiting}, receiving ${bodies.receiving}, refused ${refused.queue_full}+${refused.waited_too_long}+${bodies.refused}`);
    }
  }, 250);
  steer.unref();

  // One line every 10 s while requests are being refused, so an operator sees overload in the log.
  let reported = 0;
  const monitor = setInterval(() => {
    const { inFlight, limit, waiting, refused } = gate.stats;
    const total = refused.queue_full + refused.waited_too_long + bodies.refused;
    if (total > reported) {
      console.warn(
        `[opsmix] busy: refused ${total - reported} request(s) in the last 10 s (serving ${inFlight} of at most ${limit}, ${waiting} waiting, ${bodies.receiving} bodies arriving; event loop up to ${Math.round(worstLagMs)} ms late)`,
      );
      reported = total;
    }
    worstLagMs = 0;
  }, 10_000);
  monitor.unref();

  server.listen(port, hostname, () => {
    console.log(`OpsMix: ready on http://${hostname ?? "localhost"}:${port} (serving at most ${gate.settings.maxInFlight} requests at once, ${gate.settings.maxQueue} waiting)`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Finish what is in flight (bounded), then leave; the parent closes the database after us.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`OpsMix: the server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
