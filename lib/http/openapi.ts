// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json, rendered from the contracts the handlers
// parse with (lib/contracts): a limit or an enum changes there and the document follows. Only the prose lives here.
import { z } from "zod";
import * as api from "@/lib/contracts/api";
import { BATCH_MAX } from "@/lib/contracts/fields";
import { BODY_LIMIT_BYTES } from "./body-limit";

type JsonSchema = Record<string, unknown>;

const SCHEMA_OPTIONS = { target: "draft-2020-12", unrepresentable: "any", reused: "inline" } as const;

/** Named schemas: requests rendered as they are accepted (input), answers as they are sent (output). */
const REQUEST_COMPONENTS = { NewActivity: api.newActivity, CreateActivities: api.createActivitiesBody, ActivityPatch: api.activityPatch, TagRequest: api.tagBody };
const RESPONSE_COMPONENTS = {
  Error: api.errorBody,
  Activity: api.activity,
  ActivityList: api.activityList,
  ActivitiesCreated: api.activitiesCreated,
  ActivityOne: api.activityOne,
  ActivityWithComments: api.activityWithComments,
  Comment: api.comment,
  TagPair: api.tagPair,
  Tag: api.tagResult,
  TagResults: api.tagResults,
  EffortReport: api.effortReport,
  WeeklyReport: api.weeklyReport,
};

function renderComponents(components: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) {
    // A schema may carry its id from lib/contracts already; register it once, under that id.
    const own = z.globalRegistry.get(schema)?.id;
    if (own && own !== id) throw new Error(`schema registered as ${own}, listed as ${id}`);
    registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, { ...SCHEMA_OPTIONS, io, uri: (id) => `#/components/schemas/${id}` });
  for (const schema of Object.values(schemas) as JsonSchema[]) {
    // The component's place in the document names it; a fragment-only $id is not valid JSON Schema.
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas as Record<string, JsonSchema>;
}

/** A query object's fields as OpenAPI parameters, each with its rendered schema and description. */
function queryParameters(query: z.ZodObject): JsonSchema[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const { $schema: _, description, ...schema } = z.toJSONSchema(field as z.ZodType, { ...SCHEMA_OPTIONS, io: "input" }) as JsonSchema;
    // A list travels comma-separated (?groupBy=role,week): OpenAPI's form style without explode.
    const list = schema.type === "array" ? { style: "form", explode: false } : {};
    return { name, in: "query", required: !(field as z.ZodType).safeParse(undefined).success, ...(description ? { description } : {}), ...list, schema };
  });
}

const ref = (id: keyof typeof RESPONSE_COMPONENTS | keyof typeof REQUEST_COMPONENTS) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: keyof typeof RESPONSE_COMPONENTS) => ({ description, content: { "application/json": { schema: ref(id) } } });
const failure = (description: string) => json(description, "Error");
const body = (id: keyof typeof REQUEST_COMPONENTS) => ({ required: true, content: { "application/json": { schema: ref(id) } } });
const teamParam = { name: "team", in: "query", required: false, description: "Team slug; defaults to your first team.", schema: { type: "string" } };
/** Answers every authenticated operation may give. */
const common = { "401": failure("Missing or invalid token"), "404": failure("Unknown team, or a row of another team"), "429": failure("Rate limited; see Retry-After") };

function buildDocument() {
  const parametersOf = (query: z.ZodObject) => [teamParam, ...queryParameters(query)];
  return {
    openapi: "3.1.0",
    info: {
      title: "OpsMix API",
      version: "1.0.0",
      description:
        "Log ops work and read it back tagged by ops role and funnel stage. Authenticate with a personal API token: `Authorization: Bearer om_…` (create one in Account → Personal API tokens, or `npm run -s cli -- token:create --email you@example.com`). Errors answer `{error: {code, message}}` with the message in the request's language.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { ...renderComponents(REQUEST_COMPONENTS, "input"), ...renderComponents(RESPONSE_COMPONENTS, "output") },
    },
    paths: {
      "/api/v1/activities": {
        get: {
          operationId: "listActivities",
          summary: "List activities (your own, or the team's for managers), newest first",
          parameters: parametersOf(api.activityListQuery),
          responses: { "200": json("A page of activities, newest first", "ActivityList"), "400": failure("Bad filter"), ...common },
        },
        post: {
          operationId: "createActivities",
          summary: `Create one activity, or up to ${BATCH_MAX} with {activities: [...]}; each is tagged on save`,
          parameters: [teamParam, { name: "Idempotency-Key", in: "header", description: "Repeat a submit safely: the same key returns the first result.", schema: { type: "string" } }],
          requestBody: body("CreateActivities"),
          responses: {
            "201": json("Created", "ActivitiesCreated"),
            "200": json("Replayed: the Idempotency-Key was seen before", "ActivitiesCreated"),
            "400": failure("Invalid input; nothing was saved"),
            "413": failure(`Body over ${BODY_LIMIT_BYTES / 1_000_000} MB`),
            ...common,
          },
        },
      },
      "/api/v1/activities/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, teamParam],
        get: {
          operationId: "getActivity",
          summary: "One activity, with its managers' comments (oldest first)",
          responses: { "200": json("The activity and the comments on it", "ActivityWithComments"), ...common, "404": failure("Not found (or another team's, or a team-mate's for a member)") },
        },
        patch: {
          operationId: "updateActivity",
          summary: "Edit text/date/minutes (author) or correct role/stage (author or manager; a correction teaches the team's model)",
          requestBody: body("ActivityPatch"),
          responses: { "200": json("Updated", "ActivityOne"), "400": failure("Invalid"), "403": failure("Not allowed"), "409": failure("Stale version"), ...common },
        },
        delete: { operationId: "deleteActivity", summary: "Delete (author or admin)", responses: { "204": { description: "Deleted" }, ...common } },
      },
      "/api/v1/tag": {
        post: {
          operationId: "tagText",
          summary: "Tag text with your team's model without saving: {text} answers one tag, {texts: [...]} answers {results: [...]}",
          parameters: [teamParam],
          requestBody: body("TagRequest"),
          responses: {
            "200": { description: "The tag, or {results} for texts", content: { "application/json": { schema: { oneOf: [ref("Tag"), ref("TagResults")] } } } },
            "400": failure("Invalid"),
            ...common,
          },
        },
      },
      "/api/v1/reports/effort": {
        get: {
          operationId: "effortReport",
          summary: "Effort counts and minutes grouped by role, stage, member and/or week (members get only their own)",
          parameters: parametersOf(api.effortQuery),
          responses: { "200": json("Rows and total", "EffortReport"), "400": failure("Invalid"), ...common },
        },
      },
      "/api/v1/reports/weekly": {
        get: {
          operationId: "weeklyReport",
          summary: "Weekly (or daily) report drafted from the tagged entries: figures by role then stage, largest entries, target gaps, empty stages, entries needing review, and the text",
          parameters: parametersOf(api.weeklyQuery),
          responses: { "200": json("The report and its text", "WeeklyReport"), "400": failure("Invalid"), ...common },
        },
      },
    },
  } as const;
}

export const OPENAPI_DOCUMENT = buildDocument();
