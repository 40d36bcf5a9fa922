"use client";
// One dimension's target mix as percentages, with a live sum so "must add up to 100" is visible while typing.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { setTargetMixAction } from "@/lib/reports/actions";
import { Button, ErrorMessage } from "@/components/ui/field";

export interface TargetField {
  key: string;
  label: string;
  color: string;
  /** Current target in percent ("" when unset). */
  value: string;
  /** Current actual share, formatted. */
  actual: string;
}

export function TargetForm({ teamSlug, dimension, title, fields }: { teamSlug: string; dimension: "role" | "stage"; title: string; fields: TargetField[] }) {
  const t = useTranslations("dashboard");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState(setTargetMixAction, {});
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.key, f.value])));
  const sum = Math.round(Object.values(values).reduce((total, v) => total + (Number(v) || 0), 0) * 10) / 10;
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`targets-${dimension}`}>
      <input type="hidden" name="team" value={teamSlug} />
      <input type="hidden" name="dimension" value={dimension} />
      <fieldset>
        <legend className="mb-2 text-base font-semibold">{title}</legend>
        <div className="grid gap-2">
          {fields.map((field) => (
            <label key={field.key} className="flex items-center gap-2 text-sm">
              <span aria-hidden className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: field.color }} />
              <span className="w-28 shrink-0">{field.label}</span>
              <input
                name={`pct.${field.key}`}
                inputMode="decimal"
                value={values[field.key]}
                onChange={(event) => setValues((v) => ({ ...v, [field.key]: event.target.value }))}
                aria-describedby={`actual-${dimension}-${field.key}`}
                aria-invalid={state.fieldErrors?.[`pct.${field.key}`] ? true : undefined}
                className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right tabular-nums aria-[invalid]:border-red-500"
                data-testid={`target-${field.key}`}
              />
              <span aria-hidden>%</span>
              <span id={`actual-${dimension}-${field.key}`} className="text-xs text-slate-500">
                {t("targets.current", { pct: field.actual })}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className={`text-sm tabular-nums ${Math.abs(sum - 100) <= 0.5 || sum === 0 ? "text-slate-600" : "text-amber-700"}`} aria-live="polite" data-testid={`target-sum-${dimension}`}>
        {t("targets.sum", { sum })}
      </p>
      <ErrorMessage>{state.error ? tAll(state.error.key, state.error.values) : null}</ErrorMessage>
      {state.ok ? (
        <p className="text-sm text-emerald-700" role="status" data-testid="targets-saved">
          {t("targets.saved")}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={pending}>{t("targets.save")}</Button>
        <Button variant="ghost" name="clear" value="1" disabled={pending} onClick={() => setValues(Object.fromEntries(fields.map((f) => [f.key, ""])))}>
          {t("targets.clear")}
        </Button>
      </div>
    </form>
  );
}
