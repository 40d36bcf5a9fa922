// Reminders and the digest end to end below the channels: who is reminded (logged, snoozed, opted out, quiet days,
// holidays), one message per person in their language plus one chat list, nothing twice when a job runs again or is
// taken over, a failing channel retried; the digest's figures against SQL, in each manager's language.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { dateColumn } from "@/lib/activities/rules";
import { openTestDatabase } from "@/lib/reports/test-database";
import { claimJob, enqueueJob } from "@/lib/jobs/queue";
import { expireLease } from "@/lib/jobs/test-lease";
import { runClaimed, type JobRunners } from "@/lib/jobs/worker";
import { runDigestJob } from "./digest-job";
import type { Delivery, OutboundMessage, SendOutcome } from "./outbox";
import { runReminderJob } from "./reminder-job";
import { forgetEnqueued, scheduleRhythmJobs } from "./scheduler";

interface Sent {
  channelId: string;
  key: string;
  to: string[];
  message: OutboundMessage;
}

/** A channel layer that keeps what it delivered, refuses a key twice (as lib/delivery does) and can be made to fail. */
function fakeDelivery(channels: { id: string; kind: string }[]) {
  const delivered = new Map<string, Sent>();
  const failing = new Map<string, SendOutcome>();
  const delivery: Delivery = {
    listChannels: async () => channels,
    sendToChannel: async (input) => {
      const fail = failing.get(input.channelId);
      if (fail) return fail;
      if (delivered.has(input.idempotencyKey!)) return { ok: true, duplicate: true };
      delivered.set(input.idempotencyKey!, { channelId: input.channelId, key: input.idempotencyKey!, to: (input.recipients ?? []).map((r) => r.email), message: input.message });
      return { ok: true };
    },
  };
  return { delivery, delivered, failing };
}

describe("reminders and digest", () => {
  let database: { close(): Promise<void> };
  let teamId: string;
  const people: Record<string, { id: string; email: string }> = {};
  const suffix = randomUUID().slice(0, 8);
  const FRIDAY = "2026-11-27";
  const AT_1731 = new Date("2026-11-27T09:31:00Z"); // 17:31 in Shanghai

  before(async () => {
    database = await openTestDatabase();
    const team = await prisma.team.create({ data: { slug: `rem-${suffix}`, name: "增长组" }, select: { id: true } });
    teamId = team.id;
    const specs = [
      ["Manager", "manager", "zh-CN"],
      ["Logged", "member", "zh-CN"],
      ["Snoozed", "member", "zh-CN"],
      ["OptedOut", "member", "en"],
      ["Quiet", "member", "en"],
      ["Forgot", "member", "en"],
      ["Gone", "member", "zh-CN"],
      ["Admin", "admin", "en"],
    ] as const;
    for (const [name, role, locale] of specs) {
      const email = `${name.toLowerCase()}-${suffix}@example.test`;
      const user = await prisma.user.create({ data: { email, name, passwordHash: "x", locale, disabledAt: name === "Gone" ? new Date() : null }, select: { id: true } });
      await prisma.membership.create({ data: { teamId, userId: user.id, role } });
      people[name] = { id: user.id, email };
    }
    await prisma.rhythmSchedule.create({ data: { teamId, reminderEnabled: true, reminderTime: "17:30", digestEnabled: true } });
    await prisma.activity.create({ data: { teamId, authorId: people.Logged!.id, text: "写了活动复盘", dateWorked: dateColumn(FRIDAY), role: "activity", stage: "retention", minutes: 60 } });
    // A deleted entry does not count as logging.
    await prisma.activity.create({ data: { teamId, authorId: people.Forgot!.id, text: "deleted", dateWorked: dateColumn(FRIDAY), deletedAt: new Date() } });
    await prisma.reminderPreference.createMany({
      data: [
        { teamId, userId: people.Snoozed!.id, snoozedOn: dateColumn(FRIDAY) },
        { teamId, userId: people.OptedOut!.id, optedOut: true },
        { teamId, userId: people.Quiet!.id, quietDays: [5] },
      ],
    });
  });

  beforeEach(async () => {
    await prisma.job.deleteMany({});
    forgetEnqueued();
  });

  after(async () => {
    await database.close();
  });

  function runners(delivery: Delivery): JobRunners {
    return {
      schedule: scheduleRhythmJobs,
      run: { reminder: (job, now) => runReminderJob(job, delivery, null, now), digest: (job, now) => runDigestJob(job, delivery, null, now) },
    };
  }

  async function runDue(delivery: Delivery, now: Date, worker = "w1"): Promise<string[]> {
    const states: string[] = [];
    await scheduleRhythmJobs(now);
    for (let job = await claimJob(worker, now); job; job = await claimJob(worker, now)) states.push(await runClaimed(job, worker, runners(delivery), now));
    return states;
  }

  it("reminds exactly the people who have not logged, once each, in their language, and lists them in chat", async () => {
    const { delivery, delivered } = fakeDelivery([{ id: "mail", kind: "email" }, { id: "lark", kind: "lark" }]);
    assert.deepEqual(await runDue(delivery, new Date("2026-11-27T09:29:00Z")), [], "17:29: not yet");
    assert.deepEqual(await runDue(delivery, AT_1731), ["done"]);
    const mails = [...delivered.values()].filter((s) => s.channelId === "mail");
    assert.deepEqual(mails.map((m) => m.to[0]).sort(), [people.Admin!.email, people.Forgot!.email, people.Manager!.email].sort());
    const forgot = mails.find((m) => m.to[0] === people.Forgot!.email)!;
    assert.equal(forgot.key, `reminder:${teamId}:${FRIDAY}:${people.Forgot!.id}`);
    assert.match(forgot.message.title, /have not logged today/);
    assert.match(forgot.message.text, new RegExp(`/t/rem-${suffix}/today`));
    const manager = mails.find((m) => m.to[0] === people.Manager!.email)!;
    assert.match(manager.message.title, /你今天还没有记录工作/);
    const chat = [...delivered.values()].filter((s) => s.channelId === "lark");
    assert.equal(chat.length, 1);
    assert.match(chat[0]!.message.text, /3 people have not logged today yet: Manager, Forgot, Admin\./, "in the language most of them read");
    // Every instance's scheduler and worker running again: the job exists once and is done; nothing more goes out.
    assert.deepEqual(await runDue(delivery, new Date(AT_1731.getTime() + 3600_000), "w2"), []);
    assert.equal(delivered.size, 4);
    assert.equal(await prisma.job.count({ where: { teamId, kind: "reminder" } }), 1);
  });

  it("an instance that dies mid-run is replaced and nobody gets a second reminder", async () => {
    const { delivery, delivered } = fakeDelivery([{ id: "mail", kind: "email" }]);
    await scheduleRhythmJobs(AT_1731);
    const first = await claimJob("dying", AT_1731);
    // It sent one e-mail before it died.
    const partial: Delivery = { ...delivery, listChannels: delivery.listChannels, sendToChannel: async (input) => (delivered.size === 0 ? delivery.sendToChannel(input) : { ok: false, error: "instance died", retryable: true }) };
    await runReminderJob(first!, partial, null, AT_1731);
    assert.equal(delivered.size, 1);
    await expireLease(first!.id);
    assert.deepEqual(await runDue(delivery, AT_1731, "survivor"), ["done"]);
    assert.equal(delivered.size, 3, "each of the three once");
    const row = await prisma.job.findFirstOrThrow({ where: { teamId, kind: "reminder" }, select: { attempts: true, result: true } });
    assert.equal(row.attempts, 2);
    assert.deepEqual((row.result as { sent: number; duplicates: number }).duplicates, 1);
  });

  it("a failing channel is retried with backoff, sending only what is missing, and the job fails when tries run out", async () => {
    const { delivery, delivered, failing } = fakeDelivery([{ id: "mail", kind: "email" }, { id: "hook", kind: "webhook" }]);
    failing.set("hook", { ok: false, error: "unreachable", retryable: true });
    assert.deepEqual(await runDue(delivery, AT_1731), ["retry"]);
    assert.equal(delivered.size, 3, "the e-mails went");
    let job = await prisma.job.findFirstOrThrow({ where: { teamId, kind: "reminder" }, select: { status: true, lastError: true, runAt: true } });
    assert.equal(job.status, "pending");
    assert.match(job.lastError!, /1 of 4 not delivered: unreachable/);
    assert.equal(job.runAt.toISOString(), new Date(AT_1731.getTime() + 60_000).toISOString());
    failing.delete("hook");
    assert.deepEqual(await runDue(delivery, new Date(AT_1731.getTime() + 60_000)), ["done"]);
    assert.equal(delivered.size, 4);
    // A wrong secret does not pass by waiting: failed at once, and shown so.
    await prisma.job.deleteMany({});
    forgetEnqueued();
    const second = fakeDelivery([{ id: "hook", kind: "webhook" }]);
    second.failing.set("hook", { ok: false, error: "bad_signature", retryable: false });
    assert.deepEqual(await runDue(second.delivery, AT_1731), ["failed"]);
    job = await prisma.job.findFirstOrThrow({ where: { teamId, kind: "reminder" }, select: { status: true, lastError: true, runAt: true } });
    assert.deepEqual([job.status, job.lastError], ["failed", "1 of 1 not delivered: bad_signature"]);
  });

  it("sends nothing on a holiday, or when reminders were switched off after the job was queued", async () => {
    const { delivery, delivered } = fakeDelivery([{ id: "mail", kind: "email" }]);
    await prisma.teamCalendar.create({ data: { teamId, holidays: [FRIDAY] } });
    assert.deepEqual(await runDue(delivery, AT_1731), []);
    await prisma.teamCalendar.delete({ where: { teamId } });
    await enqueueJob(teamId, { kind: "reminder", period: FRIDAY, key: `reminder:${teamId}:${FRIDAY}`, runAt: AT_1731 });
    await prisma.rhythmSchedule.update({ where: { teamId }, data: { reminderEnabled: false } });
    assert.deepEqual(await runDue(delivery, AT_1731), ["done"]);
    assert.equal(delivered.size, 0);
    await prisma.rhythmSchedule.update({ where: { teamId }, data: { reminderEnabled: true } });
  });

  it("the Monday digest reaches managers and admins in their language with last week's figures", async () => {
    const { delivery, delivered } = fakeDelivery([{ id: "mail", kind: "email" }, { id: "lark", kind: "lark" }]);
    const monday = new Date("2026-11-30T01:00:00Z"); // 09:00 in Shanghai
    await prisma.activity.create({ data: { teamId, authorId: people.Forgot!.id, text: "社群答疑", dateWorked: dateColumn("2026-11-25"), role: "community", stage: "retention", minutes: 30 } });
    assert.deepEqual(await runDue(delivery, monday), ["done"]);
    const mails = [...delivered.values()].filter((s) => s.channelId === "mail");
    assert.deepEqual(mails.map((m) => m.to[0]).sort(), [people.Admin!.email, people.Manager!.email].sort());
    const zh = mails.find((m) => m.to[0] === people.Manager!.email)!.message;
    const en = mails.find((m) => m.to[0] === people.Admin!.email)!.message;
    assert.equal(zh.title, "增长组 每周摘要 · 2026-W48（2026-11-23 至 2026-11-29）");
    assert.match(en.title, /^增长组 weekly digest · 2026-W48/);
    const [{ count }] = await prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM "Activity" WHERE "teamId" = $1 AND "deletedAt" IS NULL AND "dateWorked" BETWEEN '2026-11-23' AND '2026-11-29'`,
      teamId,
    );
    assert.equal(Number(count), 2);
    assert.match(en.text, /2 entries/);
    assert.match(zh.text, /Logged：1\/5 天/);
    assert.match(en.text, /Manager: 0 of 5 days/);
    assert.match(en.text, /Nobody logged every working day/);
    assert.match(en.text, /Referral/i, "an empty funnel stage is named");
    assert.match(en.text, /report\?week=2026-W48/);
    assert.equal([...delivered.values()].filter((s) => s.channelId === "lark").length, 1);
    assert.ok([...delivered.keys()].every((key) => key.startsWith(`digest:${teamId}:2026-W48`)));
  });

  it("a comment (feedback to one member) reaches managers' e-mail digest but never the team's chat channel", async () => {
    const { delivery, delivered } = fakeDelivery([{ id: "mail", kind: "email" }, { id: "lark", kind: "lark" }]);
    const monday = new Date("2026-11-30T01:00:00Z");
    const comments = async () => [{ author: { name: "Manager" }, member: { name: "Forgot" }, text: "请补上周三的复盘" }];
    await scheduleRhythmJobs(monday);
    const job = await claimJob("w1", monday);
    assert.ok(job);
    await runDigestJob(job, delivery, comments, monday);
    const sends = [...delivered.values()];
    assert.ok(sends.some((s) => s.channelId === "mail" && s.message.text.includes("请补上周三的复盘")), "the managers read it by e-mail");
    const chat = sends.filter((s) => s.channelId === "lark");
    assert.equal(chat.length, 1);
    assert.ok(!chat[0]!.message.text.includes("请补上周三的复盘") && !chat[0]!.message.markdown.includes("请补上周三的复盘"), chat[0]!.message.text);
  });
});
