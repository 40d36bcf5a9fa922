// Chinese UI text uses full-width punctuation (，：？！（）；), and English text carries no Chinese hints.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES, STAGES } from "@/lib/tagging";
import { CATALOGS } from "./messages";

function strings(node: unknown, key = "", out: [string, string][] = []): [string, string][] {
  if (typeof node === "string") out.push([key, node]);
  else if (node && typeof node === "object") {
    for (const [name, child] of Object.entries(node)) strings(child, key ? `${key}.${name}` : name, out);
  }
  return out;
}

const HAN = "\\u4E00-\\u9FFF";
/** ASCII , ? : ! ( ) ; touching a Chinese character, on either side. */
const ASCII_BESIDE_HAN = new RegExp(`[${HAN}][,?:!();]|[,?:!();][${HAN}]`, "u");

describe("message catalogues", () => {
  it("zh-CN text puts full-width punctuation next to Chinese characters", () => {
    const bad = strings(CATALOGS["zh-CN"]).filter(([, text]) => ASCII_BESIDE_HAN.test(text));
    assert.deepEqual(bad.map(([key, text]) => `${key}: ${text}`), []);
  });

  it("English text shows no Chinese examples or hints", () => {
    const bad = strings(CATALOGS.en).filter(([, text]) => new RegExp(`[${HAN}]`, "u").test(text));
    assert.deepEqual(bad.map(([key, text]) => `${key}: ${text}`), []);
  });

  it("role and stage names are the same on chips, charts and guides", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const names = (CATALOGS[locale] as { taxonomy: { roles: Record<string, string>; stages: Record<string, string> } }).taxonomy;
      const lang = locale === "en" ? "en" : "zh";
      for (const role of ROLES) assert.equal(role.name[lang], names.roles[role.key], `${locale} ${role.key}`);
      for (const stage of STAGES) assert.equal(stage.name[lang], names.stages[stage.key], `${locale} ${stage.key}`);
    }
  });

  it("both languages have the same keys", () => {
    const zh = new Set(strings(CATALOGS["zh-CN"]).map(([key]) => key));
    const en = new Set(strings(CATALOGS.en).map(([key]) => key));
    assert.deepEqual([...zh].filter((key) => !en.has(key)), [], "keys only in zh-CN");
    assert.deepEqual([...en].filter((key) => !zh.has(key)), [], "keys only in en");
  });
});
