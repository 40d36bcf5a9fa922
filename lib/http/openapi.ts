// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Keep in step with the handlers.
const ROLE_ENUM = ["user", "content", "community", "new_media", "business", "product", "activity", "marketing"];
const STAGE_ENUM = ["acquisition", "connection", "activation", "retention", "referral"];

const error = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: error } } });
const teamParam = { name: "team", in: "query", required: false, description: "Team slug; defaults to your first team.", schema: { type: "string" } };

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "OpsMix API",
    version: "1.0.0",
    description:
      "Log ops work and read it back tagged by ops role and funnel stage. Authenticate with a personal API token: `Authorization: Bearer om_…` (create one in Account → Personal API tokens, or `npm run -s cli -- token:create --email you@example.com`).",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
      },
      NewActivity: {
        type: "object",
        required: ["text"],
        properties: {
          text: { type: "string", maxLength: 2000, description: "What was done, in plain words (Chinese or English)." },
          date: { type: "string", format: "date", description: "Date worked (YYYY-MM-DD) in the team's time zone; default today. At most 1 day ahead and 5 years back." },
          minutes: { type: "integer", minimum: 1, maximum: 1440 },
        },
      },
      Tag: {
        type: "object",
        properties: {
          role: { type: "string", enum: ROLE_ENUM },
          stage: { type: "string", enum: STAGE_ENUM },
          confidence: { type: "object", properties: { role: { type: "number" }, stage: { type: "number" } } },
          needsReview: { type: "boolean" },
          explanation: { type: "object" },
        },
      },
      Activity: {
        type: "object",
        required: ["id", "text", "date", "minutes", "role", "stage", "confidence", "needsReview", "tagSource", "author"],
        properties: {
          id: { type: "string" },
          text: { type: "string" },
          date: { type: "string", format: "date" },
          minutes: { type: ["integer", "null"] },
          role: { type: ["string", "null"], enum: [...ROLE_ENUM, null] },
          stage: { type: ["string", "null"], enum: [...STAGE_ENUM, null] },
          confidence: { type: "object", properties: { role: { type: ["number", "null"] }, stage: { type: ["number", "null"] } } },
          needsReview: { type: "boolean" },
          tagSource: { type: "string", enum: ["auto", "confirmed", "corrected"] },
          tagPending: { type: "boolean", description: "A member's correction waiting for a manager: applied to this entry, not yet taught to the team's model." },
          author: { type: "object", properties: { name: { type: "string" }, email: { type: "string" } } },
          version: { type: "integer", description: "Send it back with PATCH; a stale version answers 409." },
          explanation: { type: ["object", "null"] },
          createdAt: { type: "string", format: "date-time" },
          updatedAt: { type: "string", format: "date-time" },
        },
      },
      Comment: {
        type: "object",
        description: "A manager's comment (点评) on an entry or on a member's weekly report. Seen by that member and by managers and admins.",
        required: ["id", "author", "member", "on", "week", "text", "correction", "createdAt"],
        properties: {
          id: { type: "string" },
          author: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
          member: { type: "object", description: "Whose entry or report it is about", properties: { id: { type: "string" }, name: { type: "string" } } },
          on: {
            oneOf: [
              { type: "object", properties: { kind: { const: "entry" }, activityId: { type: "string" }, text: { type: "string" }, date: { type: "string", format: "date" } } },
              { type: "object", properties: { kind: { const: "report" }, week: { type: "string", pattern: "^\\d{4}-W\\d{2}$" } } },
            ],
          },
          week: { type: "string", description: "ISO week, YYYY-Www" },
          text: { type: "string", maxLength: 1000, description: "Plain text" },
          correction: {
            type: ["object", "null"],
            description: "The tag correction made with the comment (a manager's correction: it taught the team's model)",
            properties: { from: { $ref: "#/components/schemas/TagPair" }, to: { $ref: "#/components/schemas/TagPair" } },
          },
          createdAt: { type: "string", format: "date-time" },
          editedAt: { type: ["string", "null"], format: "date-time" },
          seenAt: { type: ["string", "null"], format: "date-time", description: "When the member first saw it; null while unread" },
        },
      },
      TagPair: {
        type: "object",
        properties: { role: { type: ["string", "null"], enum: [...ROLE_ENUM, null] }, stage: { type: ["string", "null"], enum: [...STAGE_ENUM, null] } },
      },
    },
  },
  paths: {
    "/api/v1/activities": {
      get: {
        summary: "List activities (your own, or the team's for managers)",
        parameters: [
          teamParam,
          ...["from", "to"].map((name) => ({ name, in: "query", schema: { type: "string", format: "date" } })),
          { name: "member", in: "query", description: "Member email or user id", schema: { type: "string" } },
          { name: "role", in: "query", schema: { type: "string", enum: ROLE_ENUM } },
          { name: "stage", in: "query", schema: { type: "string", enum: STAGE_ENUM } },
          { name: "q", in: "query", description: "Text search", schema: { type: "string" } },
          { name: "needsReview", in: "query", schema: { type: "boolean" } },
          { name: "cursor", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: {
          "200": {
            description: "A page of activities, newest first",
            content: { "application/json": { schema: { type: "object", properties: { activities: { type: "array", items: { $ref: "#/components/schemas/Activity" } }, nextCursor: { type: ["string", "null"] } } } } },
          },
          "400": errorResponse("Bad filter"),
          "401": errorResponse("Missing or invalid token"),
          "404": errorResponse("Unknown team"),
        },
      },
      post: {
        summary: "Create one activity, or many with {activities: [...]}; each is tagged on save",
        parameters: [teamParam, { name: "Idempotency-Key", in: "header", description: "Repeat a submit safely: the same key returns the first result.", schema: { type: "string" } }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { oneOf: [{ $ref: "#/components/schemas/NewActivity" }, { type: "object", required: ["activities"], properties: { activities: { type: "array", maxItems: 500, items: { $ref: "#/components/schemas/NewActivity" } } } }] },
            },
          },
        },
        responses: {
          "201": { description: "Created", content: { "application/json": { schema: { type: "object", properties: { activities: { type: "array", items: { $ref: "#/components/schemas/Activity" } } } } } } },
          "200": { description: "Replayed: the Idempotency-Key was seen before" },
          "400": errorResponse("Invalid input; nothing was saved"),
          "401": errorResponse("Missing or invalid token"),
          "413": errorResponse("Body over 1 MB"),
          "429": errorResponse("Rate limited; see Retry-After"),
        },
      },
    },
    "/api/v1/activities/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, teamParam],
      get: {
        summary: "One activity, with its managers' comments (oldest first)",
        responses: {
          "200": {
            description: "The activity and the comments on it",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { activity: { $ref: "#/components/schemas/Activity" }, comments: { type: "array", items: { $ref: "#/components/schemas/Comment" } } },
                },
              },
            },
          },
          "404": errorResponse("Not found (or another team's, or a team-mate's for a member)"),
        },
      },
      patch: {
        summary: "Edit text/date/minutes (author) or correct role/stage (author or manager; a correction teaches the team's model)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["version"],
                properties: {
                  version: { type: "integer" },
                  text: { type: "string" },
                  date: { type: "string", format: "date" },
                  minutes: { type: ["integer", "null"] },
                  role: { type: "string", enum: ROLE_ENUM },
                  stage: { type: "string", enum: STAGE_ENUM },
                },
              },
            },
          },
        },
        responses: { "200": { description: "Updated" }, "400": errorResponse("Invalid"), "403": errorResponse("Not allowed"), "404": errorResponse("Not found"), "409": errorResponse("Stale version") },
      },
      delete: { summary: "Delete (author or admin)", responses: { "204": { description: "Deleted" }, "404": errorResponse("Not found") } },
    },
    "/api/v1/tag": {
      post: {
        summary: "Tag text with your team's model without saving",
        parameters: [teamParam],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { oneOf: [{ type: "object", required: ["text"], properties: { text: { type: "string" } } }, { type: "object", required: ["texts"], properties: { texts: { type: "array", items: { type: "string" } } } }] } } },
        },
        responses: { "200": { description: "The tag (or {results: [...]} for texts)", content: { "application/json": { schema: { $ref: "#/components/schemas/Tag" } } } }, "400": errorResponse("Invalid") },
      },
    },
    "/api/v1/reports/effort": {
      get: {
        summary: "Effort counts and minutes grouped by role, stage, member and/or week",
        parameters: [
          teamParam,
          { name: "from", in: "query", required: true, schema: { type: "string", format: "date" } },
          { name: "to", in: "query", required: true, schema: { type: "string", format: "date" } },
          { name: "groupBy", in: "query", description: "Comma-separated: role, stage, member, week", schema: { type: "string" } },
          { name: "member", in: "query", schema: { type: "string" } },
        ],
        responses: { "200": { description: "{rows: [...], total: {count, minutes}}" }, "400": errorResponse("Invalid") },
      },
    },
    "/api/v1/reports/weekly": {
      get: {
        summary: "Weekly (or daily) report drafted from the tagged entries: figures by role then stage, largest entries, target gaps, empty stages, entries needing review, and the text",
        parameters: [
          teamParam,
          { name: "week", in: "query", description: "ISO week, e.g. 2026-W49 (default: this week in the team's time zone)", schema: { type: "string", pattern: "^\\d{4}-W\\d{2}$" } },
          { name: "day", in: "query", description: "A date for the daily report (日报) instead of the week", schema: { type: "string", format: "date" } },
          { name: "member", in: "query", description: "User id or email; members may only name themselves; default: the team (managers) or yourself", schema: { type: "string" } },
          { name: "format", in: "query", description: "Shape of `text`", schema: { type: "string", enum: ["plain", "markdown", "feishu", "dingtalk", "wecom"], default: "markdown" } },
        ],
        responses: { "200": { description: "{kind, period, from, to, member, totals, previous, roles: [{role, count, minutes, stages: [...]}], members, largest, gaps, emptyStages, review, locale, format, text}" }, "400": errorResponse("Invalid"), "404": errorResponse("NotFound") },
      },
    },
  },
} as const;
