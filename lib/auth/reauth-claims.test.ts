import assert from "node:assert/strict";
import { test } from "node:test";
import { checkReauthClaims, REAUTH_MAX_AGE_SECONDS } from "./reauth-claims";

const now = 1_800_000_000;
const expected = { issuer: "https://idp.example.com", subject: "u-1", email: "lin@example.com", requestedAt: now - 40, now };
const fresh = { iss: "https://idp.example.com", sub: "u-1", email: "Lin@Example.com", auth_time: now - 20 };

test("a login made after the request, by the linked identity, confirms", () => {
  assert.deepEqual(checkReauthClaims(fresh, expected), { ok: true });
  assert.deepEqual(checkReauthClaims({ ...fresh, email: undefined }, expected), { ok: true });
});

test("another person at the IdP is refused, whichever claim differs", () => {
  assert.deepEqual(checkReauthClaims({ ...fresh, sub: "u-2" }, expected), { ok: false, reason: "other_account" });
  assert.deepEqual(checkReauthClaims({ ...fresh, iss: "https://other.example.com" }, expected), { ok: false, reason: "other_account" });
  assert.deepEqual(checkReauthClaims({ ...fresh, email: "someone@example.com" }, expected), { ok: false, reason: "other_account" });
});

test("an old IdP session is refused: no auth_time, a login from before the request, or one too long ago", () => {
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: undefined }, expected), { ok: false, reason: "stale" });
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: String(now) }, expected), { ok: false, reason: "stale" });
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: now - 3600 }, { ...expected, requestedAt: now - 3700 }), { ok: false, reason: "stale" });
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: now - 200 }, expected), { ok: false, reason: "stale" });
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: now - REAUTH_MAX_AGE_SECONDS - 1 }, { ...expected, requestedAt: now - 400 }), { ok: false, reason: "stale" });
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: now + 3600 }, expected), { ok: false, reason: "stale" });
});

test("a small clock difference with the IdP is tolerated", () => {
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: now - 70 }, expected), { ok: true });
  assert.deepEqual(checkReauthClaims({ ...fresh, auth_time: now + 30 }, expected), { ok: true });
});
