// The authorization matrix: every server action and route handler, what each actor may do with their own
// records, a team-mate's and another team's, and how it is refused. security-matrix.spec.ts runs it, and fails
// when an action or handler exists that has no row here.
//
// Scopes, always from the actor's point of view:
//   self     the actor's own account (no team involved)
//   home     the actor's team, no particular record
//   own      a record the actor created in their team
//   team     a record a team-mate created in the actor's team
//   other    a record of the other team, named while acting in the actor's own team
//   foreign  acting in the other team (its slug), on a record of that team
// Anonymous and disabled actors are tried on team A's records (scope "team") only: every door must be shut.
import type { APIRequestContext } from "@playwright/test";
import type { World } from "./fixtures";
import {
  activityVersion,
  actionOutcome,
  apiCreate,
  callAction,
  form,
  httpOutcome,
  makeUser,
  sql,
  sha256,
  sqlInvite,
  sqlToken,
  sqlUser,
  type Actor,
  type ActorName,
  type Outcome,
  type ServerActionRef,
} from "./security-support";
import { uniqueId } from "./fixtures";
import { E2E_BASE_URL, E2E_OIDC } from "./server-env";

export type Scope = "self" | "home" | "own" | "team" | "other" | "foreign";
/** One outcome for every scope, or per scope with `_` as the default. */
export type Expectation = Outcome | (Partial<Record<Scope, Outcome>> & { _?: Outcome });

export interface MatrixWorld {
  world: World;
  actors: Record<ActorName, Actor>;
  actions: Map<string, ServerActionRef>;
  /** Team-mates who author the "team" records: memberA2 in team A, memberB2 in team B. */
  mates: Record<string, { id: string; token: string }>;
  /** A scratch team for invites anyone may accept. */
  scratchTeam: string;
  scratchAdminId: string;
  demoSlug: () => Promise<string | null>;
}

export interface Target {
  /** The team slug the request names. */
  slug: string;
  /** The record's team (for building records). */
  recordTeam: string;
}

export interface Surface {
  /** "lib/x/actions.ts#name" for server actions, "app/.../route.ts#METHOD" for route handlers. */
  key: string;
  /** Distinguishes several rows for one surface (e.g. editing text vs. correcting tags). */
  variant?: string;
  scopes: Scope[];
  /** True when the surface can change data: refusals are followed by a check that nothing changed. */
  writes: boolean;
  /** Runs after all other rows (it ends the actor's sessions). */
  last?: boolean;
  expected: Record<ActorName, Expectation>;
  /** Makes the records the call needs, and returns the call itself (so "nothing changed" excludes the setup). */
  prepare(m: MatrixWorld, actor: Actor, scope: Scope, target: Target): Promise<() => Promise<Outcome>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Records, made fresh where the allowed outcome consumes them

async function activityFor(m: MatrixWorld, actor: Actor, scope: Scope, team: string, text = `matrix ${uniqueId()} 回复社区帖子`): Promise<string> {
  const token = scope === "own" ? actor.token : m.mates[team]!.token;
  return apiCreate(actor.request, token, team, text);
}

/** A record whose tags a person has confirmed (what the library, pins and the quiz use). */
async function confirmedFor(m: MatrixWorld, actor: Actor, scope: Scope, team: string): Promise<string> {
  const id = await activityFor(m, actor, scope, team);
  await sql(`UPDATE "Activity" SET "tagSource" = 'confirmed', role = 'community', stage = 'activation' WHERE id = $1`, [id]);
  return id;
}

async function deletedFor(m: MatrixWorld, actor: Actor, scope: Scope, team: string): Promise<string> {
  const id = await activityFor(m, actor, scope, team);
  await sql(`UPDATE "Activity" SET "deletedAt" = now() WHERE id = $1`, [id]);
  return id;
}

/** A manager's comment written as the app writes one: by `author` about `member`, in `team` (on a fresh entry of the member's). */
async function sqlComment(team: string, authorId: string, memberId: string): Promise<string> {
  const id = `com${uniqueId()}${uniqueId()}`;
  await sql(`INSERT INTO "Comment" (id, "teamId", "authorId", "memberId", week, text) SELECT $1, id, $3, $4, '2026-W49', 'matrix 点评' FROM "Team" WHERE slug = $2`, [id, team, authorId, memberId]);
  return id;
}

/** The comment a scope names: the actor's own (written by them, or about them when `about`), else a team-mate's. */
async function commentFor(m: MatrixWorld, actor: Actor, scope: Scope, team: string, about = false): Promise<string> {
  const mate = m.mates[team]!.id;
  const self = scope === "own" && actor.userId ? actor.userId : mate;
  return about ? sqlComment(team, mate, self) : sqlComment(team, self, mate);
}

async function memberIn(m: MatrixWorld, team: string): Promise<string> {
  const user = await sqlUser(m.world.memberA, "victim", { team, role: "member" });
  return user.id;
}

function bearer(actor: Actor): Record<string, string> {
  return actor.token ? { Authorization: `Bearer ${actor.token}` } : {};
}

async function action(m: MatrixWorld, actor: Actor, key: string, args: unknown[], team: string): Promise<Outcome> {
  const ref = m.actions.get(key);
  if (!ref) throw new Error(`${key} is not in the build's server-reference manifest`);
  return actionOutcome(await callAction(actor.request, ref, args, { team, token: "x", role: "community", stage: "activation" }));
}

async function http(request: APIRequestContext, method: string, url: string, options: { headers?: Record<string, string>; data?: unknown } = {}): Promise<Outcome> {
  const response = await request.fetch(url, { method, headers: options.headers, data: options.data, maxRedirects: 0 });
  return httpOutcome(response.status());
}

/** A member's correction waiting for a manager on a fresh entry (written as the app writes one). */
async function suggestionFor(m: MatrixWorld, actor: Actor, scope: Scope, team: string): Promise<string> {
  const activityId = await activityFor(m, actor, scope, team);
  const id = `sug${uniqueId()}${uniqueId()}`;
  await sql(
    `INSERT INTO "TrainingExample" (id, "teamId", "activityId", text, role, stage, pending)
     SELECT $1, "teamId", id, text, 'marketing'::"OpsRole", 'referral'::"FunnelStage", true FROM "Activity" WHERE id = $2`,
    [id, activityId],
  );
  await sql(`UPDATE "Activity" SET "tagPending" = true WHERE id = $1`, [activityId]);
  return id;
}

/** A delivery channel of `team` (a Slack webhook whose URL was never saved: a test reports it, nothing is sent). */
async function channelFor(team: string): Promise<string> {
  const id = `chan${uniqueId()}${uniqueId()}`;
  await sql(`INSERT INTO "DeliveryChannel" (id, "teamId", kind, name, "updatedAt") SELECT $1, id, 'slack', 'matrix channel', now() FROM "Team" WHERE slug = $2`, [id, team]);
  return id;
}

const ACTIONS = {
  auth: "lib/auth/actions.ts",
  signup: "lib/teams/signup-actions.ts",
  tokens: "lib/auth/token-actions.ts",
  resets: "lib/auth/reset-actions.ts",
  teams: "lib/teams/actions.ts",
  activities: "lib/activities/actions.ts",
  reports: "lib/reports/actions.ts",
  onboarding: "lib/onboarding/actions.ts",
  demo: "lib/demo/actions.ts",
  rhythm: "lib/rhythm/actions.ts",
  emailDomains: "lib/teams/email-domain-actions.ts",
  comments: "lib/comments/actions.ts",
  delivery: "lib/delivery/actions.ts",
};

const everyoneSignedIn = (outcome: Expectation, anonymous: Outcome = "unauth"): Record<ActorName, Expectation> => ({
  anonymous,
  disabled: anonymous,
  memberA: outcome,
  managerA: outcome,
  adminA: outcome,
  memberB: outcome,
});

const byRole = (member: Expectation, manager: Expectation, admin: Expectation, anonymous: Outcome = "unauth"): Record<ActorName, Expectation> => ({
  anonymous,
  disabled: anonymous,
  memberA: member,
  managerA: manager,
  adminA: admin,
  memberB: member,
});

const RECORD_SCOPES: Scope[] = ["own", "team", "other", "foreign"];
const TEAM_SCOPES: Scope[] = ["home", "foreign"];

export const SURFACES: Surface[] = [
  // ------------------------------------------------------------------ accounts (lib/auth)
  {
    key: `${ACTIONS.signup}#signUpAction`,
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok", "ok"),
    prepare: async (m, actor) => {
      const user = makeUser("signup");
      const fields = { email: user.email, password: user.password, name: user.name, teamName: `Signup ${uniqueId()}` };
      return () => action(m, actor, `${ACTIONS.signup}#signUpAction`, [{}, form(fields)], m.world.teamA);
    },
  },
  {
    key: `${ACTIONS.resets}#resetPasswordAction`,
    // The link is the proof: whoever holds a valid one sets that account's password, signed in or not.
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok", "ok"),
    prepare: async (m, actor) => {
      const userId = await memberIn(m, m.world.teamA);
      const token = `matrix-reset-${uniqueId()}-${uniqueId()}`;
      await sql(
        `INSERT INTO "PasswordResetLink" (id, "userId", "teamId", "createdById", "tokenHash", "expiresAt") SELECT $1, $2, id, $2, $3, now() + interval '1 hour' FROM "Team" WHERE slug = $4`,
        [`reset${uniqueId()}`, userId, sha256(token), m.world.teamA],
      );
      const password = `Matrix-reset-${uniqueId()}`;
      return () => action(m, actor, `${ACTIONS.resets}#resetPasswordAction`, [{}, form({ token, next: password, repeat: password })], m.world.teamA);
    },
  },
  {
    key: `${ACTIONS.signup}#acceptInviteAction`,
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok"),
    prepare: async (m, actor) => {
      const token = await sqlInvite(m.scratchTeam, m.scratchAdminId);
      return () => action(m, actor, `${ACTIONS.signup}#acceptInviteAction`, [{}, form({ invite: token })], m.world.teamA);
    },
  },
  {
    key: `${ACTIONS.auth}#changePasswordAction`,
    // The gate is what is tested here (a wrong current password); security-sessions.spec.ts changes one for real.
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("invalid"),
    prepare: async (m, actor) => () =>
      action(m, actor, `${ACTIONS.auth}#changePasswordAction`, [{}, form({ current: "not-the-password", next: "New-pass-123456", repeat: "New-pass-123456" })], m.world.teamA),
  },
  {
    key: `${ACTIONS.auth}#signOutEverywhereAction`,
    scopes: ["self"],
    writes: true,
    last: true,
    expected: everyoneSignedIn("ok"),
    prepare: async (m, actor) => () => action(m, actor, `${ACTIONS.auth}#signOutEverywhereAction`, [], m.world.teamA),
  },
  {
    key: `${ACTIONS.auth}#setLocaleAction`,
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok", "ok"),
    prepare: async (m, actor) => () => action(m, actor, `${ACTIONS.auth}#setLocaleAction`, ["zh-CN"], m.world.teamA),
  },
  {
    key: `${ACTIONS.tokens}#createTokenAction`,
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok"),
    prepare: async (m, actor) => () => action(m, actor, `${ACTIONS.tokens}#createTokenAction`, [{}, form({ name: "matrix", password: actor.user?.password ?? "not-signed-in" })], m.world.teamA),
  },
  {
    key: `${ACTIONS.tokens}#confirmWithSsoAction`,
    // Linked to the IdP, a signed-in person is sent there to confirm (a redirect); nobody else starts anything.
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok"),
    prepare: async (m, actor) => {
      if (actor.userId) {
        await sql(`UPDATE "User" SET "oidcIssuer" = $1, "oidcSubject" = $2 WHERE id = $3 AND "oidcSubject" IS NULL`, [E2E_OIDC.issuer, `matrix-${actor.userId}`, actor.userId]);
      }
      return () => action(m, actor, `${ACTIONS.tokens}#confirmWithSsoAction`, [{}, form({ purpose: "token.create" })], m.world.teamA);
    },
  },
  {
    key: `${ACTIONS.tokens}#revokeTokenAction`,
    scopes: ["own", "team", "other"],
    writes: true,
    expected: everyoneSignedIn({ own: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const ownerId = scope === "own" && actor.userId ? actor.userId : m.mates[target.recordTeam]!.id;
      const { id } = await sqlToken(ownerId);
      return () => action(m, actor, `${ACTIONS.tokens}#revokeTokenAction`, [{}, form({ id })], m.world.teamA);
    },
  },
  // ------------------------------------------------------------------ teams
  {
    key: `${ACTIONS.teams}#createTeamAction`,
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok"),
    prepare: async (m, actor) => () => action(m, actor, `${ACTIONS.teams}#createTeamAction`, [{}, form({ teamName: `Matrix ${uniqueId()}` })], m.world.teamA),
  },
  {
    key: `${ACTIONS.teams}#createInviteAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole({ home: "forbidden", foreign: "notfound" }, { home: "forbidden", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.teams}#createInviteAction`, [{}, form({ team: target.slug, role: "admin" })], target.slug),
  },
  {
    key: `${ACTIONS.teams}#changeMemberRoleAction`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, _scope, target) => {
      const userId = await memberIn(m, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.teams}#changeMemberRoleAction`, [{}, form({ team: target.slug, userId, role: "admin" })], target.slug);
    },
  },
  {
    key: `${ACTIONS.teams}#removeMemberAction`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, _scope, target) => {
      const userId = await memberIn(m, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.teams}#removeMemberAction`, [{}, form({ team: target.slug, userId })], target.slug);
    },
  },
  {
    key: `${ACTIONS.teams}#createResetLinkAction`,
    // Only an admin, only for a member of their own team; another team's member is "not found".
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, _scope, target) => {
      const userId = await memberIn(m, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.teams}#createResetLinkAction`, [{}, form({ team: target.slug, userId })], target.slug);
    },
  },
  {
    key: `${ACTIONS.teams}#revokeInviteAction`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, _scope, target) => {
      const token = await sqlInvite(target.recordTeam, m.mates[target.recordTeam]!.id);
      const [invite] = await sql<{ id: string }>(`SELECT id FROM "Invite" WHERE "tokenHash" = $1`, [sha256(token)]);
      return () => action(m, actor, `${ACTIONS.teams}#revokeInviteAction`, [{}, form({ team: target.slug, inviteId: invite!.id })], target.slug);
    },
  },
  {
    key: `${ACTIONS.emailDomains}#addEmailDomainAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole({ home: "forbidden", foreign: "notfound" }, { home: "forbidden", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () =>
      action(m, actor, `${ACTIONS.emailDomains}#addEmailDomainAction`, [{}, form({ team: target.slug, domain: `m-${uniqueId()}.example` })], target.slug),
  },
  {
    key: `${ACTIONS.emailDomains}#removeEmailDomainAction`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, _scope, target) => {
      const domain = `r-${uniqueId()}.example`;
      await sql(`INSERT INTO "TeamEmailDomain" (domain, "teamId") SELECT $1, id FROM "Team" WHERE slug = $2`, [domain, target.recordTeam]);
      return () => action(m, actor, `${ACTIONS.emailDomains}#removeEmailDomainAction`, [{}, form({ team: target.slug, domain })], target.slug);
    },
  },
  // ------------------------------------------------------------------ delivery channels (admins only)
  {
    key: `${ACTIONS.delivery}#createChannelAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole({ home: "forbidden", foreign: "notfound" }, { home: "forbidden", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () =>
      action(m, actor, `${ACTIONS.delivery}#createChannelAction`, [{}, form({ team: target.slug, kind: "slack", name: `matrix ${uniqueId()}`, url: "https://hooks.slack.test/services/T/B/X" })], target.slug),
  },
  ...(
    [
      ["updateChannelAction", (slug: string, id: string) => form({ team: slug, channel: id, name: "renamed", url: "https://hooks.slack.test/services/T/B/Y", secret: "" })],
      ["setChannelEnabledAction", (slug: string, id: string) => form({ team: slug, channel: id, enabled: "0" })],
      ["sendTestMessageAction", (slug: string, id: string) => form({ team: slug, channel: id })],
      ["deleteChannelAction", (slug: string, id: string) => form({ team: slug, channel: id })],
    ] as const
  ).map(([name, fields]): Surface => ({
    key: `${ACTIONS.delivery}#${name}`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, _scope, target) => {
      const id = await channelFor(target.recordTeam);
      return () => action(m, actor, `${ACTIONS.delivery}#${name}`, [{}, fields(target.slug, id)], target.slug);
    },
  })),
  // ------------------------------------------------------------------ activities
  {
    key: `${ACTIONS.activities}#createActivitiesAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () =>
      action(m, actor, `${ACTIONS.activities}#createActivitiesAction`, [target.slug, [{ text: `matrix ${uniqueId()} 写公众号推文` }], `matrix-${uniqueId()}`], target.slug),
  },
  {
    key: `${ACTIONS.activities}#updateActivityAction`,
    variant: "edit text",
    scopes: RECORD_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ own: "ok", team: "forbidden", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      const patch = { version: await activityVersion(id), text: `edited ${uniqueId()} 回复社区帖子` };
      return () => action(m, actor, `${ACTIONS.activities}#updateActivityAction`, [target.slug, id, patch], target.slug);
    },
  },
  {
    key: `${ACTIONS.activities}#updateActivityAction`,
    variant: "correct tags",
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      const patch = { version: await activityVersion(id), role: "product", stage: "retention" };
      return () => action(m, actor, `${ACTIONS.activities}#updateActivityAction`, [target.slug, id, patch], target.slug);
    },
  },
  {
    key: `${ACTIONS.activities}#bulkRetagAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { own: "ok", team: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      const items = [{ id, version: await activityVersion(id) }];
      return () => action(m, actor, `${ACTIONS.activities}#bulkRetagAction`, [target.slug, items, { role: "marketing", stage: "acquisition" }], target.slug);
    },
  },
  ...(["acceptSuggestionsAction", "rejectSuggestionsAction"] as const).map((name): Surface => ({
    key: `${ACTIONS.activities}#${name}`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole("notfound", { own: "ok", team: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await suggestionFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.activities}#${name}`, [target.slug, [id]], target.slug);
    },
  })),
  {
    key: `${ACTIONS.activities}#setTrustCorrectionsAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole("notfound", { home: "ok", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.activities}#setTrustCorrectionsAction`, [target.slug, false], target.slug),
  },
  {
    key: `${ACTIONS.activities}#deleteActivityAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.activities}#deleteActivityAction`, [target.slug, id], target.slug);
    },
  },
  {
    key: `${ACTIONS.activities}#restoreActivityAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ own: "ok", _: "notfound" }, { own: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await deletedFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.activities}#restoreActivityAction`, [target.slug, id], target.slug);
    },
  },
  // ------------------------------------------------------------------ managers' comments (点评)
  {
    key: `${ACTIONS.comments}#commentOnEntryAction`,
    variant: "with a tag correction",
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { own: "ok", team: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      const input = { text: `matrix ${uniqueId()} 这条算口碑`, role: "marketing", stage: "referral", version: await activityVersion(id) };
      return () => action(m, actor, `${ACTIONS.comments}#commentOnEntryAction`, [target.slug, id, input], target.slug);
    },
  },
  {
    key: `${ACTIONS.comments}#commentOnReportAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { own: "ok", team: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const memberId = scope === "own" && actor.userId ? actor.userId : m.mates[target.recordTeam]!.id;
      return () => action(m, actor, `${ACTIONS.comments}#commentOnReportAction`, [target.slug, memberId, "2026-W49", `matrix ${uniqueId()} 本周重点清楚`], target.slug);
    },
  },
  {
    key: `${ACTIONS.comments}#editCommentAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "forbidden", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await commentFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.comments}#editCommentAction`, [target.slug, id, `edited ${uniqueId()}`], target.slug);
    },
  },
  {
    key: `${ACTIONS.comments}#deleteCommentAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "forbidden", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await commentFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.comments}#deleteCommentAction`, [target.slug, id], target.slug);
    },
  },
  {
    key: `${ACTIONS.comments}#markCommentsSeenAction`,
    scopes: RECORD_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ own: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await commentFor(m, actor, scope, target.recordTeam, true);
      return () => action(m, actor, `${ACTIONS.comments}#markCommentsSeenAction`, [target.slug, [id]], target.slug);
    },
  },
  // ------------------------------------------------------------------ dashboards
  {
    key: `${ACTIONS.reports}#setTargetMixAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole({ home: "forbidden", foreign: "notfound" }, { home: "ok", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => {
      const fields: Record<string, string> = { team: target.slug, dimension: "stage" };
      for (const [stage, pct] of Object.entries({ acquisition: "20", connection: "20", activation: "20", retention: "20", referral: "20" })) fields[`pct.${stage}`] = pct;
      return action(m, actor, `${ACTIONS.reports}#setTargetMixAction`, [{}, form(fields)], target.slug);
    },
  },
  // ------------------------------------------------------------------ team rhythm
  {
    key: `${ACTIONS.rhythm}#saveTeamCalendarAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole({ home: "forbidden", foreign: "notfound" }, { home: "ok", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () =>
      action(m, actor, `${ACTIONS.rhythm}#saveTeamCalendarAction`, [{}, form({ team: target.slug, weekday: "1", holidays: "2026-10-01" })], target.slug),
  },
  {
    key: `${ACTIONS.rhythm}#saveRhythmScheduleAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole({ home: "forbidden", foreign: "notfound" }, { home: "ok", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () =>
      action(m, actor, `${ACTIONS.rhythm}#saveRhythmScheduleAction`, [{}, form({ team: target.slug, reminderTime: "17:30", reminderEmail: "on", digestWeekday: "1", digestTime: "09:00", digestEmail: "on" })], target.slug),
  },
  {
    key: `${ACTIONS.rhythm}#saveReminderPreferencesAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.rhythm}#saveReminderPreferencesAction`, [{}, form({ team: target.slug, quietDay: "6" })], target.slug),
  },
  {
    key: `${ACTIONS.rhythm}#snoozeReminderAction`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.rhythm}#snoozeReminderAction`, [{}, form({ team: target.slug, snooze: "on" })], target.slug),
  },
  // ------------------------------------------------------------------ onboarding
  {
    key: `${ACTIONS.onboarding}#pinGolden`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await confirmedFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.onboarding}#pinGolden`, [{}, form({ team: target.slug, activityId: id, comment: "a good example" })], target.slug);
    },
  },
  {
    key: `${ACTIONS.onboarding}#unpinGolden`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: byRole({ foreign: "notfound", _: "forbidden" }, { team: "ok", _: "notfound" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await confirmedFor(m, actor, scope, target.recordTeam);
      await sql(`INSERT INTO "GoldenExample" (id, "teamId", "activityId", comment, "pinnedById") SELECT $1, "teamId", id, 'pinned', "authorId" FROM "Activity" WHERE id = $2`, [
        `secg${uniqueId()}${uniqueId()}`,
        id,
      ]);
      return () => action(m, actor, `${ACTIONS.onboarding}#unpinGolden`, [{}, form({ team: target.slug, activityId: id })], target.slug);
    },
  },
  {
    key: `${ACTIONS.onboarding}#answerQuiz`,
    scopes: ["team", "other", "foreign"],
    writes: true,
    expected: everyoneSignedIn({ team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await confirmedFor(m, actor, scope, target.recordTeam);
      return () => action(m, actor, `${ACTIONS.onboarding}#answerQuiz`, [target.slug, id, { role: "community", stage: "activation" }], target.slug);
    },
  },
  {
    key: `${ACTIONS.onboarding}#completeTour`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.onboarding}#completeTour`, [form({ team: target.slug, outcome: "skipped" })], target.slug),
  },
  {
    key: `${ACTIONS.onboarding}#setHideLibraryNames`,
    scopes: TEAM_SCOPES,
    writes: true,
    expected: byRole("notfound", { home: "ok", foreign: "notfound" }, { home: "ok", foreign: "notfound" }),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.onboarding}#setHideLibraryNames`, [form({ team: target.slug, hide: "0" })], target.slug),
  },
  // ------------------------------------------------------------------ demo workspace
  {
    key: `${ACTIONS.demo}#exploreDemoAction`,
    scopes: ["self"],
    writes: true,
    expected: everyoneSignedIn("ok"),
    prepare: async (m, actor) => () => action(m, actor, `${ACTIONS.demo}#exploreDemoAction`, [{}, form({})], m.world.teamA),
  },
  {
    key: `${ACTIONS.demo}#deleteDemoAction`,
    // Only a manager of the demo team may delete it; every real team is refused.
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn("forbidden"),
    prepare: async (m, actor, _scope, target) => () => action(m, actor, `${ACTIONS.demo}#deleteDemoAction`, [{}, form({ team: target.slug })], target.slug),
  },
  // ------------------------------------------------------------------ REST API (bearer tokens)
  {
    key: "app/api/v1/activities/route.ts#GET",
    scopes: TEAM_SCOPES,
    writes: false,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (_m, actor, _scope, target) => () => http(actor.request, "GET", `/api/v1/activities?team=${target.slug}`, { headers: bearer(actor) }),
  },
  {
    key: "app/api/v1/activities/route.ts#POST",
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (_m, actor, _scope, target) => () =>
      http(actor.request, "POST", `/api/v1/activities?team=${target.slug}`, { headers: bearer(actor), data: { text: `matrix api ${uniqueId()} 回复社区帖子` } }),
  },
  {
    key: "app/api/v1/activities/[id]/route.ts#GET",
    scopes: RECORD_SCOPES,
    writes: false,
    expected: byRole({ own: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      return () => http(actor.request, "GET", `/api/v1/activities/${id}?team=${target.slug}`, { headers: bearer(actor) });
    },
  },
  {
    key: "app/api/v1/activities/[id]/route.ts#PATCH",
    scopes: RECORD_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ own: "ok", team: "forbidden", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      const data = { version: await activityVersion(id), text: `patched ${uniqueId()} 回复社区帖子` };
      return () => http(actor.request, "PATCH", `/api/v1/activities/${id}?team=${target.slug}`, { headers: bearer(actor), data });
    },
  },
  {
    key: "app/api/v1/activities/[id]/route.ts#DELETE",
    scopes: RECORD_SCOPES,
    writes: true,
    expected: byRole({ own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "forbidden", _: "notfound" }, { own: "ok", team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => {
      const id = await activityFor(m, actor, scope, target.recordTeam);
      return () => http(actor.request, "DELETE", `/api/v1/activities/${id}?team=${target.slug}`, { headers: bearer(actor) });
    },
  },
  {
    key: "app/api/v1/reports/effort/route.ts#GET",
    scopes: TEAM_SCOPES,
    writes: false,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (_m, actor, _scope, target) => () =>
      http(actor.request, "GET", `/api/v1/reports/effort?team=${target.slug}&range=last-4-weeks&groupBy=role,member`, { headers: bearer(actor) }),
  },
  {
    key: "app/api/v1/reports/weekly/route.ts#GET",
    scopes: TEAM_SCOPES,
    writes: false,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (_m, actor, _scope, target) => () => http(actor.request, "GET", `/api/v1/reports/weekly?team=${target.slug}&format=dingtalk`, { headers: bearer(actor) }),
  },
  {
    key: "app/api/v1/reports/weekly/route.ts#GET",
    variant: "a team-mate's report",
    scopes: ["team", "other"],
    writes: false,
    // Managers and admins read any member's report; a member only their own; another team's member does not exist.
    expected: byRole({ _: "notfound" }, { team: "ok", _: "notfound" }, { team: "ok", _: "notfound" }),
    prepare: async (m, actor, scope, target) => () =>
      http(actor.request, "GET", `/api/v1/reports/weekly?team=${target.slug}&member=${m.mates[target.recordTeam]!.id}`, { headers: bearer(actor) }),
  },
  {
    key: "app/api/v1/tag/route.ts#POST",
    scopes: TEAM_SCOPES,
    writes: false,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }),
    prepare: async (_m, actor, _scope, target) => () => http(actor.request, "POST", `/api/v1/tag?team=${target.slug}`, { headers: bearer(actor), data: { text: "回复社区帖子32条" } }),
  },
  {
    key: "app/api/v1/openapi.json/route.ts#GET",
    scopes: ["self"],
    writes: false,
    expected: everyoneSignedIn("ok", "ok"),
    prepare: async (_m, actor) => () => http(actor.request, "GET", "/api/v1/openapi.json"),
  },
  // ------------------------------------------------------------------ cookie-authenticated route handlers
  {
    key: "app/(workspace)/t/[team]/dashboard/export/route.ts#GET",
    scopes: TEAM_SCOPES,
    writes: false,
    // Signed out, or not a member: the team does not exist as far as the caller can tell.
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }, "notfound"),
    prepare: async (_m, actor, _scope, target) => () => http(actor.request, "GET", `/t/${target.slug}/dashboard/export?range=last-4-weeks`),
  },
  {
    key: "app/(workspace)/t/[team]/entries/export/route.ts#GET",
    scopes: TEAM_SCOPES,
    writes: false,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }, "notfound"),
    prepare: async (_m, actor, _scope, target) => () => http(actor.request, "GET", `/t/${target.slug}/entries/export`),
  },
  {
    key: "app/(workspace)/t/[team]/import/template/route.ts#GET",
    // A static sample file: no team data, the same for everyone.
    scopes: ["self"],
    writes: false,
    expected: everyoneSignedIn("ok", "ok"),
    prepare: async (m, actor) => () => http(actor.request, "GET", `/t/${m.world.teamA}/import/template`),
  },
  {
    key: "app/(workspace)/t/[team]/import/upload/route.ts#POST",
    scopes: TEAM_SCOPES,
    writes: true,
    expected: everyoneSignedIn({ home: "ok", foreign: "notfound" }, "notfound"),
    prepare: async (_m, actor, _scope, target) => {
      const email = actor.user?.email ?? "nobody@example.test";
      const date = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
      const csv = `date,email,text,minutes\n${date},${email},matrix import ${uniqueId()} 回复社区帖子,30\n`;
      return async () => {
        const response = await actor.request.fetch(`/t/${target.slug}/import/upload?mode=commit`, {
          method: "POST",
          headers: { Origin: E2E_BASE_URL, "Content-Type": "text/csv" },
          data: Buffer.from(csv),
        });
        return httpOutcome(response.status());
      };
    },
  },
  // ------------------------------------------------------------------ next-auth's own endpoints
  {
    key: "app/api/auth/[...nextauth]/route.ts#GET",
    scopes: ["self"],
    writes: false,
    expected: everyoneSignedIn("ok", "ok"),
    prepare: async (_m, actor) => () => http(actor.request, "GET", "/api/auth/csrf"),
  },
  {
    key: "app/api/auth/callback/oidc/route.ts#GET",
    // Coming back from the IdP without the state this browser was given: nobody gets a session, whoever they are.
    scopes: ["self"],
    writes: false,
    expected: everyoneSignedIn("unauth", "unauth"),
    prepare: async (_m, actor) => async () => {
      const response = await actor.request.get(`/api/auth/callback/oidc?code=forged-${uniqueId()}&state=forged`, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && /session-token=[^;]/.test(h.value));
      return response.status() === 302 && /\/signin\?error=sso_/.test(location) && cookies.length === 0 ? "unauth" : "ok";
    },
  },
  {
    key: "app/api/auth/callback/oidc/route.ts#GET",
    variant: "confirmation answer",
    // An answer to a confirmation nobody asked for (or asked in another session): nothing is confirmed.
    scopes: ["self"],
    writes: false,
    expected: everyoneSignedIn("unauth", "unauth"),
    prepare: async (_m, actor) => async () => {
      const response = await actor.request.get(`/api/auth/callback/oidc?code=forged-${uniqueId()}&state=reauth.forged-${uniqueId()}`, { maxRedirects: 0 });
      return response.status() === 302 && /\/account\?reauth=request$/.test(response.headers()["location"] ?? "") ? "unauth" : "ok";
    },
  },
  {
    key: "app/api/auth/[...nextauth]/route.ts#POST",
    // A wrong password is refused for everyone alike; sign-in itself is tested in security-sessions.spec.ts.
    scopes: ["self"],
    writes: false,
    expected: everyoneSignedIn("unauth", "unauth"),
    prepare: async (_m, actor) => {
      const { csrfToken } = (await (await actor.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      return async () => {
        const response = await actor.request.post("/api/auth/callback/credentials", {
          form: { csrfToken, email: actor.user?.email ?? "nobody@example.test", password: "wrong-password-123", json: "true" },
          maxRedirects: 0,
        });
        return httpOutcome(response.status());
      };
    },
  },
];
