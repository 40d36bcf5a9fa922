import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AccuracyBars, WeeklyTrend } from "@/components/learn/accuracy-bars";
import { LearnNav } from "@/components/learn/learn-nav";
import { MixUpList } from "@/components/learn/mix-up-list";
import { learnContext } from "@/lib/onboarding/context";
import { canViewTeamProgress } from "@/lib/onboarding/permissions";
import { engineCorrections, practiceMixUps, practiceScores, teamProgress } from "@/lib/onboarding/scores";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("learn.progress"))("title") };
}

const percent = (right: number, total: number) => (total > 0 ? `${Math.round((right / total) * 100)}%` : "–");

export default async function ProgressPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const context = await learnContext(team);
  // Members get "not found", like every page they may not see.
  if (!context || !canViewTeamProgress(context.access)) notFound();
  const { access } = context;
  const [members, scores, roleMixUps, stageMixUps, roleCorrections, t, tx, format] = await Promise.all([
    teamProgress(access),
    practiceScores(access.teamId),
    practiceMixUps(access.teamId, "role", 8),
    practiceMixUps(access.teamId, "stage", 5),
    engineCorrections(access.teamId, "role", 8),
    getTranslations("learn"),
    getTranslations("taxonomy"),
    getFormatter(),
  ]);
  const toured = members.filter((m) => m.tourCompletedAt).length;
  const practised = members.filter((m) => m.answers > 0).length;
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { year: "numeric", month: "short", day: "numeric" }) : "–");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("progress.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("progress.intro")}</p>
      </div>
      <LearnNav teamSlug={access.slug} current="progress" showProgress />
      <dl className="grid gap-3 sm:grid-cols-4">
        {[
          [t("progress.members"), String(members.length)],
          [t("progress.toured"), `${toured}/${members.length}`],
          [t("progress.practised"), `${practised}/${members.length}`],
          [t("progress.teamAccuracy"), percent(scores.right, scores.total)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="members-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <h2 id="members-heading" className="sr-only">{t("progress.membersTitle")}</h2>
        <table className="w-full text-sm" data-testid="progress-table">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">{t("progress.name")}</th>
              <th scope="col" className="px-3 py-2">{t("progress.joined")}</th>
              <th scope="col" className="px-3 py-2">{t("progress.tour")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("progress.answers")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("progress.bothRight")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("progress.roleRight")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("progress.stageRight")}</th>
              <th scope="col" className="px-3 py-2">{t("progress.weakest")}</th>
              <th scope="col" className="px-3 py-2">{t("progress.lastPractice")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.userId} data-testid="progress-row" data-user={m.userId}>
                <td className="px-3 py-2 font-medium text-slate-800">{m.name}</td>
                <td className="px-3 py-2 text-slate-600">{date(m.joinedAt)}</td>
                <td className="px-3 py-2">{m.tourCompletedAt ? <span className="text-emerald-700">✓ {date(m.tourCompletedAt)}</span> : <span className="text-slate-500">{t("progress.notYet")}</span>}</td>
                <td className="px-3 py-2 text-right tabular-nums">{m.answers}</td>
                <td className="px-3 py-2 text-right tabular-nums">{percent(m.right, m.answers)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{percent(m.roleRight, m.answers)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{percent(m.stageRight, m.answers)}</td>
                <td className="px-3 py-2 text-slate-600">
                  {[m.weakestRole ? tx(`roles.${m.weakestRole}`) : null, m.weakestStage ? tx(`stages.${m.weakestStage}`) : null].filter(Boolean).join(" · ") || "–"}
                </td>
                <td className="px-3 py-2 text-slate-600">{date(m.lastPracticeAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="team-scores-heading">
          <h2 id="team-scores-heading" className="text-base font-semibold">{t("progress.teamScores")}</h2>
          <AccuracyBars dimension="role" rows={scores.byRole} testId="team-role-accuracy" />
          <AccuracyBars dimension="stage" rows={scores.byStage} testId="team-stage-accuracy" />
          <WeeklyTrend weeks={scores.weekly} />
        </section>
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="mixups-heading">
          <h2 id="mixups-heading" className="text-base font-semibold">{t("progress.mixUps")}</h2>
          <p className="text-sm text-slate-600">{t("progress.mixUpsIntro")}</p>
          {roleMixUps.length + stageMixUps.length === 0 ? (
            <MixUpList teamSlug={access.slug} dimension="role" rows={[]} />
          ) : (
            <>
              {roleMixUps.length ? <MixUpList teamSlug={access.slug} dimension="role" rows={roleMixUps} /> : null}
              {stageMixUps.length ? <MixUpList teamSlug={access.slug} dimension="stage" rows={stageMixUps} /> : null}
            </>
          )}
          <h3 className="pt-2 text-sm font-semibold">{t("progress.corrections")}</h3>
          <p className="text-sm text-slate-600">{t("progress.correctionsIntro")}</p>
          <MixUpList teamSlug={access.slug} dimension="role" rows={roleCorrections} />
        </section>
      </div>
    </div>
  );
}
