// The server-side translator: next-intl's, over the same catalogs as the UI.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOGS } from "./messages";
import { translate } from "./translate";

function keys(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe("translate", () => {
  it("speaks ICU plurals, as the browser does", () => {
    assert.equal(translate("en", "errors.rateLimited", { seconds: 1 }), "Too many attempts. Wait 1 second and try again.");
    assert.equal(translate("en", "errors.rateLimited", { seconds: 30 }), "Too many attempts. Wait 30 seconds and try again.");
    assert.equal(translate("en", "import.done", { created: 1, skipped: 0 }), "Imported 1 entry (0 already there).");
    assert.equal(translate("zh-CN", "errors.rateLimited", { seconds: 30 }), "尝试次数过多\uFF0C请等待 30 秒后再试\u3002");
  });

  it("every message of both catalogs formats with its values (valid ICU, no placeholder left)", () => {
    const broken: string[] = [];
    for (const locale of ["en", "zh-CN"] as const) {
      for (const key of keys(CATALOGS[locale])) {
        let raw: unknown = CATALOGS[locale];
        for (const part of key.split(".")) raw = (raw as Record<string, unknown>)[part];
        const values = Object.fromEntries([...String(raw).matchAll(/\{\s*(\w+)/g)].map((m) => [m[1]!, 2]));
        const text = translate(locale, key, values);
        if (text.includes("{") || text === key) broken.push(`${locale} ${key}: ${text}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it("keeps a sentence readable when a value is missing, and names an unknown key", () => {
    assert.equal(translate("en", "errors.tooManyEntries", {}), "Send at most {max} entries at once.");
    assert.equal(translate("en", "errors.noSuchMessage"), "errors.noSuchMessage");
  });
});
