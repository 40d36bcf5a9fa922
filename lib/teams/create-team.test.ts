// One createTeam with one slug rule, used by the "new team" action, sign-up and the CLI.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { Conflict, Invalid } from "@/lib/errors";
import { openTestDatabase } from "@/lib/reports/test-database";
import { DEFAULT_REVIEW_THRESHOLD } from "@/lib/tagging";
import { createTeam, signUpWithNewTeam } from "./mutations";

let database: { close(): Promise<void> };
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

const id = () => randomUUID().slice(0, 8);

describe("createTeam", () => {
  it("a chosen slug must be valid and free (the CLI): taken is a translated Conflict, nothing half-made", async () => {
    const slug = `cli-${id()}`;
    await createTeam({ slug, name: "CLI team" });
    await assert.rejects(createTeam({ slug, name: "Another" }), (error) => error instanceof Conflict && error.messageKey === "errors.slugTaken");
    await assert.rejects(createTeam({ slug: "Not A Slug", name: "x" }), (error) => error instanceof Invalid && error.messageKey === "errors.slugInvalid");
    assert.equal(await prisma.team.count({ where: { slug } }), 1);
  });

  it("without a slug, the name's slug, made unique; the founder is its admin and the creation is audited", async () => {
    const founder = await prisma.user.create({ data: { email: `f-${id()}@example.test`, name: "F", passwordHash: "x" }, select: { id: true } });
    const name = `Growth ${id()}`;
    const first = await createTeam({ name, founderId: founder.id });
    const second = await createTeam({ name, founderId: founder.id });
    assert.notEqual(first.slug, second.slug);
    assert.ok(second.slug.startsWith(first.slug.slice(0, 33)));
    const membership = await prisma.membership.findFirstOrThrow({ where: { teamId: second.id, userId: founder.id }, select: { role: true } });
    assert.equal(membership.role, "admin");
    assert.equal(await prisma.auditEvent.count({ where: { action: "team.create", targetId: second.id, actorId: founder.id } }), 1);
  });

  it("a new team flags entries for review at the engine's calibrated threshold (the share the review queue is tuned for)", async () => {
    const created = await createTeam({ name: `Review ${id()}` });
    const team = await prisma.team.findUniqueOrThrow({ where: { id: created.id }, select: { reviewThreshold: true } });
    assert.equal(team.reviewThreshold, DEFAULT_REVIEW_THRESHOLD);
  });
});

describe("signUpWithNewTeam", () => {
  it("creates the user and their team together, or neither (a taken email leaves no team behind)", async () => {
    const email = `s-${id()}@example.test`;
    const teamName = `Signup ${id()}`;
    const created = await signUpWithNewTeam({ email, password: "a long enough password 42", name: "S", teamName });
    assert.equal(created.email, email);
    const before = await prisma.team.count();
    await assert.rejects(signUpWithNewTeam({ email, password: "a long enough password 42", name: "S", teamName: `Other ${id()}` }), (error) => error instanceof Conflict && error.messageKey === "errors.emailTaken");
    assert.equal(await prisma.team.count(), before);
  });
});
