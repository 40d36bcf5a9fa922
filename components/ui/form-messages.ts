// What a form shows after the server says no: the refusal beside the field it is about (Field's `error`), or at the
// top of the form when it is about no field the form shows. Messages arrive as keys and are translated here.
import type { FormState, MessageRef } from "@/lib/forms";

type Translate = (key: string, values?: Record<string, string | number>) => string;

export function formMessages(state: FormState<unknown>, t: Translate, fields: readonly string[]) {
  const text = (message: MessageRef | undefined) => (message ? t(message.key, message.values) : null);
  const onField = fields.some((name) => state.fieldErrors?.[name]);
  return {
    /** The message for the top of the form; null when it is shown beside a field. */
    form: onField ? null : text(state.error),
    field: (name: string): string | null => (fields.includes(name) ? text(state.fieldErrors?.[name]) : null),
  };
}
