// Managers' comments against a real database: who may comment, edit and read them; a comment that changes a tag is a
// manager's correction that teaches the team at once; bad input and stale entries write nothing; a deleted entry's
// comments go with it; the digest's plain data.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { createActivities, deleteActivity, restoreActivity, updateActivity } from "@/lib/activities/mutations";
import { getTeamTagging, settleTeamModel } from "@/lib/activities/team-model";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess, TeamRole } from "@/lib/teams/access";
import { canComment, canEditComment, canSeeComments } from "@/lib/teams/permissions";
import { COMMENT_MAX, commentOnEntry, commentOnReport, deleteComment, editComment, markCommentsSeen } from "./mutations";
import { commentsForDigest, commentsForMember, commentsForMyWeek, commentsOnEntries, unreadCommentCount } from "./queries";

let database: { close(): Promise<void> };
let team: { id: string; slug: string };
let admin: TeamAccess;
let manager: TeamAccess;
let member: TeamAccess;
let otherMember: TeamAccess;

const TEXT = "回复社区帖子并整理用户反馈";
const TEAM_CALL = { role: "marketing", stage: "referral" } as const;

async function person(role: TeamRole, teamId = team.id, slug = team.slug): Promise<TeamAccess> {
  const user = await prisma.user.create({ data: { email: `${role}-${randomUUID().slice(0, 8)}@example.test`, name: `${role} ${randomUUID().slice(0, 4)}`, passwordHash: "x" }, select: { id: true } });
  await prisma.membership.create({ data: { teamId, userId: user.id, role } });
  return { teamId, slug, name: "Comments", timeZone: "Asia/Shanghai", role, userId: user.id };
}

async function logEntry(access: TeamAccess, text = TEXT, date = "2026-12-01") {
  return (await createActivities(access, [{ text, date }])).activities[0]!;
}

async function rejects(promise: Promise<unknown>, code: string, messageKey?: string) {
  await assert.rejects(promise, (error: { code?: string; messageKey?: string }) => error.code === code && (!messageKey || error.messageKey === messageKey));
}

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

beforeEach(async () => {
  const slug = `comments-${randomUUID().slice(0, 8)}`;
  team = await prisma.team.create({ data: { slug, name: "Comments" }, select: { id: true, slug: true } });
  [admin, manager, member, otherMember] = [await person("admin"), await person("manager"), await person("member"), await person("member")];
});

describe("who may comment and read comments", () => {
  it("managers and admins comment; members do not", () => {
    assert.equal(canComment(manager), true);
    assert.equal(canComment(admin), true);
    assert.equal(canComment(member), false);
  });

  it("the member a comment is about and those who see the team read it; another member does not", () => {
    assert.equal(canSeeComments(member, member.userId), true);
    assert.equal(canSeeComments(manager, member.userId), true);
    assert.equal(canSeeComments(otherMember, member.userId), false);
  });

  it("only the author edits or deletes a comment, and only while still a manager", () => {
    const comment = { authorId: manager.userId };
    assert.equal(canEditComment(manager, comment), true);
    assert.equal(canEditComment(admin, comment), false);
    assert.equal(canEditComment({ ...manager, role: "member" }, comment), false);
  });

  it("a member's attempt to comment is refused and writes nothing", async () => {
    const entry = await logEntry(otherMember);
    await rejects(commentOnEntry(member, { activityId: entry.id, text: "看起来不错" }), "forbidden");
    await rejects(commentOnReport(member, { member: otherMember.userId, week: "2026-W49", text: "看起来不错" }), "forbidden");
    assert.equal(await prisma.comment.count({ where: { teamId: team.id } }), 0);
  });

  it("another team's entry, member or comment is not found", async () => {
    const other = await prisma.team.create({ data: { slug: `other-${randomUUID().slice(0, 8)}`, name: "Other" }, select: { id: true, slug: true } });
    const outsider = await person("member", other.id, other.slug);
    const outsiderManager = await person("manager", other.id, other.slug);
    const theirs = await logEntry(outsider);
    await rejects(commentOnEntry(manager, { activityId: theirs.id, text: "hi" }), "not_found");
    await rejects(commentOnReport(manager, { member: outsider.userId, week: "2026-W49", text: "hi" }), "not_found");
    const ours = await commentOnEntry(manager, { activityId: (await logEntry(member)).id, text: "好" });
    await rejects(editComment(outsiderManager, ours.id, "改"), "not_found");
    await rejects(deleteComment(outsiderManager, ours.id), "not_found");
    await rejects(markCommentsSeen({ ...outsider, userId: member.userId }, [ours.id]), "not_found");
    await rejects(markCommentsSeen(otherMember, [ours.id]), "not_found");
    assert.equal(await unreadCommentCount(team.id, member.userId), 1, "nobody else marks a member's comment seen");
  });
});

describe("a comment that changes a tag is a manager's correction", () => {
  it("applies the new tags and teaches the team model at once", async () => {
    const cold = (await getTeamTagging(team.id)).classify(TEXT);
    assert.notDeepEqual({ role: cold.role, stage: cold.stage }, TEAM_CALL, "the engine alone would not make this call");
    const entry = await logEntry(member);
    const comment = await commentOnEntry(manager, { activityId: entry.id, text: "这是口碑传播，不是留存", ...TEAM_CALL, version: entry.version });
    assert.deepEqual(comment.correction, { from: { role: entry.role, stage: entry.stage }, to: TEAM_CALL });
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: entry.id }, select: { role: true, stage: true, tagSource: true, tagPending: true, needsReview: true } });
    assert.deepEqual(row, { ...TEAM_CALL, tagSource: "corrected", tagPending: false, needsReview: false });
    const example = await prisma.trainingExample.findUniqueOrThrow({ where: { teamId_activityId: { teamId: team.id, activityId: entry.id } }, select: { pending: true, role: true, stage: true } });
    assert.deepEqual(example, { pending: false, ...TEAM_CALL }, "taught at once, not waiting for review");
    await settleTeamModel(team.id);
    const learned = (await getTeamTagging(team.id)).classify(TEXT);
    assert.deepEqual({ role: learned.role, stage: learned.stage }, TEAM_CALL, "the team model follows the manager's call");
    const audit = await prisma.auditEvent.findMany({ where: { teamId: team.id, targetId: entry.id }, select: { action: true }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(audit.map((a) => a.action).sort(), ["activity.tag.correct", "comment.create"]);
  });

  it("a comment on an entry changed meanwhile saves neither the comment nor the tags", async () => {
    const entry = await logEntry(member);
    const edited = await updateActivity(member, entry.id, { version: entry.version, text: "回复社区帖子并整理用户反馈，共 30 条" });
    await rejects(commentOnEntry(manager, { activityId: entry.id, text: "改成口碑", ...TEAM_CALL, version: entry.version }), "conflict");
    assert.equal(await prisma.comment.count({ where: { teamId: team.id } }), 0);
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: entry.id }, select: { role: true, stage: true } });
    assert.deepEqual(row, { role: edited.role, stage: edited.stage }, "the member's edit stands, the stale correction is not applied");
  });

  it("a comment that keeps the tags changes nothing on the entry", async () => {
    const entry = await logEntry(member);
    const comment = await commentOnEntry(manager, { activityId: entry.id, text: "写得清楚", role: entry.role, stage: "" });
    assert.equal(comment.correction, null);
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: entry.id }, select: { version: true, tagSource: true } });
    assert.deepEqual(row, { version: entry.version, tagSource: entry.tagSource });
  });
});

describe("bad input", () => {
  it("empty, too long, a bad tag or a bad week is a translated error and nothing is written", async () => {
    const entry = await logEntry(member);
    await rejects(commentOnEntry(manager, { activityId: entry.id, text: "  \n " }), "invalid", "comments.errors.textRequired");
    await rejects(commentOnEntry(manager, { activityId: entry.id, text: "长".repeat(COMMENT_MAX + 1) }), "invalid", "comments.errors.textTooLong");
    await rejects(commentOnEntry(manager, { activityId: entry.id, text: "ok", role: "chef", version: entry.version }), "invalid", "errors.roleInvalid");
    await rejects(commentOnReport(manager, { member: member.userId, week: "2026-W60", text: "ok" }), "invalid", "rhythm.errors.weekInvalid");
    assert.equal(await prisma.comment.count({ where: { teamId: team.id } }), 0);
    const ok = await commentOnEntry(manager, { activityId: entry.id, text: "第一行\r\n\r\n\r\n第二行\u0000" });
    assert.equal(ok.text, "第一行\n\n第二行", "plain text: line breaks kept, control characters dropped");
  });
});

describe("what the member and the digest see", () => {
  it("the member sees comments on their entry and their weekly report, unread until seen; edits and deletes by the author", async () => {
    const since = new Date(Date.now() - 1000);
    const entry = await logEntry(member, TEXT, "2026-12-01");
    const onEntry = await commentOnEntry(manager, { activityId: entry.id, text: "好" });
    const onReport = await commentOnReport(admin, { member: member.userId, week: "2026-W49", text: "本周重点清楚" });
    await commentOnEntry(manager, { activityId: (await logEntry(otherMember)).id, text: "别人的" });

    const mine = await commentsForMyWeek(team.id, member.userId, "2026-W49", "2026-11-30", "2026-12-06");
    assert.deepEqual(mine.map((c) => c.id).sort(), [onEntry.id, onReport.id].sort(), "only comments about this member");
    assert.deepEqual(mine.find((c) => c.id === onReport.id)?.on, { kind: "report", week: "2026-W49" });
    assert.equal(await unreadCommentCount(team.id, member.userId), 2);
    assert.deepEqual(await markCommentsSeen(member, [onEntry.id, onReport.id]), { seen: 2 });
    assert.equal(await unreadCommentCount(team.id, member.userId), 0);
    assert.equal((await commentsForMyWeek(team.id, member.userId, "2026-W50", "2026-12-07", "2026-12-13")).length, 0, "seen comments stay in their week");

    await rejects(editComment(admin, onEntry.id, "改"), "forbidden");
    const edited = await editComment(manager, onEntry.id, "很好");
    assert.equal(edited.text, "很好");
    assert.ok(edited.editedAt);
    await deleteComment(admin, onReport.id);
    const forMember = await commentsForMember(team.id, member.userId, since);
    assert.deepEqual(forMember.map((c) => [c.author.name, c.text, c.on.kind === "entry" ? c.on.date : c.on.week]), [[edited.author.name, "很好", "2026-12-01"]]);
    assert.equal((await commentsForDigest(team.id, since)).length, 2);
    assert.equal((await commentsForDigest(team.id, new Date(Date.now() + 60_000))).length, 0);
  });

  it("a deleted entry's comments are hidden with it, come back on undo, and go when the row goes", async () => {
    const entry = await logEntry(member);
    const comment = await commentOnEntry(manager, { activityId: entry.id, text: "好" });
    await deleteActivity(member, entry.id);
    assert.deepEqual(await commentsOnEntries(team.id, [entry.id]), {});
    assert.equal(await unreadCommentCount(team.id, member.userId), 0);
    await restoreActivity(member, entry.id);
    assert.deepEqual((await commentsOnEntries(team.id, [entry.id]))[entry.id]?.map((c) => c.id), [comment.id]);
    await prisma.activity.delete({ where: { id: entry.id } });
    assert.equal(await prisma.comment.count({ where: { id: comment.id } }), 0);
  });
});
