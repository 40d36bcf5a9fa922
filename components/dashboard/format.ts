// Number formatting shared by the dashboard's server components (tables, captions, tooltips).
import type { getTranslations } from "next-intl/server";
import type { Measure } from "@/lib/reports/filters";

export type Translate = Awaited<ReturnType<typeof getTranslations>>;

export function percent(share: number): string {
  if (share > 0 && share < 0.01) return "<1%";
  return `${Math.round(share * 100)}%`;
}

export function minutesText(t: Translate, minutes: number): string {
  if (minutes >= 120) return t("dashboard.units.hours", { hours: Math.round(minutes / 6) / 10 });
  return t("dashboard.units.minutes", { minutes: Math.round(minutes) });
}

export function measureText(t: Translate, measure: Measure, value: number): string {
  return measure === "minutes" ? minutesText(t, value) : t("dashboard.units.entries", { count: value });
}

/** The period as the team reads it: 2025-03-03 – 2025-03-09. */
export function periodText(t: Translate, range: { from: string; to: string }): string {
  return t("dashboard.period", { from: range.from, to: range.to });
}
