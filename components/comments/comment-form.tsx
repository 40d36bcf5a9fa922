"use client";
// A manager's new comment: on an entry (with an optional new role and/or stage: a manager's correction, taught to
// the team at once) or on a member's weekly report. Opens from a small button so lists stay quiet.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ROLE_ORDER, STAGE_ORDER } from "@/components/activities/colors";
import { commentOnEntryAction, commentOnReportAction } from "@/lib/comments/actions";
import type { MessageRef } from "@/lib/forms";
import { CommentTextarea } from "./comment-textarea";

type Target =
  | { kind: "entry"; activityId: string; version: number; role: string | null; stage: string | null }
  | { kind: "report"; memberId: string; week: string };

export function CommentForm({ teamSlug, target, startOpen = false }: { teamSlug: string; target: Target; startOpen?: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [open, setOpen] = useState(startOpen);
  const [text, setText] = useState("");
  const [role, setRole] = useState("");
  const [stage, setStage] = useState("");
  const [message, setMessage] = useState<MessageRef | null>(null);
  const [pending, startTransition] = useTransition();

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-xs text-indigo-700 hover:underline" data-testid="comment-open">
        {t("comments.add")}
      </button>
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result =
        target.kind === "entry"
          ? await commentOnEntryAction(teamSlug, target.activityId, { text, role, stage, version: target.version })
          : await commentOnReportAction(teamSlug, target.memberId, target.week, text);
      // On an error the text stays in the box, so nothing typed is lost.
      setMessage(result.ok ? { key: "comments.saved" } : (result.error ?? null));
      if (result.ok) {
        setText("");
        setRole("");
        setStage("");
        setOpen(startOpen);
        router.refresh();
      }
    });
  }

  const select = "rounded-md border border-slate-300 px-2 py-1 text-xs";
  return (
    <form onSubmit={submit} className="mt-1 space-y-1" data-testid="comment-form">
      <CommentTextarea value={text} onChange={setText} disabled={pending} />
      <div className="flex flex-wrap items-center gap-2">
        {target.kind === "entry" ? (
          <>
            <select aria-label={t("comments.changeRole")} value={role} onChange={(event) => setRole(event.target.value)} className={select} data-testid="comment-role">
              <option value="">{t("comments.keepRole")}</option>
              {ROLE_ORDER.filter((key) => key !== target.role).map((key) => (
                <option key={key} value={key}>
                  {t(`taxonomy.roles.${key}`)}
                </option>
              ))}
            </select>
            <select aria-label={t("comments.changeStage")} value={stage} onChange={(event) => setStage(event.target.value)} className={select} data-testid="comment-stage">
              <option value="">{t("comments.keepStage")}</option>
              {STAGE_ORDER.filter((key) => key !== target.stage).map((key) => (
                <option key={key} value={key}>
                  {t(`taxonomy.stages.${key}`)}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1 text-xs font-medium text-white disabled:opacity-50" data-testid="comment-submit">
          {t("comments.save")}
        </button>
        {!startOpen ? (
          <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
            {t("comments.cancel")}
          </button>
        ) : null}
      </div>
      {message ? (
        <p role={message.key === "comments.saved" ? "status" : "alert"} className={`text-xs ${message.key === "comments.saved" ? "text-slate-700" : "text-red-700"}`} data-testid="comment-message">
          {t(message.key, message.values)}
        </p>
      ) : null}
    </form>
  );
}
