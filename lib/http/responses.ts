// The one mapping from a thrown error to an HTTP answer: { error: { code, message } } with the message translated,
// the status from the error's code, and no stack trace. The API, the export and the upload routes all use it.
import { NextResponse } from "next/server";
import { DomainError, HTTP_STATUS, isBadInputDatabaseError, RateLimited, type ErrorCode } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";

export function jsonError(code: ErrorCode, message: string, extraHeaders: Record<string, string> = {}) {
  return NextResponse.json({ error: { code, message } }, { status: HTTP_STATUS[code], headers: { "Cache-Control": "no-store", ...extraHeaders } });
}

/** The translated message of a domain error, with its details as values; an item of a batch is named first. */
export function errorMessage(error: DomainError, locale: Locale): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error.details ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
  if (error instanceof RateLimited) values.seconds = error.retryAfterSeconds;
  const message = translate(locale, error.messageKey, values);
  return typeof values.index === "number" ? `${translate(locale, "errors.atItem", { n: values.index + 1 })} ${message}` : message;
}

export function toResponse(error: unknown, locale: Locale): Response {
  if (error instanceof RateLimited) return jsonError("rate_limited", errorMessage(error, locale), { "Retry-After": String(error.retryAfterSeconds) });
  if (error instanceof DomainError) {
    return jsonError(error.code, errorMessage(error, locale), error.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="opsmix"' } : {});
  }
  if (isBadInputDatabaseError(error)) return jsonError("invalid", translate(locale, "errors.invalid"));
  console.error("request failed", error);
  return jsonError("unavailable", translate(locale, "errors.generic"), { "Retry-After": "1" });
}
