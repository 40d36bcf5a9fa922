// Named domain errors, mapped once to HTTP responses and form states.
// `messageKey` names a translated message in lib/i18n/messages/*.json under "errors".

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unavailable";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export class Unauthenticated extends DomainError {
  constructor() {
    super("unauthenticated", "errors.unauthenticated");
  }
}

/** Used for rows of other teams as well as missing ones: no existence leak. */
export class NotFound extends DomainError {
  constructor() {
    super("not_found", "errors.notFound");
  }
}

export class Forbidden extends DomainError {
  constructor(messageKey = "errors.forbidden") {
    super("forbidden", messageKey);
  }
}

export class Invalid extends DomainError {
  constructor(messageKey = "errors.invalid", details?: Record<string, unknown>) {
    super("invalid", messageKey, details);
  }
}

export class Conflict extends DomainError {
  constructor(messageKey = "errors.conflict", details?: Record<string, unknown>) {
    super("conflict", messageKey, details);
  }
}

export class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "errors.rateLimited", { retryAfterSeconds });
  }
}

// PostgreSQL refusals that only input can cause: a NUL byte or broken encoding in text, a value out of range, an
// unparseable date or enum, an index entry too big. They answer 400 like any other invalid input, not 503.
const BAD_INPUT_SQLSTATES = new Set(["22021", "22P05", "22001", "22003", "22007", "22008", "22P02", "54000"]);

export function isBadInputDatabaseError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const e = current as { message?: unknown; code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (typeof e.originalCode === "string" && BAD_INPUT_SQLSTATES.has(e.originalCode)) return true;
    if (typeof e.code === "string" && BAD_INPUT_SQLSTATES.has(e.code)) return true;
    const code = typeof e.message === "string" ? /Code: `(\w+)`/.exec(e.message)?.[1] : undefined;
    if (code && BAD_INPUT_SQLSTATES.has(code)) return true;
    current = e.meta?.driverAdapterError ?? e.cause;
  }
  return false;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
};
