import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sameOriginPath } from "./redirect";

const origin = "https://ops.example.com";

describe("sameOriginPath (callbackUrl after sign-in)", () => {
  it("keeps paths on this site, with their query and hash", () => {
    assert.equal(sameOriginPath("/t/growth/today", origin), "/t/growth/today");
    assert.equal(sameOriginPath("/invite/abc?x=1#top", origin), "/invite/abc?x=1#top");
    assert.equal(sameOriginPath("https://ops.example.com/account", origin), "/account");
  });

  it("refuses every spelling that a browser would follow to another site", () => {
    for (const url of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      " //evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/./\\evil.example",
      "/.//evil.example",
      "https://evil.example/",
      "http://ops.example.com/account",
      "javascript:alert(1)",
      "data:text/html,hi",
    ]) {
      assert.equal(sameOriginPath(url, origin), null, JSON.stringify(url));
    }
  });

  it("never returns a path a router would read as another host", () => {
    for (const url of ["/%2F/evil.example", "/%09/evil.example", "/%5C/evil.example"]) {
      const path = sameOriginPath(url, origin);
      if (path !== null) assert.equal(new URL(path, origin).origin, origin, url);
    }
  });
});
