import assert from "node:assert/strict";
import { test } from "node:test";
import { identityFromClaims, localeFromClaim, refusalFromExchangeError } from "./sso-claims";

const config = { issuer: "https://idp.example.com", trustEmail: false };
const good = { iss: "https://idp.example.com", sub: "u-1", email: " Lin@Example.COM ", email_verified: true, name: "林", locale: "zh_CN" };

test("a verified e-mail from the configured issuer gives the identity, e-mail normalised", () => {
  assert.deepEqual(identityFromClaims(good, config), {
    ok: true,
    identity: { issuer: "https://idp.example.com", subject: "u-1", email: "lin@example.com", name: "林", locale: "zh-CN" },
  });
});

test("another issuer is refused, even with a trailing-slash difference only normalised away", () => {
  assert.deepEqual(identityFromClaims({ ...good, iss: "https://evil.example.com" }, config), { ok: false, reason: "issuer" });
  assert.equal(identityFromClaims({ ...good, iss: "https://idp.example.com/" }, config).ok, true);
});

test("no e-mail, or an implausible one, is refused as missing", () => {
  assert.deepEqual(identityFromClaims({ ...good, email: undefined }, config), { ok: false, reason: "email_missing" });
  assert.deepEqual(identityFromClaims({ ...good, email: "not-an-address" }, config), { ok: false, reason: "email_missing" });
});

test("an unverified e-mail is refused unless the operator trusts the IdP's e-mails", () => {
  for (const email_verified of [false, undefined, "false", 1]) {
    assert.deepEqual(identityFromClaims({ ...good, email_verified }, config), { ok: false, reason: "email_unverified" });
  }
  assert.equal(identityFromClaims({ ...good, email_verified: "true" }, config).ok, true);
  assert.equal(identityFromClaims({ ...good, email_verified: false }, { ...config, trustEmail: true }).ok, true);
});

test("a missing name falls back to the username, then to the e-mail's local part", () => {
  const noName = identityFromClaims({ ...good, name: "  " }, config);
  assert.equal(noName.ok && noName.identity.name, "lin");
  const username = identityFromClaims({ ...good, name: undefined, preferred_username: "lin.w" }, config);
  assert.equal(username.ok && username.identity.name, "lin.w");
});

test("IdP locales map to the UI languages", () => {
  assert.equal(localeFromClaim("zh-Hans"), "zh-CN");
  assert.equal(localeFromClaim("en-US"), "en");
  assert.equal(localeFromClaim("fr"), null);
  assert.equal(localeFromClaim(undefined), null);
});

test("exchange errors map to the reason shown on the sign-in page", () => {
  assert.equal(refusalFromExchangeError("access_denied"), "denied");
  assert.equal(refusalFromExchangeError("nonce mismatch, expected abc, got: xyz"), "nonce");
  assert.equal(refusalFromExchangeError("state mismatch, expected abc, got: xyz"), "state");
  assert.equal(refusalFromExchangeError("unexpected iss value, expected https://a, got: https://b"), "issuer");
  assert.equal(refusalFromExchangeError("failed to validate JWT signature"), "signature");
  assert.equal(refusalFromExchangeError("JWT expired, now 1700000000, exp 1690000000"), "expired");
  assert.equal(refusalFromExchangeError("connect ECONNREFUSED 127.0.0.1:9"), "provider");
});
