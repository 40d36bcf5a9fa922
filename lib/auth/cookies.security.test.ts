// Cookies and redirects of next-auth as configured here: HttpOnly and SameSite always, Secure (and the __Secure-
// prefix) when the public URL is https, and no callbackUrl that leaves the site.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";

describe("session cookies", () => {
  it("are Secure with the __Secure- prefix behind an https NEXTAUTH_URL, HttpOnly and SameSite=Lax always", async () => {
    // Each test file runs in its own process: this is the first import of the options, read with an https URL.
    process.env.NEXTAUTH_URL = "https://opsmix.example.com";
    const { authOptions } = await import("./options");
    assert.equal(authOptions.useSecureCookies, true);
    // next-auth's own cookie defaults (not in its package exports), which it applies with `useSecureCookies`.
    const cookieModule = pathToFileURL(path.resolve("node_modules/next-auth/core/lib/cookie.js")).href;
    const { defaultCookies } = (await import(cookieModule)) as unknown as { defaultCookies: (secure: boolean) => Record<string, { name: string; options: Record<string, unknown> }> };
    for (const secure of [true, false]) {
      const cookies = defaultCookies(secure);
      for (const name of ["sessionToken", "csrfToken", "callbackUrl"]) {
        assert.equal(cookies[name]!.options.httpOnly, true, name);
        assert.equal(cookies[name]!.options.sameSite, "lax", name);
        assert.equal(cookies[name]!.options.secure, secure, name);
      }
      assert.equal(cookies.sessionToken!.name.startsWith("__Secure-"), secure);
    }
  });
});

describe("redirect callback", () => {
  it("keeps every callbackUrl on this site", async () => {
    const { authOptions } = await import("./options");
    const redirect = authOptions.callbacks!.redirect!;
    const baseUrl = "http://127.0.0.1:3000";
    const cases: [string, string][] = [
      ["/t/growth/today", `${baseUrl}/t/growth/today`],
      [`${baseUrl}/account`, `${baseUrl}/account`],
      ["https://evil.example/", baseUrl],
      ["//evil.example/", baseUrl],
      ["/\\evil.example/", baseUrl],
      ["http://127.0.0.1:3000@evil.example/", baseUrl],
      ["javascript:alert(1)", baseUrl],
      ["https:evil.example", baseUrl],
      ["http://127.0.0.1:30000/", baseUrl],
      ["", baseUrl],
    ];
    for (const [url, expected] of cases) {
      const target = await redirect({ url, baseUrl });
      assert.equal(target, expected, url);
      assert.equal(new URL(target).origin, baseUrl, url);
    }
  });
});
