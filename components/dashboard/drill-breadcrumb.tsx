// After a drill-down from the dashboard: where the list came from, and the way back ("仪表盘 › 社区运营 · 本周").
import Link from "next/link";
import { FROM_DASHBOARD } from "@/lib/reports/drill";
import { RANGE_PRESETS } from "@/lib/reports/range";
import { isRoleKey, isStageKey } from "@/lib/tagging";
import type { Translate } from "./format";
import { keyLabel } from "./mix-panel";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function DrillBreadcrumb({ t, teamSlug, params }: { t: Translate; teamSlug: string; params: URLSearchParams }) {
  if (params.get("via") !== FROM_DASHBOARD) return null;
  const preset = RANGE_PRESETS.find((name) => name === params.get("range")) ?? null;
  const from = params.get("from");
  const to = params.get("to");
  const back = new URLSearchParams();
  if (preset) back.set("range", preset);
  else if (from && to && ISO_DATE.test(from) && ISO_DATE.test(to)) {
    back.set("from", from);
    back.set("to", to);
  }
  const member = params.get("member");
  if (member) back.set("member", member);
  const role = params.get("role");
  const stage = params.get("stage");
  const what = [isRoleKey(role) ? keyLabel(t, "role", role) : null, isStageKey(stage) ? keyLabel(t, "stage", stage) : null].filter(Boolean).join(" × ");
  const when = preset ? t(`dashboard.filters.presets.${preset}`) : from && to ? `${from} – ${to}` : "";
  const here = [what || (params.get("needsReview") || params.get("review") ? t("dashboard.breadcrumb.review") : ""), when].filter(Boolean).join(" · ");
  return (
    <nav aria-label={t("dashboard.breadcrumb.label")} className="text-sm text-slate-600" data-testid="drill-breadcrumb">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <Link href={`/t/${encodeURIComponent(teamSlug)}/dashboard${back.size ? `?${back}` : ""}`} className="text-indigo-700 hover:underline">
            {t("nav.dashboard")}
          </Link>
        </li>
        <li aria-hidden>›</li>
        <li aria-current="page" className="font-medium text-slate-800">
          {here}
        </li>
      </ol>
    </nav>
  );
}
