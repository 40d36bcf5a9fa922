"use client";
// Role and stage chips of one entry: one click (or keyboard) changes a tag, "why" shows the explanation.
import { useTranslations } from "next-intl";
import type { ActivityDto } from "@/lib/activities/serialize";
import type { TagExplanation } from "@/lib/tagging";
import { bothRight } from "@/lib/tagging/review";
import { ROLE_COLORS, ROLE_ORDER, STAGE_COLORS, STAGE_ORDER } from "./colors";

/** A guess is never shown as certain: confidence displays at most 99%. */
function percent(confidence: number | null): number {
  return Math.min(99, Math.round((confidence ?? 0) * 100));
}

/** The entry as a select's name can quote it: one line, cut at 40 characters. */
function entrySnippet(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

/** What the percentage next to an automatic tag means: shown by the entry lists and in "why?". */
export function ConfidenceLegend({ className = "", testId = "confidence-legend" }: { className?: string; testId?: string }) {
  const t = useTranslations("today");
  return (
    <p className={`text-xs text-slate-600 ${className}`} data-testid={testId}>
      {t("confidenceLegend")}
    </p>
  );
}

/** How many of the team's learned examples decided this tag, when they (not the shared model) decided it. */
function teamExamples(explanation: TagExplanation | null): number | null {
  const count = explanation?.teamExamples;
  return typeof count === "number" && count > 0 ? count : null;
}

export function TagChips({
  activity,
  canRetag,
  onRetag,
  busy,
}: {
  activity: ActivityDto;
  canRetag: boolean;
  onRetag: (patch: { role?: string; stage?: string }) => void;
  busy?: boolean;
}) {
  const t = useTranslations("taxonomy");
  const tToday = useTranslations("today");
  const tLearning = useTranslations("learning");
  const decidedBy = teamExamples(activity.explanation);
  if (!activity.role || !activity.stage) {
    return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{tToday("untagged")}</span>;
  }
  const roleChip = ROLE_COLORS[activity.role]?.chip ?? "";
  const stageChip = STAGE_COLORS[activity.stage]?.chip ?? "";
  const chipClass = "cursor-pointer appearance-none rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset disabled:cursor-default";
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <select
        aria-label={t("changeRoleOf", { entry: entrySnippet(activity.text) })}
        data-testid="role-chip"
        className={`${chipClass} ${roleChip}`}
        value={activity.role}
        disabled={!canRetag || busy}
        onChange={(event) => onRetag({ role: event.target.value })}
      >
        {ROLE_ORDER.map((key) => (
          <option key={key} value={key}>
            {t(`roles.${key}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t("changeStageOf", { entry: entrySnippet(activity.text) })}
        data-testid="stage-chip"
        className={`${chipClass} ${stageChip}`}
        value={activity.stage}
        disabled={!canRetag || busy}
        onChange={(event) => onRetag({ stage: event.target.value })}
      >
        {STAGE_ORDER.map((key) => (
          <option key={key} value={key}>
            {t(`stages.${key}`)}
          </option>
        ))}
      </select>
      {activity.tagPending ? (
        <span className="text-xs text-amber-700" data-testid="tag-source" title={tLearning("pendingHint")}>
          ✎ {tLearning("pending")}
        </span>
      ) : activity.tagSource === "auto" && decidedBy !== null ? (
        <span className="text-xs text-slate-500" data-testid="team-examples">
          {tLearning("fromTeamExamples", { count: decidedBy })}
        </span>
      ) : activity.tagSource === "auto" ? (
        <span
          className="text-xs text-slate-500"
          data-testid="tag-confidence"
          title={tToday("confidenceBoth", { role: percent(activity.confidence.role), stage: percent(activity.confidence.stage) })}
        >
          {percent(bothRight(activity.confidence.role ?? 0, activity.confidence.stage ?? 0))}%
        </span>
      ) : (
        <span className="text-xs text-emerald-700" data-testid="tag-source">
          ✓ {tToday(activity.tagSource)}
        </span>
      )}
      {activity.needsReview && activity.tagSource === "auto" ? (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800" data-testid="needs-review">
          {tToday("needsReview")}
        </span>
      ) : null}
      <Why activity={activity} />
    </div>
  );
}

function Why({ activity }: { activity: ActivityDto }) {
  const t = useTranslations("taxonomy");
  const tToday = useTranslations("today");
  const tLearning = useTranslations("learning");
  const explanation = activity.explanation;
  if (!explanation) return null;
  // Decided by the team's own examples: say how many, not a percentage that one example would inflate.
  const decidedBy = teamExamples(explanation);
  const sureness = (confidence: number | null) =>
    decidedBy !== null ? tLearning("fromTeamExamples", { count: decidedBy }) : tToday("confidence", { value: percent(confidence) });
  return (
    <details className="relative text-xs">
      <summary className="cursor-pointer list-none rounded px-1 text-indigo-600 hover:underline">{tToday("why")}</summary>
      <div className="absolute left-0 z-20 mt-1 w-80 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-slate-700 shadow-lg" role="note">
        <p>
          <span className="font-medium">{t("role")}:</span> {t(`roles.${activity.role}`)} · {sureness(activity.confidence.role)}
        </p>
        {explanation.roleCues?.length ? (
          <p>
            {t("cues")}: {explanation.roleCues.slice(0, 5).map((cue) => `“${cue.cue}”`).join(" ")}
          </p>
        ) : null}
        <p>
          <span className="font-medium">{t("stage")}:</span> {t(`stages.${activity.stage}`)} · {sureness(activity.confidence.stage)}
        </p>
        {explanation.stageCues?.length ? (
          <p>
            {t("cues")}: {explanation.stageCues.slice(0, 5).map((cue) => `“${cue.cue}”`).join(" ")}
          </p>
        ) : null}
        {explanation.nearest ? (
          <p className="border-t border-slate-100 pt-2">
            <span className="font-medium">{t("nearest")}</span> ({t(`source_${explanation.nearest.source}`)}): “{explanation.nearest.text}” → {t(`roles.${explanation.nearest.role}`)} ·{" "}
            {t(`stages.${explanation.nearest.stage}`)}
          </p>
        ) : null}
        {decidedBy === null ? <ConfidenceLegend className="border-t border-slate-100 pt-2" testId="why-confidence" /> : null}
      </div>
    </details>
  );
}
