// The state a server action hands back to its form: translated on the client from message keys.
import { DomainError, isBadInputDatabaseError, RateLimited } from "./errors";

export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
}

export interface FormState<T = unknown> {
  ok?: boolean;
  error?: MessageRef;
  /** The same refusal keyed by the form field it is about (an Invalid naming its `field`), shown beside that field. */
  fieldErrors?: Record<string, MessageRef>;
  data?: T;
}

export function messageForError(error: unknown): MessageRef {
  if (error instanceof RateLimited) return { key: "errors.rateLimited", values: { seconds: error.retryAfterSeconds } };
  if (error instanceof DomainError) {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(error.details ?? {})) {
      if (typeof value === "string" || typeof value === "number") values[name] = value;
    }
    return { key: error.messageKey, values };
  }
  if (isBadInputDatabaseError(error)) return { key: "errors.invalid" };
  console.error(error);
  return { key: "errors.generic" };
}

export function failure<T>(error: unknown): FormState<T> {
  const message = messageForError(error);
  const field = error instanceof DomainError ? error.details?.field : undefined;
  return { ok: false, error: message, ...(typeof field === "string" && field ? { fieldErrors: { [field]: message } } : {}) };
}

/** A text field of a submitted form; "" when absent, and never a NUL byte (no form sends one; PostgreSQL refuses it). */
export function formString(formData: FormData, name: string, max = 10_000): string {
  // A hand-made request can send anything as the "form" (even a reference that throws when touched): an empty one.
  let value: unknown = null;
  try {
    value = formData instanceof FormData ? formData.get(name) : null;
  } catch {}
  return typeof value === "string" ? value.slice(0, max).replace(/\u0000/g, "") : "";
}
