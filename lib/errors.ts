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
