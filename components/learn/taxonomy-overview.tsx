// The eight roles and the five funnel stages at a glance, each linking to its guide (index and tour step 1).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { ROLE_COLORS, STAGE_COLORS } from "@/components/activities/colors";
import type { TaxonomyEntry } from "@/lib/onboarding/guides";

export function TaxonomyOverview({ teamSlug, roles, stages, compact = false }: { teamSlug: string; roles: TaxonomyEntry[]; stages: TaxonomyEntry[]; compact?: boolean }) {
  const t = useTranslations("learn.overview");
  const base = `/t/${teamSlug}/learn`;
  return (
    <div className="space-y-6">
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="mb-1 text-base font-semibold">{t("rolesTitle")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("rolesIntro")}</p>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="role-guides">
          {roles.map((role) => (
            <li key={role.key}>
              <Link
                href={`${base}/roles/${role.key}`}
                className="block h-full rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300 hover:shadow-sm"
                style={{ borderLeftColor: ROLE_COLORS[role.key]?.hex, borderLeftWidth: 4 }}
              >
                <span className="block font-medium text-slate-900">{role.name}</span>
                <span className={`mt-1 block text-xs text-slate-600 ${compact ? "line-clamp-3" : ""}`}>{role.definition}</span>
                {!compact ? <span className="mt-2 block text-xs text-slate-500">{role.cues.join(" · ")}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading" className="mb-1 text-base font-semibold">{t("stagesTitle")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("stagesIntro")}</p>
        <ol className="grid gap-2 sm:grid-cols-5" data-testid="stage-guides">
          {stages.map((stage, i) => (
            <li key={stage.key} className="relative">
              <Link
                href={`${base}/stages/${stage.key}`}
                className="block h-full rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300 hover:shadow-sm"
                style={{ borderTopColor: STAGE_COLORS[stage.key]?.hex, borderTopWidth: 4 }}
              >
                <span className="block text-xs text-slate-500">{i + 1}</span>
                <span className="block font-medium text-slate-900">{stage.name}</span>
                <span className={`mt-1 block text-xs text-slate-600 ${compact ? "line-clamp-4" : ""}`}>{stage.definition}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
