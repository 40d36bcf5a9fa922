"use client";
// One practice round: show an entry, ask for its role and stage, check on the server, explain. The right tags
// stay on the server until the learner answers. Ends with this round's score per role and per stage.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ROLE_COLORS, ROLE_ORDER, STAGE_COLORS, STAGE_ORDER } from "@/components/activities/colors";
import { Button, ErrorMessage } from "@/components/ui/field";
import { answerQuiz } from "@/lib/onboarding/actions";
import type { QuizFeedback } from "@/lib/onboarding/feedback";
import type { QuizItem } from "@/lib/onboarding/quiz-items";
import type { MessageRef } from "@/lib/forms";
import { FeedbackPanel } from "./quiz-feedback";
import { RoundSummary, type QuizResult } from "./quiz-summary";

export function Quiz({ teamSlug, items: initialItems, mode, nextRoundHref }: { teamSlug: string; items: QuizItem[]; mode: "practice" | "tour"; nextRoundHref: string }) {
  const t = useTranslations();
  const router = useRouter();
  // The round is fixed when it starts; a refresh of the page around it must not swap the questions.
  const [items] = useState(initialItems);
  const [index, setIndex] = useState(0);
  const [role, setRole] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<QuizFeedback | null>(null);
  const [results, setResults] = useState<QuizResult[]>([]);
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
