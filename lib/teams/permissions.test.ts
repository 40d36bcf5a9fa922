// memberScope: the one answer to "whose entries may I see", used by entry lists, exports and every report.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TeamRole } from "./access";
import { memberScope } from "./permissions";

const viewer = (role: TeamRole) => ({ role, userId: `${role}-id`, teamId: "team-1" });

describe("memberScope", () => {
  it("a member sees only their own entries, asked or not", () => {
    assert.deepEqual(memberScope(viewer("member")), { teamId: "team-1", authorId: "member-id" });
    assert.deepEqual(memberScope(viewer("member"), "member-id"), { teamId: "team-1", authorId: "member-id" });
  });

  it("a member naming someone else gets nothing (never the whole team)", () => {
    assert.equal(memberScope(viewer("member"), "colleague-id"), null);
  });

  it("managers and admins see everyone, or the one member they filter on", () => {
    for (const role of ["manager", "admin"] as const) {
      assert.deepEqual(memberScope(viewer(role)), { teamId: "team-1", authorId: null });
      assert.deepEqual(memberScope(viewer(role), null), { teamId: "team-1", authorId: null });
      assert.deepEqual(memberScope(viewer(role), "colleague-id"), { teamId: "team-1", authorId: "colleague-id" });
    }
  });

  it("is always scoped to the viewer's team", () => {
    for (const role of ["member", "manager", "admin"] as const) assert.equal(memberScope(viewer(role), `${role}-id`)?.teamId, "team-1");
  });
});
