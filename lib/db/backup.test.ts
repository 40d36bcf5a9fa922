// Backup and restore round trip: `cli backup FILE` of a database holding every table (awkward values included),
// `cli restore FILE` into an empty one, and both hold identical data. Runs on whichever database the suite uses:
// two throwaway embedded servers, or two scratch databases on the PostgreSQL server of DATABASE_URL.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { backupDatabase, BACKUP_TABLES, restoreDatabase } from "./backup";
import { disconnectPrisma, getPrisma } from "./client";
import { startEmbedded } from "./embedded";
import { migrateDatabase } from "./migrate";

interface Scratch {
  source: string;
  target: string;
  embedded: boolean;
  cleanup(): Promise<void>;
}

async function scratchDatabases(): Promise<Scratch> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl && process.env.OPSMIX_EMBEDDED !== "1") {
    const names = ["src", "dst"].map((side) => `opsmix_backup_${side}_${randomUUID().slice(0, 8)}`);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
    const urlFor = (name: string) => {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    };
    return {
      source: urlFor(names[0]!),
      target: urlFor(names[1]!),
      embedded: false,
      async cleanup() {
        for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await admin.end();
      },
    };
  }
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "opsmix-backup-test-")));
  const servers = await Promise.all(dirs.map((dataDir) => startEmbedded({ dataDir, handleSignals: false })));
  return {
    source: servers[0]!.url,
    target: servers[1]!.url,
    embedded: true,
    async cleanup() {
      await Promise.all(servers.map((server) => server.close()));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Points this process (its Prisma client, backup and restore) at one database. */
async function use(url: string, embedded: boolean): Promise<void> {
  await disconnectPrisma();
  process.env.DATABASE_URL = url;
  if (embedded) process.env.OPSMIX_EMBEDDED = "1";
}

/** Runs the admin CLI as an operator would (asynchronously: this process may be serving the embedded database). */
function cli(args: string[], url: string, embedded: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
      { env: { ...process.env, DATABASE_URL: url, OPSMIX_EMBEDDED: embedded ? "1" : "" }, encoding: "utf8" },
      (error, stdout, stderr) => (error ? reject(new Error(`cli ${args.join(" ")}: ${stderr || error.message}`)) : resolve(stdout)),
    );
  });
}

const AWKWARD = ["林 <b>&\"' \\ 😀", "\u202eRTL\u202c עברית", "line\nbreak\ttab", "𠜎 NFC é vs e\u0301", "'; DROP TABLE \"User\"; --", "x".repeat(2000)];

/** Rows in every table, with the values most likely to be bent on the way: floats, JSON, dates, nulls, unicode. */
async function seed(): Promise<void> {
  const prisma = getPrisma();
  const user = await prisma.user.create({
    data: { email: "backup@example.test", name: AWKWARD[0]!, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", sessionVersion: 3, disabledAt: new Date("2026-01-02T03:04:05.678Z"), locale: "en" },
  });
  const other = await prisma.user.create({
    data: { email: "other@example.test", name: AWKWARD[1]!, passwordHash: "x", breakGlass: true, oidcIssuer: "https://idp.example.test", oidcSubject: AWKWARD[2]!.slice(0, 40) },
  });
  const team = await prisma.team.create({
    data: { slug: "backup-team", name: AWKWARD[3]!, timeZone: "America/Los_Angeles", reviewThreshold: 0.1 + 0.2, hideLibraryNames: true, modelVersion: 7 },
  });
  await prisma.membership.createMany({
    data: [
      { teamId: team.id, userId: user.id, role: "admin", tourCompletedAt: new Date("2026-03-04T05:06:07.089Z") },
      { teamId: team.id, userId: other.id, role: "member" },
    ],
  });
  await prisma.invite.create({ data: { teamId: team.id, tokenHash: "a".repeat(64), role: "manager", email: null, expiresAt: new Date("2027-01-01T00:00:00.001Z"), createdById: user.id } });
  await prisma.apiToken.create({ data: { userId: user.id, name: AWKWARD[4]!, tokenHash: "b".repeat(64), prefix: "om_abcdefg", lastUsedAt: new Date(), revokedAt: null } });
  const roles = ["user", "content", "community", "new_media", "business", "product", "activity", "marketing"] as const;
  const stages = ["acquisition", "connection", "activation", "retention", "referral"] as const;
  // Over one backup page (5,000 rows), so paging is part of the round trip.
  const activities = Array.from({ length: 5_300 }, (_, n) => ({
    id: `act${String(n).padStart(6, "0")}`,
    teamId: team.id,
    authorId: n % 3 ? user.id : other.id,
    text: `${AWKWARD[n % AWKWARD.length]!.slice(0, 200)} #${n}`,
    dateWorked: new Date(Date.UTC(2025, 0, 1 + (n % 600))),
    minutes: n % 7 ? (n % 1440) + 1 : null,
    role: n % 11 ? roles[n % roles.length] : null,
    stage: n % 13 ? stages[n % stages.length] : null,
    tagSource: (["auto", "confirmed", "corrected"] as const)[n % 3],
    roleConfidence: n % 5 ? 1 / (n + 3) : null,
    stageConfidence: Math.PI / (n + 1),
    needsReview: n % 2 === 0,
    explanation: n % 4 ? { words: [{ w: AWKWARD[n % AWKWARD.length]!.slice(0, 20), weight: 1e-7 * n }], nested: { ok: true, none: null, n } } : undefined,
    version: (n % 5) + 1,
    idempotencyKey: n % 2 ? `key-${n}` : null,
    importKey: n % 3 ? null : `import-${n}`,
    deletedAt: n % 17 ? null : new Date("2026-05-05T05:05:05.005Z"),
  }));
  // 500 rows a statement: all 5,300 at once outlasted the embedded client's 15 s query timeout ("Query read timeout")
  // with two test files at a time at load 21 (this process also runs both embedded servers).
  for (let i = 0; i < activities.length; i += 500) await prisma.activity.createMany({ data: activities.slice(i, i + 500) });
  await prisma.trainingExample.create({ data: { teamId: team.id, activityId: "act000001", text: AWKWARD[2]!, role: "community", stage: "activation", createdById: user.id } });
  await prisma.targetMix.createMany({ data: stages.map((key, i) => ({ teamId: team.id, dimension: "stage", key, share: [0.1, 0.2, 0.3, 0.15, 0.25][i]! })) });
  await prisma.goldenExample.create({ data: { teamId: team.id, activityId: "act000002", comment: AWKWARD[5]!.slice(0, 280), pinnedById: user.id } });
  await prisma.comment.createMany({
    data: [
      { teamId: team.id, authorId: user.id, memberId: other.id, activityId: "act000003", week: "2025-W01", text: AWKWARD[2]!, correction: { from: { role: null, stage: "retention" }, to: { role: "product", stage: "referral" } }, seenAt: new Date("2026-02-03T04:05:06.007Z") },
      { teamId: team.id, authorId: user.id, memberId: other.id, activityId: null, week: "2026-W49", text: AWKWARD[0]!, editedAt: new Date("2026-12-06T01:02:03.004Z") },
    ],
  });
  await prisma.quizAnswer.create({ data: { teamId: team.id, userId: other.id, itemRef: "seed:x", expectedRole: "user", expectedStage: "retention", answeredRole: "product", answeredStage: "referral" } });
  await prisma.auditEvent.create({ data: { teamId: team.id, actorId: user.id, action: "team.create", detail: { from: { role: null }, to: [1, 2.5, "三"] }, ip: "::ffff:127.0.0.1" } });
  await prisma.auditEvent.create({ data: { action: "auth.signin.failure", detail: { email: AWKWARD[0]! } } });
  await prisma.rateLimit.create({ data: { key: "signin:ip:203.0.113.1", count: 4, resetAt: new Date("2030-01-01T00:00:00.000Z") } });
  await prisma.revokedSession.create({ data: { sid: "x2YbA9-signed-out", userId: user.id, expiresAt: new Date("2030-01-01T00:00:00.000Z") } });
  await prisma.teamEmailDomain.create({ data: { domain: "xn--fiqs8s.example", teamId: team.id, createdById: user.id } });
  await prisma.teamCalendar.create({ data: { teamId: team.id, workingDays: [1, 2, 3, 4, 6], holidays: ["2026-10-01", "2026-10-02"] } });
  await prisma.rhythmSchedule.create({ data: { teamId: team.id, reminderEnabled: true, reminderTime: "17:45", digestEnabled: true, digestWeekday: 5, digestChat: false } });
  await prisma.reminderPreference.create({ data: { teamId: team.id, userId: other.id, quietDays: [3, 5], snoozedOn: new Date("2026-12-07T00:00:00Z") } });
  await prisma.job.create({
    data: { teamId: team.id, kind: "reminder", key: `reminder:${team.id}:2026-12-07`, period: "2026-12-07", runAt: new Date("2026-12-07T09:30:00.000Z"), status: "failed", attempts: 4, lastError: AWKWARD[1]!, result: { sent: 2, failed: [{ error: "smtp_unreachable" }] } },
  });
  await prisma.testClock.create({ data: { id: 1, offsetMs: BigInt(-86_400_000 * 9) } });
  const channel = await prisma.deliveryChannel.create({
    data: { teamId: team.id, kind: "lark", name: AWKWARD[1]!.slice(0, 60), secretBox: "v1.c2VhbGVk", secretSavedAt: new Date("2026-06-01T00:00:00.001Z"), urlHost: "open.feishu.cn", hasSigningSecret: true },
  });
  await prisma.deliveryAttempt.create({ data: { teamId: team.id, channelId: channel.id, purpose: "test", status: "failed", errorCode: "rejected", errorDetail: AWKWARD[2]!.slice(0, 300), httpStatus: 200, recipients: 1 } });
  await prisma.deliveryClaim.create({ data: { key: `${channel.id}:reminder:2026-12-07`, channelId: channel.id, state: "sent", owner: "o1", leaseUntil: new Date("2026-12-07T10:00:00.000Z") } });
  await prisma.passwordResetLink.create({
    data: { userId: other.id, teamId: team.id, createdById: user.id, tokenHash: "cd".repeat(32), expiresAt: new Date("2030-01-02T00:00:00.000Z") },
  });
  await prisma.reauthGrant.create({
    data: { userId: user.id, sessionId: "x2YbA9-session", purpose: "token.create", stateHash: "ab".repeat(32), nonce: "n", codeVerifier: "v", expiresAt: new Date("2030-01-01T00:00:00.000Z"), confirmedAt: new Date("2029-12-31T23:55:00.000Z") },
  });
}

/** Every row of every table, in primary-key order, as the database itself renders it. */
async function dump(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out: Record<string, string[]> = {};
  try {
    for (const table of BACKUP_TABLES) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t ORDER BY row_to_json(t)::text`);
      out[table] = rows.map((r) => r.row);
    }
  } finally {
    await client.end();
  }
  return out;
}

describe("backup and restore", () => {
  it("backs up every table of the schema (a new table cannot be forgotten)", () => {
    const schema = readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1]!).sort();
    assert.deepEqual([...BACKUP_TABLES].sort(), models);
  });

  let scratch: Scratch;
  let dir: string;
  const saved = { url: process.env.DATABASE_URL, embedded: process.env.OPSMIX_EMBEDDED };

  before(async () => {
    scratch = await scratchDatabases();
    dir = mkdtempSync(path.join(tmpdir(), "opsmix-backup-files-"));
    await migrateDatabase(scratch.source);
    await migrateDatabase(scratch.target);
  });

  after(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = saved.url;
    process.env.OPSMIX_EMBEDDED = saved.embedded;
    await scratch.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("restores exactly what was backed up, through the CLI", async () => {
    await use(scratch.source, scratch.embedded);
    await seed();
    await disconnectPrisma();
    const file = path.join(dir, "opsmix.jsonl");
    assert.match(await cli(["backup", file], scratch.source, scratch.embedded), /Backed up 2 User, 1 Team, .*5300 Activity/);
    assert.match(await cli(["restore", file], scratch.target, scratch.embedded), /Restored .*5300 Activity/);
    const [before, after] = await Promise.all([dump(scratch.source), dump(scratch.target)]);
    for (const table of BACKUP_TABLES) {
      assert.ok(before[table]!.length > 0, `${table} was seeded`);
      assert.deepEqual(after[table], before[table], `${table} differs after the round trip`);
    }
    // And read back through the app's own client, values keep their types and precision.
    await use(scratch.target, scratch.embedded);
    const team = await getPrisma().team.findUniqueOrThrow({ where: { slug: "backup-team" } });
    assert.equal(team.reviewThreshold, 0.1 + 0.2);
    const activity = await getPrisma().activity.findUniqueOrThrow({ where: { id: "act000005" } });
    assert.equal(activity.stageConfidence, Math.PI / 6);
    assert.equal(activity.text, `${AWKWARD[5]!.slice(0, 200)} #5`);
  });

  it("writes the backup (it holds password hashes) readable by its owner only, whatever was there before", async () => {
    const file = path.join(dir, "private.jsonl");
    writeFileSync(file, "old", { mode: 0o644 });
    writeFileSync(`${file}.partial`, "left over", { mode: 0o666 });
    chmodSync(`${file}.partial`, 0o666);
    await use(scratch.source, scratch.embedded);
    await backupDatabase(file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it("refuses to restore over data, and a damaged file restores nothing", async () => {
    const file = path.join(dir, "second.jsonl");
    await use(scratch.source, scratch.embedded);
    await backupDatabase(file);
    await use(scratch.target, scratch.embedded);
    await assert.rejects(restoreDatabase(file), /empty database/);
    // An empty target and a file cut short: the transaction rolls back, leaving no rows at all.
    await getPrisma().$executeRawUnsafe(`TRUNCATE ${BACKUP_TABLES.map((t) => `"${t}"`).join(", ")} CASCADE`);
    const lines = readFileSync(file, "utf8").split("\n");
    writeFileSync(path.join(dir, "damaged.jsonl"), [...lines.slice(0, 4000), "{not json"].join("\n"));
    await assert.rejects(restoreDatabase(path.join(dir, "damaged.jsonl")), /damaged/);
    assert.equal(await getPrisma().activity.count(), 0);
    assert.equal(await getPrisma().user.count(), 0);
  });

  it("restores a backup made before a later migration, and refuses one from a newer schema", async () => {
    const file = path.join(dir, "third.jsonl");
    await use(scratch.source, scratch.embedded);
    await backupDatabase(file);
    const [headerLine, ...records] = readFileSync(file, "utf8").trim().split("\n");
    const header = JSON.parse(headerLine!) as { migrations: string[] };
    assert.ok(header.migrations.length >= 2, "the schema has more than one migration");
    // As an older OpsMix wrote it: one migration fewer, no RevokedSession rows, and no Team.modelVersion column.
    const older = records
      .map((line) => JSON.parse(line) as { table: string; row: Record<string, unknown> })
      .filter((record) => record.table !== "RevokedSession")
      .map((record) => {
        if (record.table === "Team") delete record.row.modelVersion;
        return JSON.stringify(record);
      });
    writeFileSync(path.join(dir, "older.jsonl"), [JSON.stringify({ ...header, migrations: header.migrations.slice(0, -1) }), ...older].join("\n"));
    writeFileSync(path.join(dir, "newer.jsonl"), [JSON.stringify({ ...header, migrations: [...header.migrations, "29990101000000_future"] }), ...records].join("\n"));

    await use(scratch.target, scratch.embedded);
    await getPrisma().$executeRawUnsafe(`TRUNCATE ${BACKUP_TABLES.map((t) => `"${t}"`).join(", ")} CASCADE`);
    await assert.rejects(restoreDatabase(path.join(dir, "newer.jsonl")), /newer or different OpsMix/);
    assert.equal(await getPrisma().user.count(), 0);
    assert.match(await restoreDatabase(path.join(dir, "older.jsonl")), /5300 Activity/);
    const team = await getPrisma().team.findUniqueOrThrow({ where: { slug: "backup-team" } });
    assert.equal(team.modelVersion, 0, "a column the backup lacks takes its default");
    assert.equal(await getPrisma().revokedSession.count(), 0);
  });
});
