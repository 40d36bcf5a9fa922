import "server-only";
// Per-request memory of an SSO callback: next-auth reports the exchange's failures (wrong issuer, bad signature,
// expired token, state or nonce mismatch, the IdP's ?error=) only to its logger and then redirects with a generic
// code; the callback route runs inside this store so it can tell the person, and the audit trail, the real reason.
import { AsyncLocalStorage } from "node:async_hooks";
import { refusalFromExchangeError, type SsoRefusal } from "./sso-claims";

interface SsoCallbackState {
  ip: string;
  refusal?: SsoRefusal;
  message?: string;
}

const store = new AsyncLocalStorage<SsoCallbackState>();

export function runSsoCallback<T>(ip: string, fn: () => Promise<T>): Promise<T> {
  return store.run({ ip }, fn);
}

export function ssoRequestIp(): string | undefined {
  return store.getStore()?.ip;
}

export function noteSsoRefusal(reason: SsoRefusal, message?: string): void {
  const state = store.getStore();
  if (state && !state.refusal) Object.assign(state, { refusal: reason, message });
}

export function ssoCallbackOutcome(): { refusal?: SsoRefusal; message?: string } {
  const state = store.getStore();
  return { refusal: state?.refusal, message: state?.message };
}

function errorMessage(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  const inner = (metadata as { error?: unknown } | null)?.error;
  if (inner instanceof Error) return inner.message;
  return typeof inner === "string" ? inner : "";
}

/** next-auth's logger.error: remembers an OAuth failure for the callback route, and still prints it. */
export function logAuthError(code: string, metadata: unknown): void {
  if (code.startsWith("OAUTH")) {
    const message = errorMessage(metadata);
    noteSsoRefusal(refusalFromExchangeError(message), message.slice(0, 300));
  }
  console.error(`[next-auth][error][${code}]`, metadata);
}
