"use client";
// One practice round: show an entry, ask for its role and stage, check on the server, explain. The right tags
// stay on the server until the learner answers. Ends with this round's score per role and per stage.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ROLE_COLORS, ROLE_ORDER, STAGE_COLORS, STAGE_ORDER } from "@/components/activities/colors";
import { Button, ErrorMessage } from "@/components/ui/field";
import { answerQuiz, completeTour } from "@/lib/onboarding/actions";
import type { QuizFeedback } from "@/lib/onboarding/feedback";
import type { QuizItem } from "@/lib/onboarding/quiz-items";
import type { MessageRef } from "@/lib/forms";
import { RoleBadge, StageBadge } from "./tag-badge";

interface Result {
  ref: string;
  feedback: QuizFeedback;
}

export function Quiz({ teamSlug, items: initialItems, mode, nextRoundHref }: { teamSlug: string; items: QuizItem[]; mode: "practice" | "tour"; nextRoundHref: string }) {
  const t = useTranslations();
  const router = useRouter();
  // The round is fixed when it starts; a refresh of the page around it must not swap the questions.
  const [items] = useState(initialItems);
  const [index, setIndex] = useState(0);
  const [role, setRole] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<QuizFeedback | null>(null);
  const [results, setResults] = useState<Result[]>([]);
  const [error, setError] = useState<MessageRef | null>(null);
  const [pending, startTransition] = useTransition();

  if (items.length === 0) {
    return <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("learn.quiz.empty")}</p>;
  }
  if (index >= items.length) {
    return <RoundSummary results={results} teamSlug={teamSlug} mode={mode} nextRoundHref={nextRoundHref} />;
  }
  const item = items[index];
  const last = index === items.length - 1;

  function check() {
    if (!role || !stage) return;
    setError(null);
    startTransition(async () => {
      const response = await answerQuiz(teamSlug, item.ref, { role, stage });
      if (response.ok && response.data) {
        const data = response.data;
        setFeedback(data);
        setResults((previous) => [...previous, { ref: item.ref, feedback: data }]);
      } else {
        setError(response.error ?? { key: "errors.generic" });
      }
    });
  }

  function next() {
    setFeedback(null);
    setRole(null);
    setStage(null);
    setIndex(index + 1);
    // Scores around the quiz are server-rendered: refresh them once the round is over.
    if (last && mode === "practice") router.refresh();
  }

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="quiz-question" data-testid="quiz">
      <div className="flex items-center justify-between text-xs text-slate-500">
        <span data-testid="quiz-progress">{t("learn.quiz.progress", { current: index + 1, total: items.length })}</span>
        <span>{t(`learn.quiz.tier.${item.tier}`)}</span>
      </div>
      <div className="h-1 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full bg-indigo-500 transition-all" style={{ width: `${((index + (feedback ? 1 : 0)) / items.length) * 100}%` }} />
      </div>
      <p id="quiz-question" className="rounded-md bg-slate-50 px-3 py-3 text-base text-slate-900" data-testid="quiz-text" data-ref={item.ref} data-tier={item.tier}>
        {item.text}
      </p>
      <Choices
        legend={t("learn.quiz.whichRole")}
        name="role"
        keys={ROLE_ORDER}
        value={role}
        onChange={setRole}
        disabled={feedback !== null || pending}
        label={(key) => t(`taxonomy.roles.${key}`)}
        color={(key) => ROLE_COLORS[key].hex}
      />
      <Choices
        legend={t("learn.quiz.whichStage")}
        name="stage"
        keys={STAGE_ORDER}
        value={stage}
        onChange={setStage}
        disabled={feedback !== null || pending}
        label={(key) => t(`taxonomy.stages.${key}`)}
        color={(key) => STAGE_COLORS[key].hex}
      />
      <ErrorMessage>{error ? t(error.key, error.values) : null}</ErrorMessage>
      {feedback ? (
        <>
          <FeedbackPanel feedback={feedback} />
          <Button type="button" onClick={next} autoFocus data-testid="quiz-next">
            {last ? t("learn.quiz.finish") : t("learn.quiz.next")}
          </Button>
        </>
      ) : (
        <Button type="button" onClick={check} disabled={!role || !stage || pending} data-testid="quiz-check">
          {pending ? t("learn.quiz.checking") : t("learn.quiz.check")}
        </Button>
      )}
    </section>
  );
}

function Choices({
  legend,
  name,
  keys,
  value,
  onChange,
  disabled,
  label,
  color,
}: {
  legend: string;
  name: string;
  keys: readonly string[];
  value: string | null;
  onChange: (key: string) => void;
  disabled: boolean;
  label: (key: string) => string;
  color: (key: string) => string;
}) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {keys.map((key) => (
          <label
            key={key}
            className={`flex cursor-pointer items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${value === key ? "border-indigo-500 bg-indigo-50 font-medium text-indigo-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"} ${disabled ? "cursor-default opacity-80" : ""}`}
          >
            <input type="radio" name={name} value={key} checked={value === key} disabled={disabled} onChange={() => onChange(key)} className="h-3.5 w-3.5 accent-indigo-600" />
            <span className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: color(key) }} aria-hidden />
            {label(key)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function FeedbackPanel({ feedback }: { feedback: QuizFeedback }) {
  const t = useTranslations();
  const locale = useLocale();
  const pick = (text: { zh: string; en: string }) => (locale === "en" ? text.en : text.zh);
  const { verdict } = feedback;
  const engineDiffers = feedback.engine.role !== feedback.expected.role || feedback.engine.stage !== feedback.expected.stage;
  return (
    <div
      role="status"
      data-testid="quiz-feedback"
      data-correct={verdict.correct}
      className={`space-y-2 rounded-md border p-3 text-sm ${verdict.correct ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}
    >
      <p className="font-medium">
        {verdict.correct ? `✓ ${t("learn.quiz.allRight")}` : verdict.roleOk || verdict.stageOk ? `◐ ${t("learn.quiz.halfRight")}` : `✗ ${t("learn.quiz.wrong")}`}
      </p>
      <p className="flex flex-wrap items-center gap-1.5" data-testid="quiz-answer">
        <span className="text-slate-600">{t("learn.quiz.rightTags")}</span>
        <RoleBadge role={feedback.expected.role} testId="answer-role" />
        <StageBadge stage={feedback.expected.stage} testId="answer-stage" />
      </p>
      {!verdict.correct ? (
        <p className="text-slate-600">
          {t("learn.quiz.yourAnswer", { role: t(`taxonomy.roles.${feedback.answered.role}`), stage: t(`taxonomy.stages.${feedback.answered.stage}`) })}
        </p>
      ) : null}
      {feedback.comment ? (
        <p data-testid="quiz-golden-comment">
          <span className="font-medium text-amber-800">★ {t("learn.quiz.managerComment")}</span> {feedback.comment}
        </p>
      ) : null}
      {feedback.why ? (
        <p>
          <span className="font-medium text-indigo-800">{t("learn.quiz.articleWhy")}</span> {pick(feedback.why)}
        </p>
      ) : null}
      {feedback.roleDifference ? (
        <p data-testid="quiz-difference">
          <span className="font-medium">
            {t("learn.quiz.difference", { a: t(`taxonomy.roles.${feedback.roleDifference.key}`), b: t(`taxonomy.roles.${feedback.roleDifference.unlike}`) })}
          </span>{" "}
          {pick(feedback.roleDifference.differs)}
        </p>
      ) : null}
      {feedback.stageDifference ? (
        <p>
          <span className="font-medium">
            {t("learn.quiz.difference", { a: t(`taxonomy.stages.${feedback.stageDifference.key}`), b: t(`taxonomy.stages.${feedback.stageDifference.unlike}`) })}
          </span>{" "}
          {pick(feedback.stageDifference.differs)}
        </p>
      ) : null}
      {feedback.cues.role.length || feedback.cues.stage.length ? (
        <p className="text-slate-700" data-testid="quiz-cues">
          <span className="font-medium">{t("learn.quiz.cues")}</span> {[...feedback.cues.role, ...feedback.cues.stage].filter((c, i, all) => all.indexOf(c) === i).map((c) => `“${c}”`).join(" ")}
        </p>
      ) : null}
      {engineDiffers ? (
        <p className="text-xs text-slate-500">
          {t("learn.quiz.engineDiffers", { role: t(`taxonomy.roles.${feedback.engine.role}`), stage: t(`taxonomy.stages.${feedback.engine.stage}`) })}
        </p>
      ) : null}
    </div>
  );
}

function RoundSummary({ results, teamSlug, mode, nextRoundHref }: { results: Result[]; teamSlug: string; mode: "practice" | "tour"; nextRoundHref: string }) {
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
