// Invites are the only way into a team under OPSMIX_SIGNUP=invite-only, so each one must admit exactly who it was
// made for, exactly once, and only while the admin who made it still stands behind it.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { acceptInvite, listOpenInvites, revokeInvite, signUpWithInvite } from "./invites";
import { changeMemberRole, createTeamForUser, removeMember } from "./members";
import { createInvite, signUpWithNewTeam } from "./mutations";

let database: { close(): Promise<void> };
const PASSWORD = "a long and unusual passphrase 42";
const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

async function teamWithAdmin() {
  const email = unique("admin");
  const { userId, teamSlug } = await signUpWithNewTeam({ email, password: PASSWORD, name: "Admin", teamName: `Team ${randomUUID().slice(0, 6)}` });
  const team = await prisma.team.findUniqueOrThrow({ where: { slug: teamSlug }, select: { id: true } });
  return { adminId: userId, teamId: team.id, teamSlug };
}

const refusedWith = (key: string) => (error: unknown) => error instanceof DomainError && error.messageKey === key;

describe("invites", () => {
  it("one invite link used by five sign-ups at once makes exactly one account", async () => {
    const { adminId, teamId } = await teamWithAdmin();
    const { token } = await createInvite({ teamId, role: "member", createdById: adminId });
    const emails = Array.from({ length: 5 }, (_, i) => unique(`racer${i}`));
    const results = await Promise.allSettled(emails.map((email) => signUpWithInvite({ email, password: PASSWORD, name: "Racer" }, token)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) if (r.status === "rejected") assert.ok(refusedWith("errors.inviteUsed")(r.reason), String(r.reason));
    assert.equal(await prisma.user.count({ where: { email: { in: emails } } }), 1, "refused sign-ups leave no account behind");
    assert.equal(await prisma.membership.count({ where: { teamId } }), 2);
  });

  it("an invite made for an address admits that address only, at sign-up and when signed in", async () => {
    const { adminId, teamId } = await teamWithAdmin();
    const invited = unique("invited");
    const { token } = await createInvite({ teamId, role: "manager", createdById: adminId, email: invited.toUpperCase() });
    const stranger = unique("stranger");
    await assert.rejects(signUpWithInvite({ email: stranger, password: PASSWORD, name: "Stranger" }, token), refusedWith("security.errors.inviteOtherEmail"));
    assert.equal(await prisma.user.count({ where: { email: stranger } }), 0);
    const other = await signUpWithNewTeam({ email: unique("other"), password: PASSWORD, name: "Other", teamName: "Other team" });
    await assert.rejects(acceptInvite(token, other.userId), refusedWith("security.errors.inviteOtherEmail"));
    // An address nobody could sign up with would make an invite nobody can use: refused when it is made.
    for (const email of ["not an address", "demo-lin@demo.opsmix.invalid"]) {
      await assert.rejects(createInvite({ teamId, role: "member", createdById: adminId, email }), (error: unknown) => error instanceof DomainError && error.code === "invalid");
    }
    const joined = await signUpWithInvite({ email: invited, password: PASSWORD, name: "Invited" }, token);
    const membership = await prisma.membership.findFirstOrThrow({ where: { teamId, userId: joined.userId }, select: { role: true } });
    assert.equal(membership.role, "manager");
  });

  it("an invite dies when its admin is removed from the team or is no longer an admin", async () => {
    const { adminId, teamId } = await teamWithAdmin();
    const second = await signUpWithNewTeam({ email: unique("second"), password: PASSWORD, name: "Second", teamName: "Second's" });
    await prisma.membership.create({ data: { teamId, userId: second.userId, role: "admin" } });
    const removed = await createInvite({ teamId, role: "admin", createdById: second.userId });
    const demoted = await createInvite({ teamId, role: "member", createdById: second.userId });
    await changeMemberRole(teamId, adminId, second.userId, "member");
    await assert.rejects(signUpWithInvite({ email: unique("late"), password: PASSWORD, name: "Late" }, demoted.token), refusedWith("security.errors.inviteRevoked"));
    await removeMember(teamId, adminId, second.userId);
    await assert.rejects(signUpWithInvite({ email: unique("late2"), password: PASSWORD, name: "Late" }, removed.token), refusedWith("security.errors.inviteRevoked"));
    assert.equal(await prisma.membership.count({ where: { teamId } }), 1);
  });

  it("under OPSMIX_SIGNUP=invite-only an invited member cannot found a team of their own; an admin still can", async () => {
    const { adminId, teamId } = await teamWithAdmin();
    const { token } = await createInvite({ teamId, role: "member", createdById: adminId });
    const member = await signUpWithInvite({ email: unique("member"), password: PASSWORD, name: "Member" }, token);
    process.env.OPSMIX_SIGNUP = "invite-only";
    try {
      await assert.rejects(createTeamForUser(member.userId, "My own team"), refusedWith("security.errors.teamCreationClosed"));
      assert.equal(await prisma.membership.count({ where: { userId: member.userId } }), 1);
      const founded = await createTeamForUser(adminId, "Admin's second team");
      assert.ok(founded.slug);
    } finally {
      delete process.env.OPSMIX_SIGNUP;
    }
    assert.ok((await createTeamForUser(member.userId, "Open again")).slug, "open sign-up lets anyone found a team");
  });
});

describe("open invites in team settings", () => {
  it("lists the team's usable invites only, and a revoked one admits nobody", async () => {
    const { adminId, teamId } = await teamWithAdmin();
    const other = await teamWithAdmin();
    const open = await createInvite({ teamId, role: "member", createdById: adminId, email: unique("open") });
    const used = await createInvite({ teamId, role: "member", createdById: adminId });
    await signUpWithInvite({ email: unique("used"), password: PASSWORD, name: "Used" }, used.token);
    const lapsed = await createInvite({ teamId, role: "member", createdById: adminId });
    await prisma.invite.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const theirs = await createInvite({ teamId: other.teamId, role: "member", createdById: other.adminId });

    const listed = await listOpenInvites(teamId);
    assert.deepEqual(listed.map((i) => i.id), [open.id]);
    assert.equal(listed[0]!.createdByName, "Admin");

    // Another team's invite is "not found" and stays usable.
    await assert.rejects(revokeInvite(teamId, adminId, theirs.id), (error: unknown) => error instanceof DomainError && error.code === "not_found");
    assert.deepEqual((await listOpenInvites(other.teamId)).map((i) => i.id), [theirs.id]);

    const link = await createInvite({ teamId, role: "admin", createdById: adminId });
    await revokeInvite(teamId, adminId, link.id);
    await assert.rejects(signUpWithInvite({ email: unique("after"), password: PASSWORD, name: "After" }, link.token), refusedWith("security.errors.inviteRevoked"));
    await assert.rejects(revokeInvite(teamId, adminId, link.id), (error: unknown) => error instanceof DomainError && error.code === "not_found");
    assert.equal(await prisma.auditEvent.count({ where: { teamId, action: "invite.revoke", targetId: link.id } }), 1);
  });
});
