// The /api/v1 contract: what each operation takes (bodies and queries, built from fields.ts) and what it answers.
// The route handlers parse with the request schemas; lib/http/openapi.ts renders both sides into the document, and
// e2e/api.spec.ts checks every operation's answer against it, so the document cannot drift from the behaviour.
import { z } from "zod";
import { COMMENT_MAX } from "@/lib/comments/limits";
import { ROLE_KEYS, STAGE_KEYS } from "@/lib/tagging/types";
import { activityText, BATCH_MAX, cursor, dateRange, flag, isoDate, isoWeek, memberRef, minutes, pageLimit, roleKey, stageKey } from "./fields";

export const PAGE_MAX = 200;
export const PAGE_DEFAULT = 50;
/** Longest text search; longer ones are cut, not refused. */
export const SEARCH_MAX = 100;
export const REPORT_DIMENSIONS = ["role", "stage", "member", "week"] as const;
/** Shapes of a report's text: plain, Markdown, or the fields of 飞书汇报 / 钉钉日志 / 企业微信汇报. */
export const REPORT_FORMATS = ["plain", "markdown", "feishu", "dingtalk", "wecom"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const optional = <S extends z.ZodType>(schema: S) => schema.optional();
const nullableDate = z.preprocess((value) => (value === null || value === "" ? undefined : value), isoDate.optional());

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const activityListQuery = z.object({
  from: optional(isoDate),
  to: optional(isoDate),
  member: optional(memberRef),
  role: optional(roleKey),
  stage: optional(stageKey),
  q: optional(z.string().transform((q) => q.trim().slice(0, SEARCH_MAX)).meta({ description: `Text search (the first ${SEARCH_MAX} characters).` })),
  needsReview: optional(flag),
  cursor: optional(cursor),
  limit: optional(pageLimit(PAGE_MAX).meta({ default: PAGE_DEFAULT })),
});
export type ActivityListQuery = z.output<typeof activityListQuery>;

export const newActivity = z
  .object(
    {
      text: activityText,
      date: nullableDate.meta({ description: "Date worked (YYYY-MM-DD) in the team's time zone; default today. At most 1 day ahead and 5 years back." }),
      minutes: optional(minutes),
    },
    { error: "errors.textRequired" },
  )
  .meta({ id: "NewActivity" });

export const activitiesBatch = z.object(
  { activities: z.array(newActivity, { error: "errors.textRequired" }).min(1, { error: "errors.textRequired" }).max(BATCH_MAX, { error: "errors.tooManyEntries" }) },
  { error: "errors.textRequired" },
);

/** POST /api/v1/activities: one entry, or many as {activities: [...]}. */
export const createActivitiesBody = z.union([newActivity, activitiesBatch]);

/** The body's shape decides which contract applies (a union's error would not say which field is wrong). */
export function createActivitiesSchema(body: unknown) {
  return typeof body === "object" && body !== null && !Array.isArray(body) && "activities" in body ? activitiesBatch : newActivity;
}

export const activityPatch = z.object(
  {
    version: z.int({ error: "errors.versionRequired" }).meta({ description: "The version you read; a stale one answers 409." }),
    text: optional(activityText),
    date: optional(isoDate),
    minutes: optional(minutes),
    role: optional(roleKey),
    stage: optional(stageKey),
  },
  { error: "errors.versionRequired" },
);

export const tagOneBody = z.object({ text: activityText }, { error: "errors.textRequired" });
export const tagManyBody = z.object(
  { texts: z.array(activityText, { error: "errors.textRequired" }).min(1, { error: "errors.textRequired" }).max(BATCH_MAX, { error: "errors.tooManyEntries" }) },
  { error: "errors.textRequired" },
);
export const tagBody = z.union([tagOneBody, tagManyBody]);
export function tagSchema(body: unknown) {
  return typeof body === "object" && body !== null && Array.isArray((body as { texts?: unknown }).texts) ? tagManyBody : tagOneBody;
}

const groupBy = z.preprocess(
  (value) => (typeof value === "string" ? [...new Set(value.split(",").map((part) => part.trim()).filter(Boolean))] : value),
  z.array(z.enum(REPORT_DIMENSIONS, { error: "dashboard.errors.groupByInvalid" })).meta({
    description: `Comma-separated: ${REPORT_DIMENSIONS.join(", ")}.`,
  }),
);

export const effortQuery = dateRange.safeExtend({ groupBy: optional(groupBy), member: optional(memberRef) });

export const weeklyQuery = z.object({
  week: optional(isoWeek).meta({ description: "ISO week, e.g. 2026-W49 (default: this week in the team's time zone)." }),
  day: optional(z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.iso.date({ error: "rhythm.errors.dayInvalid" }))).meta({
    description: "A date for the daily report (日报) instead of the week.",
  }),
  member: optional(memberRef),
  format: z.enum(REPORT_FORMATS, { error: "rhythm.errors.formatInvalid" }).default("markdown"),
});

// ---------------------------------------------------------------------------------------------------------------
// Responses (what the handlers answer; checked against real answers in e2e/api.spec.ts)

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).meta({ id: "Error" });

const role = z.enum(ROLE_KEYS);
const stage = z.enum(STAGE_KEYS);
const cue = z.object({ cue: z.string(), weight: z.number() });
const explanation = z
  .object({
    roleCues: z.array(cue),
    stageCues: z.array(cue),
    nearest: z.object({ text: z.string(), role, stage, source: z.enum(["bank", "team"]), similarity: z.number() }).optional(),
    teamExamples: z.int().optional(),
  })
  .catchall(z.unknown());

export const activity = z
  .object({
    id: z.string(),
    text: z.string(),
    date: z.iso.date(),
    minutes: z.int().nullable(),
    role: role.nullable(),
    stage: stage.nullable(),
    confidence: z.object({ role: z.number().nullable(), stage: z.number().nullable() }),
    needsReview: z.boolean(),
    tagSource: z.enum(["auto", "confirmed", "corrected"]),
    tagPending: z.boolean().meta({ description: "A member's correction waiting for a manager: applied to this entry, not yet taught to the team's model." }),
    author: z.object({ name: z.string(), email: z.string() }),
    authorId: z.string(),
    version: z.int().meta({ description: "Send it back with PATCH; a stale version answers 409." }),
    explanation: explanation.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Activity" });

export const tagPair = z.object({ role: role.nullable(), stage: stage.nullable() }).meta({ id: "TagPair" });
export const comment = z
  .object({
    id: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    member: z.object({ id: z.string(), name: z.string() }).meta({ description: "Whose entry or report it is about" }),
    on: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("entry"), activityId: z.string(), text: z.string(), date: z.iso.date() }),
      z.object({ kind: z.literal("report"), week: z.string().regex(/^\d{4}-W\d{2}$/) }),
    ]),
    week: z.string().meta({ description: "ISO week, YYYY-Www" }),
    text: z.string().max(COMMENT_MAX).meta({ description: "Plain text" }),
    correction: z
      .object({ from: tagPair, to: tagPair })
      .nullable()
      .meta({ description: "The tag correction made with the comment (a manager's correction: it taught the team's model)" }),
    createdAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
    seenAt: z.iso.datetime().nullable().meta({ description: "When the member first saw it; null while unread" }),
  })
  .meta({ id: "Comment", description: "A manager's comment (点评) on an entry or on a member's weekly report. Seen by that member and by managers and admins." });

export const activityList = z.object({ activities: z.array(activity), nextCursor: z.string().nullable() });
export const activitiesCreated = z.object({ activities: z.array(activity) });
export const activityOne = z.object({ activity });
/** GET /api/v1/activities/{id}: the entry and its managers' comments, oldest first. */
export const activityWithComments = z.object({ activity, comments: z.array(comment) });

export const tagResult = z
  .object({
    text: z.string(),
    role,
    stage,
    confidence: z.object({ role: z.number(), stage: z.number() }),
    runnerUp: z.object({ role, stage }),
    needsReview: z.boolean(),
    explanation,
  })
  .meta({ id: "Tag" });
export const tagResults = z.object({ results: z.array(tagResult) });

const figures = z.object({ count: z.int(), minutes: z.int() });

export const effortReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.array(z.enum(REPORT_DIMENSIONS)),
  rows: z.array(
    figures.extend({
      role: role.nullable().optional(),
      stage: stage.nullable().optional(),
      member: z.string().optional(),
      memberName: z.string().optional(),
      week: z.iso.date().optional(),
    }),
  ),
  total: figures,
});

const reportFigures = figures.extend({ timedCount: z.int(), reviewCount: z.int() });
const reportEntry = z.object({ id: z.string(), date: z.iso.date(), text: z.string(), minutes: z.int().nullable(), role: role.nullable(), stage: stage.nullable(), authorName: z.string() });

export const weeklyReport = z.object({
  kind: z.enum(["week", "day"]),
  period: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  team: z.object({ slug: z.string(), name: z.string() }),
  member: z.object({ id: z.string(), name: z.string() }).nullable(),
  totals: reportFigures.extend({ untaggedCount: z.int(), activeDays: z.int(), activeMembers: z.int() }),
  previous: figures,
  roles: z.array(reportFigures.extend({ role: role.nullable(), stages: z.array(reportFigures.extend({ stage: stage.nullable(), entries: z.array(reportEntry) })) })),
  members: z.array(figures.extend({ id: z.string(), name: z.string() })),
  listedEntries: z.int(),
  largest: z.array(reportEntry),
  gaps: z.array(z.object({ dimension: z.enum(["role", "stage"]), key: z.string(), target: z.number(), actual: z.number(), gap: z.number() })),
  emptyStages: z.array(stage),
  review: z.array(reportEntry),
  locale: z.string(),
  format: z.enum(REPORT_FORMATS),
  text: z.string(),
});
