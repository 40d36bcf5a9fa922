"use client";
// What a learner sees right after answering: the right tags, the manager's or the article's reason, how the tag
// they picked differs from the right one, and the cues the engine reads.
import { useLocale, useTranslations } from "next-intl";
import type { QuizFeedback } from "@/lib/onboarding/feedback";
import { RoleBadge, StageBadge } from "./tag-badge";

export function FeedbackPanel({ feedback }: { feedback: QuizFeedback }) {
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
