// From a contract's verdict to what a user reads: a zod issue becomes a message key with its values (translated by the
// caller: toResponse for the API, the form on the client), the field it belongs to, and, inside a list, the item.
import type { z } from "zod";
import { Invalid } from "@/lib/errors";
import type { MessageRef } from "@/lib/forms";

const MESSAGE_KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

type Issue = z.core.$ZodIssue;

/** The message of one issue: its key (schemas name one; zod's own English text falls back to errors.invalid) and values. */
export function issueMessage(issue: Issue): MessageRef {
  const key = MESSAGE_KEY.test(issue.message) ? issue.message : "errors.invalid";
  const values: Record<string, string | number> = {};
  if (issue.code === "too_big") values.max = Number(issue.maximum);
  if (issue.code === "too_small") values.min = Number(issue.minimum);
  if (issue.code === "invalid_value") values.allowed = issue.values.map(String).join(", ");
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) if (typeof value === "string" || typeof value === "number") values[name] = value;
  }
  return { key, values };
}

/** The field an issue belongs to ("text", "pct.user"); list positions are left out. */
export function issueField(issue: Issue): string {
  return issue.path.filter((part) => typeof part !== "number").map(String).join(".");
}

/** The first issue as the Invalid a route or action throws: its message, the field, and the list item if any. */
export function invalidFrom(error: z.ZodError): Invalid {
  const issue = error.issues[0];
  if (!issue) return new Invalid();
  const { key, values } = issueMessage(issue);
  const index = issue.path.find((part) => typeof part === "number");
  return new Invalid(key, { ...values, field: issueField(issue), ...(index !== undefined ? { index } : {}) });
}

/** Parses `input` or throws a translated Invalid naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidFrom(result.error);
  return result.data;
}

/** Every field's first problem, for a form to show beside the field (useActionState's FormState.fieldErrors). */
export function fieldErrors(error: z.ZodError): Record<string, MessageRef> {
  const errors: Record<string, MessageRef> = {};
  for (const issue of error.issues) {
    const field = issueField(issue) || "form";
    errors[field] ??= issueMessage(issue);
  }
  return errors;
}

/**
 * URL search params (or a page's searchParams object) as plain fields for a schema: the first value of each, trimmed,
 * blank as absent. A NUL byte is refused outright: no form sends one and PostgreSQL cannot store it.
 */
export function queryFields(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const fields: Record<string, string> = {};
  const entries: [string, string | string[] | undefined][] = params instanceof URLSearchParams ? [...params.keys()].map((key) => [key, params.get(key) ?? undefined]) : Object.entries(params);
  for (const [name, raw] of entries) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== "string") continue;
    if (value.includes("\u0000")) throw new Invalid();
    const text = value.trim();
    if (text !== "") fields[name] = text;
  }
  return fields;
}
