// "Worth a look": starved funnel stages and roles, thin stages, and role × stage cells that went quiet.
import Link from "next/link";
import type { Callout } from "@/lib/reports/mix";
import { percent, type Translate } from "./format";
import { keyLabel } from "./mix-panel";
import { Panel } from "./panel";

function calloutText(t: Translate, callout: Callout, historyWeeks: number): string {
  const role = callout.role ? keyLabel(t, "role", callout.role) : "";
  const stage = callout.stage ? keyLabel(t, "stage", callout.stage) : "";
  switch (callout.kind) {
    case "empty":
      if (callout.dimension === "stage") {
        return callout.weeks === null ? t("dashboard.callouts.emptyStageNever", { name: stage, weeks: historyWeeks }) : t("dashboard.callouts.emptyStage", { name: stage, weeks: callout.weeks ?? 0 });
      }
      return callout.weeks === null ? t("dashboard.callouts.emptyRoleNever", { name: role, weeks: historyWeeks }) : t("dashboard.callouts.emptyRole", { name: role, weeks: callout.weeks ?? 0 });
    case "thin":
      return t("dashboard.callouts.thinStage", { name: stage, pct: percent(callout.share ?? 0) });
    case "quietCell":
      return t("dashboard.callouts.quietCell", { role, stage, weeks: callout.weeks ?? 0, before: callout.before ?? 0 });
  }
}

export function Callouts({
  t, callouts, historyWeeks, hrefForStage,
}: { t: Translate; callouts: Callout[]; historyWeeks: number; hrefForStage: (stage: string) => string }) {
  return (
    <Panel id="callouts" title={t("dashboard.callouts.title")} testId="callouts">
      {callouts.length === 0 ? (
        <p className="text-sm text-slate-500">{t("dashboard.callouts.none")}</p>
      ) : (
        <ul className="space-y-1.5 text-sm">
          {callouts.map((callout, i) => (
            <li key={i} data-testid="callout" data-kind={callout.kind} className="flex flex-wrap items-baseline gap-2">
              <span aria-hidden className={callout.kind === "thin" ? "text-amber-500" : "text-rose-500"}>
                ●
              </span>
              <span data-png-text>{calloutText(t, callout, historyWeeks)}</span>
              {callout.kind === "thin" && callout.stage ? (
                <Link href={hrefForStage(callout.stage)} className="text-xs text-indigo-700 hover:underline">
                  {t("dashboard.callouts.open")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
