// The "correction teaches the team" path against a real database: who teaches at once, the suggested corrections a
// manager accepts or rejects, one version bump per batch, and a deleted or edited entry's text leaving the team model.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess, TeamRole } from "@/lib/teams/access";
import { acceptSuggestions, listSuggestions, rejectSuggestions, setTrustMemberCorrections } from "./learning";
import { createActivities, deleteActivity, retagActivities, updateActivity } from "./mutations";
import { getTeamTagging, settleTeamModel } from "./team-model";

let database: { close(): Promise<void> };
let team: { id: string; slug: string };
let admin: TeamAccess;
let manager: TeamAccess;
let member: TeamAccess;
let otherMember: TeamAccess;

// An everyday entry, and a call on it that the engine would never make by itself.
const TEXT = "回复社区帖子并整理用户反馈";
const TEAM_CALL = { role: "marketing", stage: "referral" } as const;

async function person(role: TeamRole): Promise<TeamAccess> {
  const user = await prisma.user.create({ data: { email: `${role}-${randomUUID().slice(0, 8)}@example.test`, name: `${role} ${randomUUID().slice(0, 4)}`, passwordHash: "x" }, select: { id: true } });
  await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role } });
  return { teamId: team.id, slug: team.slug, name: "Learning", timeZone: "Asia/Shanghai", role, userId: user.id };
}

async function logEntry(access: TeamAccess, text = TEXT) {
  const { activities } = await createActivities(access, [{ text, date: "2026-12-01" }]);
  return activities[0]!;
}

async function teamVersion(): Promise<number> {
  return (await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { modelVersion: true } })).modelVersion;
}

/** What the team model says about a text now (after any rebuild under way). */
async function teamModelSays(text: string) {
  await getTeamTagging(team.id);
  await settleTeamModel(team.id);
  return (await getTeamTagging(team.id)).classify(text);
}

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

beforeEach(async () => {
  const slug = `learn-${randomUUID().slice(0, 8)}`;
  team = await prisma.team.create({ data: { slug, name: "Learning" }, select: { id: true, slug: true } });
  [admin, manager, member, otherMember] = [await person("admin"), await person("manager"), await person("member"), await person("member")];
});

describe("who teaches the team model", () => {
  it("a member's correction is applied to the entry but does not teach until a manager accepts it", async () => {
    const cold = await teamModelSays(TEXT);
    assert.notDeepEqual({ role: cold.role, stage: cold.stage }, TEAM_CALL, "the engine alone would not make this call");
    const entry = await logEntry(member);
    const corrected = await updateActivity(member, entry.id, { version: entry.version, ...TEAM_CALL });
    assert.deepEqual({ role: corrected.role, stage: corrected.stage }, TEAM_CALL, "the member sees their correction on the entry");
    assert.equal(await teamVersion(), 0);
    const before = await teamModelSays(TEXT);
    assert.deepEqual({ role: before.role, stage: before.stage }, { role: cold.role, stage: cold.stage }, "the team model has not learned it");
    const { suggestions } = await listSuggestions(manager);
    assert.deepEqual(suggestions.map((s) => [s.activityId, s.role, s.stage]), [[entry.id, TEAM_CALL.role, TEAM_CALL.stage]]);

    assert.deepEqual(await acceptSuggestions(manager, suggestions.map((s) => s.id)), { accepted: 1 });
    assert.equal(await teamVersion(), 1);
    const afterAccept = await teamModelSays(TEXT);
    assert.deepEqual({ role: afterAccept.role, stage: afterAccept.stage }, TEAM_CALL, "accepted: the team model follows the call");
    assert.equal((await listSuggestions(manager)).total, 0);
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: entry.id }, select: { tagPending: true, tagSource: true } });
    assert.deepEqual(row, { tagPending: false, tagSource: "corrected" });
  });

  it("keeps a pending correction out of the library until it is accepted", async () => {
    const entry = await logEntry(member);
    await updateActivity(member, entry.id, { version: entry.version, ...TEAM_CALL });
    const { confirmedInTeam } = await import("@/lib/onboarding/library");
    assert.equal(await prisma.activity.count({ where: { ...confirmedInTeam(team.id), id: entry.id } }), 0);
    const { suggestions } = await listSuggestions(manager);
    await acceptSuggestions(manager, [suggestions[0]!.id]);
    assert.equal(await prisma.activity.count({ where: { ...confirmedInTeam(team.id), id: entry.id } }), 1);
  });

  it("a manager's or an admin's correction teaches at once", async () => {
    for (const judge of [manager, admin]) {
      const entry = await logEntry(otherMember, `${TEXT}（${judge.role}）`);
      const versionBefore = await teamVersion();
      await updateActivity(judge, entry.id, { version: entry.version, ...TEAM_CALL });
      assert.equal(await teamVersion(), versionBefore + 1);
      const said = await teamModelSays(entry.text);
      assert.deepEqual({ role: said.role, stage: said.stage }, TEAM_CALL);
    }
    assert.equal((await listSuggestions(manager)).total, 0);
  });

  it("a team that trusts everyone's corrections learns a member's at once", async () => {
    await setTrustMemberCorrections(manager, true);
    const entry = await logEntry(member);
    await updateActivity(member, entry.id, { version: entry.version, ...TEAM_CALL });
    assert.equal(await teamVersion(), 1);
    const said = await teamModelSays(TEXT);
    assert.deepEqual({ role: said.role, stage: said.stage }, TEAM_CALL);
    assert.equal((await listSuggestions(manager)).total, 0);
  });

  it("a rejected suggestion teaches nothing and the entry goes back to the model's tag", async () => {
    const cold = await teamModelSays(TEXT);
    const entry = await logEntry(member);
    await updateActivity(member, entry.id, { version: entry.version, ...TEAM_CALL });
    const { suggestions } = await listSuggestions(manager);
    assert.deepEqual(await rejectSuggestions(manager, [suggestions[0]!.id]), { rejected: 1 });
    assert.equal(await teamVersion(), 0);
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: entry.id }, select: { role: true, stage: true, tagSource: true, tagPending: true } });
    assert.deepEqual(row, { role: cold.role, stage: cold.stage, tagSource: "auto", tagPending: false });
    assert.equal(await prisma.trainingExample.count({ where: { teamId: team.id } }), 0);
  });

  it("members cannot see, accept or reject suggestions", async () => {
    const entry = await logEntry(member);
    await updateActivity(member, entry.id, { version: entry.version, ...TEAM_CALL });
    const id = (await listSuggestions(manager)).suggestions[0]!.id;
    await assert.rejects(listSuggestions(member), { code: "not_found" });
    await assert.rejects(acceptSuggestions(member, [id]), { code: "not_found" });
    await assert.rejects(rejectSuggestions(member, [id]), { code: "not_found" });
    assert.equal(await teamVersion(), 0);
  });

  it("bulk accept and bulk re-tag each move the team model's version once", async () => {
    const entries = [];
    for (let i = 0; i < 4; i++) entries.push(await logEntry(member, `${TEXT} 第${i + 1}批`));
    for (const entry of entries.slice(0, 2)) await updateActivity(member, entry.id, { version: entry.version, ...TEAM_CALL });
    const ids = (await listSuggestions(manager)).suggestions.map((s) => s.id);
    assert.deepEqual(await acceptSuggestions(manager, ids), { accepted: 2 });
    assert.equal(await teamVersion(), 1);
    const rest = entries.slice(2);
    assert.deepEqual(await retagActivities(manager, rest.map((e) => ({ id: e.id, version: e.version })), TEAM_CALL), { updated: 2, conflicts: 0 });
    assert.equal(await teamVersion(), 2);
    assert.equal(await prisma.trainingExample.count({ where: { teamId: team.id, pending: false } }), 4);
  });
});

describe("a learned entry that is deleted or edited", () => {
  const SECRET = "和客户王总谈续约价格，底价八折，不要外传";

  async function learnedSecret() {
    const entry = await logEntry(member, SECRET);
    await updateActivity(manager, entry.id, { version: entry.version, ...TEAM_CALL });
    const said = await teamModelSays(SECRET.replace("王总", "李总"));
    assert.equal(said.explanation.nearest?.text, SECRET, "before: a teammate's similar entry quotes the learned one");
    const teammate = await logEntry(otherMember, SECRET.replace("王总", "李总"));
    assert.equal(teammate.explanation?.nearest?.text, SECRET);
    return { entry: await prisma.activity.findUniqueOrThrow({ where: { id: entry.id }, select: { id: true, version: true } }), teammate };
  }

  async function savedNearest(id: string): Promise<string | undefined> {
    const row = await prisma.activity.findUniqueOrThrow({ where: { id }, select: { explanation: true } });
    return (row.explanation as { nearest?: { text: string } } | null)?.nearest?.text;
  }

  it("deleting it removes its text from the team model and from teammates' saved explanations", async () => {
    const { entry, teammate } = await learnedSecret();
    await deleteActivity(member, entry.id);
    const said = await teamModelSays(SECRET.replace("王总", "李总"));
    assert.notEqual(said.explanation.nearest?.text, SECRET);
    assert.notEqual(await savedNearest(teammate.id), SECRET);
    assert.equal(await prisma.trainingExample.count({ where: { teamId: team.id, text: SECRET } }), 0);
  });

  it("editing its text replaces the learned wording", async () => {
    const { entry, teammate } = await learnedSecret();
    const edited = "和客户谈续约";
    await updateActivity(member, entry.id, { version: entry.version, text: edited });
    const said = await teamModelSays(SECRET.replace("王总", "李总"));
    assert.notEqual(said.explanation.nearest?.text, SECRET);
    assert.notEqual(await savedNearest(teammate.id), SECRET);
    const learned = await prisma.trainingExample.findMany({ where: { teamId: team.id }, select: { text: true, role: true, stage: true } });
    assert.deepEqual(learned, [{ text: edited, ...TEAM_CALL }]);
  });

  it("while another instance's change is being rebuilt here, the previous model answers without quoting team examples", async () => {
    await learnedSecret();
    // Another instance deleted the entry: this process still holds the model that learned it.
    await prisma.trainingExample.deleteMany({ where: { teamId: team.id } });
    await prisma.team.update({ where: { id: team.id }, data: { modelVersion: { increment: 1 } } });
    const during = await getTeamTagging(team.id);
    assert.equal(during.stale, true, "the request did not wait for the rebuild");
    assert.notEqual(during.classify(SECRET).explanation.nearest?.text, SECRET);
    await settleTeamModel(team.id);
    const afterwards = await getTeamTagging(team.id);
    assert.equal(afterwards.stale, false);
    assert.notEqual(afterwards.classify(SECRET).explanation.nearest?.text, SECRET);
  });
});
