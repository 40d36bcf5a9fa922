// A refusal that names its field reaches that field of the form (and only there); others stay at the top.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formMessages } from "@/components/ui/form-messages";
import { activityPatch } from "@/lib/contracts/api";
import { parseInput } from "@/lib/contracts/parse";
import { Invalid } from "./errors";
import { failure } from "./forms";
import { translate } from "./i18n/translate";

const en = (key: string, values?: Record<string, string | number>) => translate("en", key, values);

describe("per-field form errors", () => {
  it("an Invalid naming a field becomes that field's message, translated", () => {
    const state = failure(new Invalid("errors.emailInvalid", { field: "email" }));
    const messages = formMessages(state, en, ["name", "email"]);
    assert.equal(messages.field("email"), en("errors.emailInvalid"));
    assert.equal(messages.field("name"), null);
    assert.equal(messages.form, null, "shown once, beside the field");
  });

  it("a refusal about no field the form shows stays at the top", () => {
    assert.equal(formMessages(failure(new Invalid("errors.invalid")), en, ["email"]).form, en("errors.invalid"));
    assert.equal(formMessages(failure(new Invalid("errors.emailInvalid", { field: "email" })), en, ["name"]).form, en("errors.emailInvalid"));
  });

  it("a contract's refusal names the field and carries the limit into the message", () => {
    let caught: unknown;
    try {
      parseInput(activityPatch, { version: 1, text: "x".repeat(3000) });
    } catch (error) {
      caught = error;
    }
    const state = failure(caught);
    assert.deepEqual(Object.keys(state.fieldErrors ?? {}), ["text"]);
    assert.match(formMessages(state, (key, values) => translate("zh-CN", key, values), ["text"]).field("text")!, /2000/);
  });
});
