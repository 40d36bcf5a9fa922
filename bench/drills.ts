// Hardening drills against `next start`, bounded and on loopback only:
//   load      50 concurrent writers + 5 dashboard readers for 60 s on PostgreSQL (10 writers on embedded PGlite):
//             no errors, p95/p99 recorded, rows in the database = acknowledged writes
//   crash     kill -9 the app, then the database, mid-load; restart both; every acknowledged write is there once
//   overload  200 connections against the default pool: quick 503s, nothing hangs past 10 s, recovery on its own
//   slow      20 clients sending a body one byte every 2 s + 5 normal clients: normal requests are still all served
// Usage: npm run bench:drills [-- --only load,crash,overload,slow --db pg,pglite --runs 3 --seconds 60 --no-write]
// PostgreSQL drills start a private server (initdb in a temp dir, 127.0.0.1 only) from the Debian packages.
// Results go to stdout and to the "## Hardening drills" section of bench/RESULTS.md.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect as connectSocket, createServer, type Socket } from "node:net";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { embeddedPassword, readEmbeddedState, embeddedUrl } from "../lib/db/url";

const ROOT = path.resolve(__dirname, "..");
const { values: flags } = parseArgs({
  options: {
    only: { type: "string", default: "load,crash,overload,slow" },
    db: { type: "string", default: "pg,pglite" },
    runs: { type: "string", default: "3" },
    seconds: { type: "string", default: "60" },
    "no-write": { type: "boolean", default: false },
    /** Dashboard readers beside the load's writers (0 isolates the write path). */
    readers: { type: "string", default: "5" },
  },
});
const DRILLS = new Set(flags.only!.split(","));
const DATABASES = new Set(flags.db!.split(","));
const RUNS = Math.max(1, Number(flags.runs));
const SECONDS = Math.max(5, Number(flags.seconds));
/** Each phase of the slow-clients drill: long enough that the server cuts slow clients off (30 s) at least once. */
const SLOW_SECONDS = Math.max(40, SECONDS);
const READERS = Math.max(0, Number(flags.readers));
const SECRET = randomBytes(32).toString("base64");
const REQUEST_TIMEOUT_MS = 15_000;

const log = (line: string) => console.log(`[drills ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------
// Processes

/** User + system clock ticks (USER_HZ, 100 on Linux) of the live processes `pick` chooses by pid, parent and group. */
function processTicks(pick: (pid: number, parent: number, group: number) => boolean): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      if (pick(Number(pid), Number(fields[1]), Number(fields[2]))) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function postgresBin(): string {
  for (const dir of ["/usr/lib/postgresql"].filter(existsSync).flatMap((base) => readdirSync(base).sort().reverse().map((v) => path.join(base, v, "bin")))) {
    if (existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  throw new Error("PostgreSQL server binaries not found (apt-get install postgresql). Run with --db pglite to skip.");
}

/** A private PostgreSQL server in a temp dir, listening on 127.0.0.1 only. Runs as `postgres` when we are root. */
class PostgresServer {
  readonly dir = mkdtempSync(path.join(tmpdir(), "opsmix-drill-pg-"));
  readonly bin = postgresBin();
  port = 0;

  private run(command: string, args: string[], allowFailure = false): string {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(this.bin, command), ...args]] : [path.join(this.bin, command), args];
    try {
      return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      if (allowFailure) return "";
      throw new Error(`${command} failed: ${(error as { stderr?: string }).stderr ?? error}`);
    }
  }

  async init(): Promise<void> {
    if (process.getuid?.() === 0) {
      chmodSync(this.dir, 0o777);
      execFileSync("chown", ["postgres", this.dir]);
    }
    this.port = await freePort();
    this.run("initdb", ["-D", path.join(this.dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    await this.start();
    const client = new pg.Client({ connectionString: this.url("postgres") });
    await client.connect();
    await client.query("CREATE DATABASE opsmix");
    await client.end();
  }

  async start(): Promise<void> {
    const options = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir} -c max_connections=200 -c fsync=on -c synchronous_commit=on`;
    this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-l", path.join(this.dir, "log"), "-w", "-t", "120", "-o", options, "start"]);
  }

  url(database = "opsmix"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** CPU time (user + system, ms) the postmaster and its backends have used so far: PostgreSQL's share of the work. */
  cpuMs(): number {
    let postmaster = 0;
    try {
      postmaster = Number(readFileSync(path.join(this.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return 0;
    }
    return processTicks((pid, parent) => pid === postmaster || parent === postmaster) * 10;
  }

  /** kill -9 of the postmaster, as a power cut or the OOM killer would. */
  kill9(): void {
    const pid = Number(readFileSync(path.join(this.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
  }

  async stop(): Promise<void> {
    this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "immediate", "stop"], true);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface AppOptions {
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
}

/** `npm start` (scripts/start.ts) in its own process group, so kill -9 takes Next and, for PGlite, the database. */
class App {
  readonly port: number;
  private child: ChildProcess | null = null;
  output = "";

  constructor(
    port: number,
    private readonly options: AppOptions,
  ) {
    this.port = port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: this.url,
      NEXTAUTH_SECRET: SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...this.options.env,
    };
    delete env.DATABASE_URL;
    delete env.OPSMIX_EMBEDDED;
    delete env.TRUST_PROXY;
    if (this.options.databaseUrl) env.DATABASE_URL = this.options.databaseUrl;
    if (this.options.dataDir) env.OPSMIX_DATA_DIR = this.options.dataDir;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    // OPSMIX_GATE_TRACE=1: the app logs its admission gate four times a second; keep all of it in a file to study.
    const trace = process.env.OPSMIX_GATE_TRACE === "1" ? path.join(tmpdir(), `opsmix-drill-app-${this.port}.log`) : null;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk).slice(-20_000);
      if (trace) appendFileSync(trace, chunk);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.child = child;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the app exited while starting:\n${this.output.slice(-3000)}`);
      try {
        if ((await fetch(`${this.url}/signin`, { signal: AbortSignal.timeout(5000) })).status === 200) return;
      } catch {}
      await sleep(300);
    }
    throw new Error(`the app did not answer within 180 s:\n${this.output.slice(-3000)}`);
  }

  /** CPU time the app's process group has used so far (user + system), in ms: independent of what else runs. */
  cpuMs(): number {
    const group = this.child?.pid;
    if (!group) return 0;
    return processTicks((_pid, _parent, processGroup) => processGroup === group) * 10;
  }

  kill9(): void {
    if (this.child?.pid) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {}
    }
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const deadline = Date.now() + 15_000;
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await sleep(100);
    this.kill9();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures, written with SQL (fast, and independent of the code under test)

interface Fixture {
  teamId: string;
  slug: string;
  writerTokens: string[];
  readerEmails: string[];
  readerPassword: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function createFixture(databaseUrl: string, writers: number, readers: number, seedRows: number): Promise<Fixture> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const id = randomBytes(4).toString("hex");
    const slug = `drill-${id}`;
    const teamId = `drillteam${id}`;
    await client.query(`INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ($1, $2, $3, now())`, [teamId, slug, `Drill ${id}`]);
    const readerPassword = `Drill-${id}-password`;
    const passwordHash = await hashPassword(readerPassword);
    const writerTokens: string[] = [];
    const readerEmails: string[] = [];
    for (let n = 0; n < writers + readers; n++) {
      const userId = `drilluser${id}${n}`;
      const email = `${n < writers ? "writer" : "reader"}-${n}-${id}@drill.test`;
      await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [userId, email, `Drill ${n}`, passwordHash]);
      await client.query(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`, [`drillm${id}${n}`, teamId, userId, n < writers ? "member" : "manager"]);
      if (n < writers) {
        const token = `om_${randomBytes(32).toString("base64url")}`;
        await client.query(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'drill', $3, $4)`, [`drillt${id}${n}`, userId, sha256(token), token.slice(0, 10)]);
        writerTokens.push(token);
      } else readerEmails.push(email);
    }
    if (seedRows > 0) {
      // History for the dashboards to chew on: 12 weeks, every role and stage, spread over the writers.
      await client.query(
        `INSERT INTO "Activity" (id, "teamId", "authorId", text, "dateWorked", minutes, role, stage, "roleConfidence", "stageConfidence", "updatedAt")
         SELECT 'seed' || $1 || g, $2, 'drilluser' || $1 || (g % $3), 'seeded history ' || g, current_date - (g % 84), 15 + g % 120,
                (ARRAY['user','content','community','new_media','business','product','activity','marketing'])[1 + g % 8]::"OpsRole",
                (ARRAY['acquisition','connection','activation','retention','referral'])[1 + g % 5]::"FunnelStage", 0.8, 0.7, now()
         FROM generate_series(1, $4::int) g`,
        [id, teamId, writers, seedRows],
      );
      await client.query(`ANALYZE "Activity"`);
    }
    return { teamId, slug, writerTokens, readerEmails, readerPassword };
  } finally {
    await client.end();
  }
}

/** Signs in through next-auth's own endpoints and returns the Cookie header of the session. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...rest] = pair!.split("=");
      jar.set(name!, rest.join("="));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  remember(response);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return header();
}

// ---------------------------------------------------------------------------------------------------------------
// Workload and measurement

interface Sample {
  kind: string;
  ms: number;
  status: number;
}

class Recorder {
  readonly samples: Sample[] = [];
  add(kind: string, ms: number, status: number) {
    this.samples.push({ kind, ms, status });
  }
  of(kind: string) {
    return this.samples.filter((s) => s.kind === kind);
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    requests: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? NaN,
    statuses,
  };
}

interface WriteLedger {
  /** Idempotency key -> activity id the app acknowledged. */
  acked: Map<string, string>;
  attempted: Set<string>;
  errors: number;
}

async function timed(kind: string, recorder: Recorder, run: () => Promise<Response>): Promise<Response | null> {
  const started = performance.now();
  try {
    const response = await run();
    const body = await response.arrayBuffer();
    recorder.add(kind, performance.now() - started, response.status);
    return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers });
  } catch {
    recorder.add(kind, performance.now() - started, 0);
    return null;
  }
}

/**
 * A writer: one entry per request, each with its own Idempotency-Key. With `retryUntilAcked` a failed request is
 * retried with the same key until acknowledged, and the writer stops only between keys (what a careful client does).
 */
async function writer(baseUrl: string, slug: string, token: string, name: string, ledger: WriteLedger, recorder: Recorder, done: () => boolean, retryUntilAcked: boolean) {
  for (let n = 0; !done(); n++) {
    const key = `drill-${name}-${n}`;
    ledger.attempted.add(key);
    const text = `drill ${name} #${n} 回复社区帖子${n % 50}条, ran the Tuesday live class`;
    for (let attempt = 0; ; attempt++) {
      const response = await timed("write", recorder, () =>
        fetch(`${baseUrl}/api/v1/activities?team=${slug}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key },
          body: JSON.stringify({ text, minutes: 5 + (n % 60) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      );
      if (response && (response.status === 201 || response.status === 200)) {
        const { activities } = (await response.json()) as { activities: { id: string }[] };
        ledger.acked.set(key, activities[0]!.id);
        break;
      }
      ledger.errors++;
      if (!retryUntilAcked) break;
      await sleep(Math.min(1000, 100 * 2 ** Math.min(attempt, 4)));
    }
  }
}

async function reader(baseUrl: string, slug: string, cookie: string, recorder: Recorder, done: () => boolean) {
  const views = ["", "?range=last-4-weeks", "?range=last-12-weeks&measure=minutes", "/members?range=last-4-weeks"];
  for (let n = 0; !done(); n++) {
    await timed("read", recorder, () =>
      fetch(`${baseUrl}/t/${slug}/dashboard${views[n % views.length]}`, { headers: { Cookie: cookie }, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    );
  }
}

/** Compares the acknowledged writes with what the database holds for the drill's keys. */
async function verify(databaseUrl: string, teamId: string, ledger: WriteLedger) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; ids: string[] }>(
      `SELECT "idempotencyKey" AS key, array_agg(id) AS ids FROM "Activity" WHERE "teamId" = $1 AND "idempotencyKey" LIKE 'drill-%' GROUP BY 1`,
      [teamId],
    );
    const stored = new Map(rows.map((r) => [r.key, r.ids]));
    let lost = 0;
    let duplicated = 0;
    let wrongId = 0;
    for (const [key, id] of ledger.acked) {
      const ids = stored.get(key);
      if (!ids) lost++;
      else if (ids.length > 1) duplicated++;
      else if (ids[0] !== id) wrongId++;
    }
    const unacknowledged = [...stored.keys()].filter((key) => !ledger.acked.has(key)).length;
    return { acknowledged: ledger.acked.size, rows: rows.reduce((sum, r) => sum + r.ids.length, 0), lost, duplicated, wrongId, unacknowledged };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Drills

interface Target {
  label: string;
  app: App;
  databaseUrl: () => string;
  pg?: PostgresServer;
}

async function loadDrill(target: Target, writers: number, readers: number, seconds: number) {
  const fixture = await createFixture(target.databaseUrl(), writers, readers, 20_000);
  const cookies = [];
  for (const email of fixture.readerEmails) cookies.push(await signIn(target.app.url, email, fixture.readerPassword));
  const ledger: WriteLedger = { acked: new Map(), attempted: new Set(), errors: 0 };
  const recorder = new Recorder();
  const cpuBefore = target.app.cpuMs();
  const pgCpuBefore = target.pg?.cpuMs() ?? 0;
  const clientCpuBefore = process.cpuUsage();
  const stopAt = Date.now() + seconds * 1000;
  const done = () => Date.now() >= stopAt;
  await Promise.all([
    ...fixture.writerTokens.map((token, n) => writer(target.app.url, fixture.slug, token, `w${n}`, ledger, recorder, done, false)),
    ...cookies.map((cookie) => reader(target.app.url, fixture.slug, cookie, recorder, done)),
  ]);
  // The app's own CPU per request: what the code costs, whatever else the machine is doing.
  const appCpuMsPerRequest = (target.app.cpuMs() - cpuBefore) / Math.max(1, recorder.samples.length);
  // The same for PostgreSQL (private server only) and for this load generator, which share the machine's cores.
  const pgCpuMsPerRequest = target.pg ? (target.pg.cpuMs() - pgCpuBefore) / Math.max(1, recorder.samples.length) : NaN;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const clientCpuMsPerRequest = (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, recorder.samples.length);
  const integrity = await verify(target.databaseUrl(), fixture.teamId, ledger);
  const errors = recorder.samples.filter((s) => s.status === 0 || s.status >= 400).length;
  return { writes: summary(recorder.of("write"), seconds), reads: summary(recorder.of("read"), seconds), errors, integrity, attempted: ledger.attempted.size, appCpuMsPerRequest, pgCpuMsPerRequest, clientCpuMsPerRequest };
}

/** kill -9 the app mid-load, restart it; then kill -9 the database (PostgreSQL), restart it; then check every write. */
async function crashDrill(target: Target, writers: number) {
  const fixture = await createFixture(target.databaseUrl(), writers, 0, 0);
  const ledger: WriteLedger = { acked: new Map(), attempted: new Set(), errors: 0 };
  const recorder = new Recorder();
  let stopping = false;
  const load = Promise.all(fixture.writerTokens.map((token, n) => writer(target.app.url, fixture.slug, token, `c${n}`, ledger, recorder, () => stopping, true)));
  const events: string[] = [];
  const mark = (what: string) => {
    events.push(`${what}: ${ledger.acked.size} acknowledged`);
    log(`${target.label} crash drill: ${what} (${ledger.acked.size} acknowledged so far)`);
  };
  await sleep(10_000);
  mark("kill -9 the app");
  target.app.kill9();
  await sleep(2_000);
  let started = Date.now();
  await target.app.start();
  mark(`app back after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await sleep(10_000);
  if (target.pg) {
    mark("kill -9 PostgreSQL");
    target.pg.kill9();
    await sleep(3_000);
    started = Date.now();
    await target.pg.start();
    mark(`PostgreSQL back (crash recovery) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await sleep(10_000);
  }
  mark("writers finish their last entry and stop");
  stopping = true;
  const drained = await Promise.race([load.then(() => true), sleep(120_000).then(() => false)]);
  const integrity = await verify(target.databaseUrl(), fixture.teamId, ledger);
  const failed = recorder.samples.filter((s) => s.status === 0 || s.status >= 500).length;
  return { events, drained, failedRequestsRetried: failed, statuses: summary(recorder.samples, 1).statuses, integrity };
}

/** 200 connections on reports and lists: refusals must be quick 503s, nothing may hang, and the app recovers. */
async function overloadDrill(target: Target, connections: number, seconds: number, withPages: boolean) {
  const fixture = await createFixture(target.databaseUrl(), 20, 1, 300_000);
  const cookie = await signIn(target.app.url, fixture.readerEmails[0]!, fixture.readerPassword);
  const recorder = new Recorder();
  const stopAt = Date.now() + seconds * 1000;
  // A third each: the effort report, a filtered list, and the dashboard page (several queries per request).
  const requests: ((token: string) => [string, RequestInit])[] = [
    (token) => [`/api/v1/reports/effort?team=${fixture.slug}&range=last-12-weeks&groupBy=member,week,role,stage`, { headers: { Authorization: `Bearer ${token}` } }],
    (token) => [`/api/v1/activities?team=${fixture.slug}&from=2020-01-01&q=history&limit=200`, { headers: { Authorization: `Bearer ${token}` } }],
    () => [`/t/${fixture.slug}/dashboard?range=last-12-weeks`, { headers: { Cookie: cookie }, redirect: "manual" }],
  ];
  if (!withPages) requests.pop();
  const kinds = ["overload-report", "overload-list", "overload-page"].slice(0, requests.length);
  // Each request alone first, twice (the first warms caches): what one request costs without contention.
  const alone = new Recorder();
  for (let round = 0; round < 2; round++) {
    for (const [index, make] of requests.entries()) {
      const [url, init] = make(fixture.writerTokens[0]!);
      await timed(round ? kinds[index]! : "warm-up", alone, () => fetch(`${target.app.url}${url}`, { ...init, signal: AbortSignal.timeout(60_000) }));
    }
  }
  const baseline = Object.fromEntries(kinds.map((kind) => [kind, alone.of(kind)[0]?.ms ?? NaN]));
  // A probe that needs no database: how long the app takes to answer at all (the Node process's own load).
  const probe = (async () => {
    while (Date.now() < stopAt) {
      await timed("probe", recorder, () => fetch(`${target.app.url}/api/v1/openapi.json`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
      await sleep(1000);
    }
  })();
  await Promise.all(
    Array.from({ length: connections }, async (_, n) => {
      const token = fixture.writerTokens[n % fixture.writerTokens.length]!;
      for (let i = 0; Date.now() < stopAt; i++) {
        const which = (n + i) % requests.length;
        const [url, init] = requests[which]!(token);
        await timed(kinds[which]!, recorder, () => fetch(`${target.app.url}${url}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
      }
    }),
  );
  await probe;
  // Recovery: how long until an ordinary request is answered normally again, with nobody helping.
  const recoveryStarted = Date.now();
  let recoveredAfterMs = NaN;
  while (Date.now() - recoveryStarted < 60_000) {
    const started = performance.now();
    const response = await fetch(`${target.app.url}/api/v1/activities?team=${fixture.slug}&limit=5`, { headers: { Authorization: `Bearer ${fixture.writerTokens[0]}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch(() => null);
    if (response?.status === 200 && performance.now() - started < 1000) {
      recoveredAfterMs = Date.now() - recoveryStarted;
      break;
    }
    await sleep(200);
  }
  const samples = recorder.samples.filter((s) => s.kind !== "probe");
  const probeMs = recorder.of("probe").map((s) => s.ms).sort((a, b) => a - b);
  const refused = samples.filter((s) => s.status === 503).map((s) => s.ms).sort((a, b) => a - b);
  return {
    ...summary(samples, seconds),
    byKind: Object.fromEntries(
      kinds.map((kind) => {
        const of = recorder.of(kind);
        return [kind, { ...summary(of, seconds), over10s: of.filter((s) => s.ms > 10_000 || s.status === 0).length }];
      }),
    ),
    over10s: samples.filter((s) => s.ms > 10_000 || s.status === 0).length,
    non503Errors: samples.filter((s) => s.status >= 400 && s.status !== 503).length,
    baseline,
    probeP50: percentile(probeMs, 50),
    probeMax: probeMs[probeMs.length - 1] ?? NaN,
    refusedP50: percentile(refused, 50),
    refusedMax: refused[refused.length - 1] ?? NaN,
    recoveredAfterMs,
  };
}


/**
 * Slow clients: `slow` connections each POST a 1,000-byte body one byte every `byteEveryMs`, reconnecting when the
 * server cuts them off, while `normal` clients write entries and list them. First normal traffic alone, then with
 * the slow clients; the drill passes when normal requests are still all served (no error, none past 10 s).
 */
async function slowClientsDrill(target: Target, slow: number, normal: number, seconds: number, byteEveryMs: number) {
  const fixture = await createFixture(target.databaseUrl(), normal, 0, 2_000);
  const url = new URL(target.app.url);
  const phase = async (withSlow: boolean) => {
    const recorder = new Recorder();
    const stopAt = Date.now() + seconds * 1000;
    const cutOffAfterMs: number[] = [];
    const endings: Record<string, number> = {};
    const sockets = new Set<Socket>();
    const slowClient = async () => {
      while (Date.now() < stopAt) {
        const started = Date.now();
        const ending = await new Promise<string>((resolve) => {
          const socket = connectSocket({ host: url.hostname, port: Number(url.port) });
          sockets.add(socket);
          let answer = "";
          let timer: NodeJS.Timeout | undefined;
          const finish = (how: string) => {
            clearInterval(timer);
            sockets.delete(socket);
            socket.destroy();
            resolve(how);
          };
          socket.on("data", (data: Buffer) => (answer += data.toString("latin1")));
          socket.on("error", () => {});
          socket.on("close", () => finish(answer ? `answered ${answer.slice(9, 12)}` : "closed"));
          socket.on("connect", () => {
            socket.write(`POST /api/v1/activities?team=${fixture.slug} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${fixture.writerTokens[0]}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
            timer = setInterval(() => {
              if (Date.now() >= stopAt) return finish("drill over");
              socket.write(" ");
            }, byteEveryMs);
          });
        });
        endings[ending] = (endings[ending] ?? 0) + 1;
        if (ending !== "drill over") cutOffAfterMs.push(Date.now() - started);
      }
    };
    const normalClient = async (n: number) => {
      const token = fixture.writerTokens[n]!;
      for (let i = 0; Date.now() < stopAt; i++) {
        if (i % 2 === 0) {
          await timed("write", recorder, () =>
            fetch(`${target.app.url}/api/v1/activities?team=${fixture.slug}`, {
              method: "POST",
              headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
              body: JSON.stringify({ text: `slow-drill ${n} #${i} 回复社区帖子`, minutes: 15 }),
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            }),
          );
        } else {
          await timed("list", recorder, () =>
            fetch(`${target.app.url}/api/v1/activities?team=${fixture.slug}&limit=20`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
          );
        }
        // About a person's pace, and under the per-token limit (600 a minute).
        await sleep(150);
      }
    };
    await Promise.all([...Array.from({ length: withSlow ? slow : 0 }, () => slowClient()), ...Array.from({ length: normal }, (_, n) => normalClient(n))]);
    for (const socket of sockets) socket.destroy();
    const served = recorder.samples;
    return {
      ...summary(served, seconds),
      failed: served.filter((s) => s.status === 0 || s.status >= 400).length,
      over10s: served.filter((s) => s.ms > 10_000).length,
      slowEndings: endings,
      slowCutOffMedianMs: median(cutOffAfterMs),
    };
  };
  const alone = await phase(false);
  const withSlow = await phase(true);
  return { alone, withSlow };
}

// ---------------------------------------------------------------------------------------------------------------

const median = (values: number[]) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

async function withTarget<T>(kind: "pg" | "pglite", work: (target: Target) => Promise<T>): Promise<T> {
  const port = await freePort();
  if (kind === "pg") {
    const server = new PostgresServer();
    log(`starting a private PostgreSQL in ${server.dir}`);
    await server.init();
    const app = new App(port, { databaseUrl: server.url() });
    try {
      await app.start();
      return await work({ label: "PostgreSQL", app, databaseUrl: () => server.url(), pg: server });
    } finally {
      await app.stop();
      await server.stop();
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "opsmix-drill-pglite-"));
  const app = new App(port, { dataDir });
  try {
    await app.start();
    const databaseUrl = () => {
      const state = readEmbeddedState(dataDir);
      if (!state?.port) throw new Error("the embedded database is not running");
      return embeddedUrl(state.port, embeddedPassword(dataDir));
    };
    return await work({ label: "PGlite", app, databaseUrl });
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no production build: running next build first");
    execFileSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")} at start`;
  log(machine);
  const sections: string[] = [];
  const slowSections: string[] = [];
  let failed = false;
  const check = (ok: boolean, what: string) => {
    if (!ok) {
      failed = true;
      log(`FAILED: ${what}`);
    }
  };

  for (const kind of ["pg", "pglite"] as const) {
    if (!DATABASES.has(kind)) continue;
    const writers = kind === "pg" ? 50 : 10;
    await withTarget(kind, async (target) => {
      if (DRILLS.has("load")) {
        const runs: Awaited<ReturnType<typeof loadDrill>>[] = [];
        for (let run = 1; run <= RUNS; run++) {
          log(`${target.label} load: ${writers} writers + ${READERS} dashboard readers for ${SECONDS} s (run ${run}/${RUNS})`);
          const result = await loadDrill(target, writers, READERS, SECONDS);
          log(JSON.stringify(result));
          check(result.errors === 0, `${target.label} load run ${run}: ${result.errors} errors`);
          check(result.integrity.lost === 0 && result.integrity.duplicated === 0 && result.integrity.unacknowledged === 0 && result.integrity.rows === result.integrity.acknowledged, `${target.label} load run ${run}: rows ≠ acknowledged writes`);
          runs.push(result);
        }
        const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
        sections.push(
          [
            `### Load on ${target.label}: ${writers} writers + ${READERS} dashboard readers, ${SECONDS} s (median of ${runs.length} run${runs.length > 1 ? "s" : ""})`,
            "",
            "| | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
            `| writes (POST /api/v1/activities) | ${f1(m((r) => r.writes.perSecond))} | ${f0(m((r) => r.writes.p50))} | ${f0(m((r) => r.writes.p95))} | ${f0(m((r) => r.writes.p99))} | ${f0(m((r) => r.writes.max))} | ${runs.map((r) => r.errors).join(" / ")} |`,
            `| dashboard pages | ${f1(m((r) => r.reads.perSecond))} | ${f0(m((r) => r.reads.p50))} | ${f0(m((r) => r.reads.p95))} | ${f0(m((r) => r.reads.p99))} | ${f0(m((r) => r.reads.max))} | |`,
            "",
            `Rows in the database = acknowledged writes in every run: ${runs.map((r) => `${f0(r.integrity.rows)} = ${f0(r.integrity.acknowledged)}`).join("; ")} (lost ${runs.map((r) => r.integrity.lost).join("/")}, duplicated ${runs.map((r) => r.integrity.duplicated).join("/")}, unacknowledged rows ${runs.map((r) => r.integrity.unacknowledged).join("/")}).`,
          ].join("\n"),
        );
      }
      if (DRILLS.has("crash")) {
        log(`${target.label} crash drill with ${Math.min(writers, 20)} writers`);
        const result = await crashDrill(target, Math.min(writers, 20));
        log(JSON.stringify(result));
        const ok = result.drained && result.integrity.lost === 0 && result.integrity.duplicated === 0 && result.integrity.wrongId === 0;
        check(ok, `${target.label} crash: acknowledged writes lost or duplicated`);
        sections.push(
          [
            `### Crash on ${target.label}: kill -9 the app${target.pg ? ", then PostgreSQL," : " (and with it the embedded database it hosts)"} mid-load`,
            "",
            ...result.events.map((e) => `- ${e}`),
            "",
            `Writers retried failed requests with the same Idempotency-Key (${f0(result.failedRequestsRetried)} failed requests during the outages; statuses ${JSON.stringify(result.statuses)}).`,
            `Acknowledged ${f0(result.integrity.acknowledged)}; in the database ${f0(result.integrity.rows)} rows: lost ${result.integrity.lost}, duplicated ${result.integrity.duplicated}, id changed ${result.integrity.wrongId}, unacknowledged ${result.integrity.unacknowledged}. **${ok ? "Every acknowledged write present exactly once." : "FAILED"}**`,
          ].join("\n"),
        );
      }
      if (DRILLS.has("overload") && kind === "pg") {
        for (const withPages of [false, true]) {
          const what = withPages ? "reports, lists and dashboard pages" : "reports and lists (API)";
          log(`${target.label} overload: 200 connections for 30 s on ${what}`);
          const result = await overloadDrill(target, 200, 30, withPages);
          log(JSON.stringify(result));
          const ok = result.over10s === 0 && result.non503Errors === 0 && Number.isFinite(result.recoveredAfterMs);
          // The API is what this drill promises; pages under the same storm are measured and reported as they are.
          if (!withPages) check(ok, `overload (${what}): requests past 10 s or errors other than 503, or no recovery`);
          else if (!ok) log(`overload (${what}): requests past 10 s or errors other than 503 (reported, see RESULTS.md)`);
          sections.push(
            [
              `### Overload on ${target.label}: 200 connections for 30 s on ${what} (pool 10, acquire timeout 5 s)${ok ? "" : " — bound not held"}`,
              "",
              "| requests | answered/s | p50 ms | p95 ms | p99 ms | max ms | statuses | > 10 s | 503 p50 / max ms | recovered after |",
              "|---:|---:|---:|---:|---:|---:|---|---:|---|---:|",
              `| ${f0(result.requests)} | ${f1(result.perSecond)} | ${f0(result.p50)} | ${f0(result.p95)} | ${f0(result.p99)} | ${f0(result.max)} | ${Object.entries(result.statuses).map(([s, n]) => `${s}: ${n}`).join(", ")} | ${result.over10s} | ${f0(result.refusedP50)} / ${f0(result.refusedMax)} | ${f0(result.recoveredAfterMs)} ms |`,
              "",
              "| by request | alone ms | requests | p50 ms | p99 ms | max ms | statuses | > 10 s |",
              "|---|---:|---:|---:|---:|---:|---|---:|",
              ...Object.entries(result.byKind).map(
                ([kind, k]) =>
                  `| ${kind.replace("overload-", "")} | ${f0(result.baseline[kind]!)} | ${f0(k.requests)} | ${f0(k.p50)} | ${f0(k.p99)} | ${f0(k.max)} | ${Object.entries(k.statuses).map(([s, n]) => `${s}: ${n}`).join(", ")} | ${k.over10s} |`,
              ),
              "",
              `A probe that touches no database (GET /api/v1/openapi.json, once a second) took ${f0(result.probeP50)} ms at the median and ${f0(result.probeMax)} ms at most meanwhile. Status 0 is the client's 15 s timeout. \`report\` is GET /api/v1/reports/effort (12 weeks by member, week, role and stage), \`list\` a filtered GET /api/v1/activities${withPages ? ", `page` the dashboard page" : ""}; the team holds 300,000 entries.`,
            ].join("\n"),
          );
        }
      }
      if (DRILLS.has("slow")) {
        const runs: Awaited<ReturnType<typeof slowClientsDrill>>[] = [];
        const loads: string[] = [];
        for (let run = 1; run <= RUNS; run++) {
          log(`${target.label} slow clients: 20 slow-body clients + 5 normal clients, ${SLOW_SECONDS} s alone then ${SLOW_SECONDS} s with them (run ${run}/${RUNS})`);
          loads.push(loadavg()[0]!.toFixed(1));
          const result = await slowClientsDrill(target, 20, 5, SLOW_SECONDS, 2000);
          log(JSON.stringify(result));
          check(result.withSlow.failed === 0 && result.withSlow.over10s === 0 && result.withSlow.requests > 0, `${target.label} slow clients run ${run}: normal requests failed or took over 10 s`);
          runs.push(result);
        }
        const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
        const row = (label: string, pick: (r: (typeof runs)[number]) => ReturnType<typeof summary> & { failed: number; over10s: number }) =>
          `| ${label} | ${f1(m((r) => pick(r).perSecond))} | ${f0(m((r) => pick(r).p50))} | ${f0(m((r) => pick(r).p95))} | ${f0(m((r) => pick(r).max))} | ${runs.map((r) => pick(r).failed).join(" / ")} | ${runs.map((r) => pick(r).over10s).join(" / ")} |`;
        slowSections.push(
          [
            `### Slow clients on ${target.label}: 20 clients trickling a 1,000-byte body (one byte every 2 s) + 5 normal clients, ${SLOW_SECONDS} s (median of ${runs.length} run${runs.length > 1 ? "s" : ""})`,
            "",
            "| normal traffic (writes and lists) | requests/s | p50 ms | p95 ms | max ms | failed (per run) | > 10 s (per run) |",
            "|---|---:|---:|---:|---:|---|---|",
            row("alone", (r) => r.alone),
            row("with 20 slow clients", (r) => r.withSlow),
            "",
            `The slow clients were cut off by the server after ${runs.map((r) => f0(r.withSlow.slowCutOffMedianMs)).join(" / ")} ms at the median (requestTimeout 30 s); how their connections ended, per run: ${runs.map((r) => JSON.stringify(r.withSlow.slowEndings)).join("; ")}. Load average (1 min) at the start of each run: ${loads.join(" / ")}.`,
          ].join("\n"),
        );
      }
    });
  }

  const report = [
    "## Hardening drills",
    "",
    `\`npm run bench:drills\` (bench/drills.ts), ${new Date().toISOString().slice(0, 10)}. ${machine}. The app is \`npm start\`'s server (scripts/start.ts → scripts/serve.ts: Next's request handler behind the admission gate, default limits) on 127.0.0.1; PostgreSQL ${path.basename(path.dirname(postgresBinSafe()))} is a private server on 127.0.0.1 (fsync on). Every request has a 15 s client timeout. Load and crash drills gate on zero errors and rows = acknowledged writes; the overload drill gates on the API (no request past 10 s, no error but 503, recovery on its own). The storm that adds dashboard pages is reported as measured.`,
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
  const slowReport = [
    "## Slow-clients drill",
    "",
    `\`npm run bench:drills -- --only slow\` (bench/drills.ts), ${new Date().toISOString().slice(0, 10)}. ${machine}. The app is \`npm start\`'s server with its default limits (headers 10 s, whole request 30 s, 64 bodies received at once, admission gate at pool size). Normal clients have a 15 s timeout; the drill passes when none of their requests fails or takes over 10 s while the slow clients run.`,
    "",
    ...slowSections.flatMap((s) => [s, ""]),
  ].join("\n");
  if (sections.length) console.log(`\n${report}`);
  if (slowSections.length) console.log(`\n${slowReport}`);
  if (!flags["no-write"] && sections.length) writeSection("## Hardening drills", report);
  if (!flags["no-write"] && slowSections.length) writeSection("## Slow-clients drill", slowReport);
  process.exit(failed ? 1 : 0);
}

function postgresBinSafe(): string {
  try {
    return postgresBin();
  } catch {
    return "/none/none/bin";
  }
}

/** Replaces (or appends) one "## ..." section of bench/RESULTS.md, leaving other sections alone. */
function writeSection(heading: string, section: string): void {
  const file = path.join(ROOT, "bench", "RESULTS.md");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const start = current.indexOf(heading);
  let next = start < 0 ? -1 : current.indexOf("\n## ", start + 5);
  if (next >= 0) next += 1;
  const updated = start < 0 ? `${current.trimEnd()}\n\n${section.trimEnd()}\n` : `${current.slice(0, start)}${section.trimEnd()}\n${next >= 0 ? `\n${current.slice(next)}` : ""}`;
  writeFileSync(file, updated);
  log(`wrote the "${heading.slice(3)}" section of ${path.relative(ROOT, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
