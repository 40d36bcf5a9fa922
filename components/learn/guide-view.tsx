// A role or stage guide: definition, cue words, this team's own examples, and how it differs from the tags it
// is most often confused with (the taxonomy's neighbours, with the team's practice mix-ups and corrections).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { ROLE_COLORS, ROLE_ORDER, STAGE_COLORS, STAGE_ORDER } from "@/components/activities/colors";
import type { Guide } from "@/lib/onboarding/guides";
import { ExampleCard } from "./example-card";
import { RoleBadge, StageBadge } from "./tag-badge";

export function GuideView({ guide, teamSlug, canPin }: { guide: Guide; teamSlug: string; canPin: boolean }) {
  const t = useTranslations("learn.guide");
  const tx = useTranslations("taxonomy");
  const base = `/t/${teamSlug}/learn`;
  const isRole = guide.kind === "role";
  const nameOf = (key: string) => tx(`${isRole ? "roles" : "stages"}.${key}`);
  const otherName = (key: string) => tx(`${isRole ? "stages" : "roles"}.${key}`);
  const siblings = isRole ? ROLE_ORDER : STAGE_ORDER;
  const colour = (isRole ? ROLE_COLORS : STAGE_COLORS)[guide.key]?.hex;
  const spreadMax = Math.max(1, ...guide.spread.map((s) => s.count));
  const filterParam = `${guide.kind}=${guide.key}`;
  return (
    <article className="space-y-8" data-testid="guide" data-kind={guide.kind} data-key={guide.key}>
      <nav aria-label={isRole ? t("allRoles") : t("allStages")} className="flex flex-wrap gap-1">
        {siblings.map((key) => (
          <Link
            key={key}
            href={`${base}/${isRole ? "roles" : "stages"}/${key}`}
            aria-current={key === guide.key ? "page" : undefined}
            className={`rounded-full px-2.5 py-1 text-xs ${key === guide.key ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {nameOf(key)}
          </Link>
        ))}
      </nav>

      <header className="space-y-2 border-l-4 pl-4" style={{ borderColor: colour }}>
        <p className="text-xs uppercase tracking-wide text-slate-500">{isRole ? t("kindRole") : t("kindStage")}</p>
        <h1 className="text-2xl font-semibold text-slate-900">{guide.name}</h1>
        <p className="max-w-3xl text-slate-700" data-testid="guide-definition">{guide.definition}</p>
        <div className="flex flex-wrap gap-3 pt-1 text-sm">
          <Link href={`${base}/library?${filterParam}`} className="text-indigo-700 hover:underline">
            {t("browseLibrary", { count: guide.totalConfirmed })}
          </Link>
          <Link href={`${base}/practice`} className="text-indigo-700 hover:underline">
            {t("practice")}
          </Link>
        </div>
      </header>

      <section aria-labelledby="cues-heading">
        <h2 id="cues-heading" className="mb-2 text-base font-semibold">{t("cues")}</h2>
        <p className="mb-2 text-sm text-slate-600">{t("cuesIntro")}</p>
        <ul className="flex flex-wrap gap-1.5" data-testid="guide-cues">
          {guide.cues.map((cue) => (
            <li key={cue} className="rounded-md bg-slate-100 px-2 py-0.5 text-sm text-slate-700">
              {cue}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="team-examples-heading">
        <h2 id="team-examples-heading" className="mb-2 text-base font-semibold">{t("teamExamples")}</h2>
        {guide.teamExamples.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noTeamExamples")}</p>
        ) : (
          <ul className="space-y-2" data-testid="guide-team-examples">
            {guide.teamExamples.map((example) => (
              <ExampleCard key={example.ref} example={example} teamSlug={teamSlug} canPin={canPin} />
            ))}
          </ul>
        )}
        {guide.spread.length > 0 ? (
          <div className="mt-4 max-w-xl">
            <h3 className="mb-1 text-sm font-medium text-slate-700">{isRole ? t("spreadByStage", { name: guide.name }) : t("spreadByRole", { name: guide.name })}</h3>
            <ul className="space-y-1">
              {guide.spread.map((s) => (
                <li key={s.key} className="flex items-center gap-2 text-sm">
                  <span className="w-24 shrink-0 truncate text-slate-700">{otherName(s.key)}</span>
                  <span className="h-2 flex-1 rounded-full bg-slate-100">
                    <span className="block h-2 rounded-full" style={{ width: `${(s.count / spreadMax) * 100}%`, backgroundColor: (isRole ? STAGE_COLORS : ROLE_COLORS)[s.key]?.hex }} />
                  </span>
                  <span className="w-10 text-right text-xs tabular-nums text-slate-500">{s.count}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="neighbours-heading">
        <h2 id="neighbours-heading" className="mb-1 text-base font-semibold">{t("neighbours")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("neighboursIntro")}</p>
        <ul className="grid gap-3 md:grid-cols-2 lg:grid-cols-3" data-testid="guide-neighbours">
          {guide.neighbours.map((n) => (
            <li key={n.key} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-key={n.key}>
              <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
                {isRole ? <RoleBadge role={guide.key} /> : <StageBadge stage={guide.key} />}
                <span className="text-slate-500">{t("vs")}</span>
                <Link href={`${base}/${isRole ? "roles" : "stages"}/${n.key}`} className="hover:underline">
                  {isRole ? <RoleBadge role={n.key} /> : <StageBadge stage={n.key} />}
                </Link>
              </p>
              <p className="text-sm text-slate-700">{n.differs}</p>
              {n.example ? (
                <p className="rounded bg-slate-50 px-2 py-1 text-xs text-slate-600">
                  {t("neighbourExample", { other: nameOf(n.key) })} “{n.example.text}”
                </p>
              ) : null}
              {n.practiceMixUps || n.corrections ? (
                <p className="text-xs text-amber-800" data-testid="neighbour-evidence">
                  {[n.practiceMixUps ? t("practiceMixUps", { count: n.practiceMixUps }) : null, n.corrections ? t("corrections", { count: n.corrections }) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {guide.otherMixUps.length > 0 ? (
          <p className="mt-3 text-sm text-slate-600">
            {t("otherMixUps")}{" "}
            {guide.otherMixUps.map((m, i) => (
              <span key={m.key}>
                {i > 0 ? "、" : ""}
                <Link href={`${base}/${isRole ? "roles" : "stages"}/${m.key}`} className="text-indigo-700 hover:underline">
                  {nameOf(m.key)}
                </Link>{" "}
                ({m.count})
              </span>
            ))}
          </p>
        ) : null}
      </section>

      {guide.starter.length > 0 ? (
        <section aria-labelledby="starter-heading">
          <h2 id="starter-heading" className="mb-1 text-base font-semibold">{t("starter")}</h2>
          <p className="mb-2 text-sm text-slate-600">{t("starterIntro")}</p>
          <ul className="space-y-2">
            {guide.starter.map((example) => (
              <ExampleCard key={example.ref} example={example} teamSlug={teamSlug} canPin={false} />
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
