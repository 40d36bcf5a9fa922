"use client";
// The end of a practice round: this round's score per role and per stage, then another round (or the end of the tour).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { ROLE_ORDER, STAGE_ORDER } from "@/components/activities/colors";
import { Button } from "@/components/ui/field";
import { completeTour } from "@/lib/onboarding/actions";
import type { QuizFeedback } from "@/lib/onboarding/feedback";
import { RoleBadge, StageBadge } from "./tag-badge";

export interface QuizResult {
  ref: string;
  feedback: QuizFeedback;
}

export function RoundSummary({ results, teamSlug, mode, nextRoundHref }: { results: QuizResult[]; teamSlug: string; mode: "practice" | "tour"; nextRoundHref: string }) {
  const t = useTranslations();
  const right = results.filter((r) => r.feedback.verdict.correct).length;
  const tally = (keyOf: (f: QuizFeedback) => string, ok: (f: QuizFeedback) => boolean) => {
    const rows = new Map<string, { total: number; right: number }>();
    for (const { feedback } of results) {
      const row = rows.get(keyOf(feedback)) ?? { total: 0, right: 0 };
      row.total++;
      if (ok(feedback)) row.right++;
      rows.set(keyOf(feedback), row);
    }
    return rows;
  };
  const byRole = tally((f) => f.expected.role, (f) => f.verdict.roleOk);
  const byStage = tally((f) => f.expected.stage, (f) => f.verdict.stageOk);
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="round-summary">
      <h2 className="text-lg font-semibold" data-testid="round-score">
        {t("learn.quiz.roundScore", { right, total: results.length })}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium text-slate-700">{t("learn.quiz.byRole")}</h3>
          <ul className="space-y-1 text-sm" data-testid="round-role-score">
            {ROLE_ORDER.filter((key) => byRole.has(key)).map((key) => (
              <li key={key} className="flex justify-between gap-2" data-key={key}>
                <RoleBadge role={key} />
                <span className="tabular-nums text-slate-700">
                  {byRole.get(key)!.right}/{byRole.get(key)!.total}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium text-slate-700">{t("learn.quiz.byStage")}</h3>
          <ul className="space-y-1 text-sm" data-testid="round-stage-score">
            {STAGE_ORDER.filter((key) => byStage.has(key)).map((key) => (
              <li key={key} className="flex justify-between gap-2" data-key={key}>
                <StageBadge stage={key} />
                <span className="tabular-nums text-slate-700">
                  {byStage.get(key)!.right}/{byStage.get(key)!.total}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {mode === "tour" ? (
        <form action={completeTour} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="team" value={teamSlug} />
          <input type="hidden" name="outcome" value="completed" />
          <input type="hidden" name="next" value="practice" />
          <Button data-testid="finish-tour">{t("learn.tour.finish")}</Button>
          <span className="text-sm text-slate-500">{t("learn.tour.finishHint")}</span>
        </form>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Link href={nextRoundHref} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700" data-testid="next-round">
            {t("learn.quiz.anotherRound")}
          </Link>
          <a href="#my-scores" className="px-2 py-2 text-sm text-indigo-700 hover:underline">
            {t("learn.quiz.seeScores")}
          </a>
        </div>
      )}
    </section>
  );
}
