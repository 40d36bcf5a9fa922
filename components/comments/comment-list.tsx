"use client";
// Managers' comments (点评) as the reader sees them: author, time, the tag correction made with the comment, the text;
// the author may edit or delete their own. On My week each also says what it is about and carries an unread marker.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteCommentAction, editCommentAction } from "@/lib/comments/actions";
import type { CommentDto, TagPair } from "@/lib/comments/queries";
import type { MessageRef } from "@/lib/forms";
import { CommentTextarea } from "./comment-textarea";

export interface CommentListProps {
  teamSlug: string;
  comments: CommentDto[];
  /** The viewer: their own comments get edit and delete (when they may still comment). */
  viewerId: string;
  canComment: boolean;
  /** The team's time zone: times read as the team's clock, the same on the server and in the browser. */
  timeZone: string;
  /** Say what each comment is about (My week); within an entry's row that is plain already. */
  showSubject?: "mine" | "theirs";
  /** Comments the member had not seen when the page was drawn: marked "new". */
  unread?: ReadonlySet<string>;
}

export function CommentList({ teamSlug, comments, viewerId, canComment, timeZone, showSubject, unread }: CommentListProps) {
  const t = useTranslations();
  const locale = useLocale();
  const time = new Intl.DateTimeFormat(locale, { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const tags = (pair: TagPair) =>
    [pair.role ? t(`taxonomy.roles.${pair.role}`) : "—", pair.stage ? t(`taxonomy.stages.${pair.stage}`) : "—"].join(locale === "zh-CN" ? " · " : " / ");
  if (comments.length === 0) return null;
  return (
    <ul className="space-y-2" data-testid="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="comment">
          {showSubject ? (
            <p className="text-xs text-slate-600" data-testid="comment-subject">
              {comment.on.kind === "entry" ? (
                <>
                  {t(showSubject === "mine" ? "comments.onEntry" : "comments.onEntryOf", { date: comment.on.date, name: comment.member.name })}
                  <span className="ml-1 text-slate-800">「{comment.on.text}」</span>
                </>
              ) : (
                t(showSubject === "mine" ? "comments.onReport" : "comments.onReportOf", { week: comment.on.week, name: comment.member.name })
              )}
            </p>
          ) : null}
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            {unread?.has(comment.id) ? (
              <span className="rounded-full bg-red-600 px-1.5 py-0.5 font-medium text-white" data-testid="comment-unread">
                {t("comments.new")}
              </span>
            ) : null}
            <span data-testid="comment-byline">{t("comments.byline", { name: comment.author.name, time: time.format(new Date(comment.createdAt)) })}</span>
            {comment.editedAt ? <span>{t("comments.edited")}</span> : null}
          </p>
          {comment.correction ? (
            <p className="text-xs font-medium text-indigo-700" data-testid="comment-correction">
              {t("comments.correction", { from: tags(comment.correction.from), to: tags(comment.correction.to) })}
            </p>
          ) : null}
          {canComment && comment.author.id === viewerId ? (
            <OwnComment teamSlug={teamSlug} comment={comment} />
          ) : (
            <p className="whitespace-pre-line break-words text-slate-900" data-testid="comment-text">
              {comment.text}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The author's own comment: its text, with edit and delete. */
function OwnComment({ teamSlug, comment }: { teamSlug: string; comment: CommentDto }) {
  const t = useTranslations();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.text);
  const [message, setMessage] = useState<MessageRef | null>(null);
  const [pending, startTransition] = useTransition();

  function run(work: () => Promise<{ ok?: boolean; error?: MessageRef }>, done: MessageRef) {
    startTransition(async () => {
      const result = await work();
      setMessage(result.ok ? done : (result.error ?? null));
      if (result.ok) {
        setEditing(false);
        router.refresh();
      }
    });
  }

  return (
    <div>
      {editing ? (
        <form
          className="space-y-1"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => editCommentAction(teamSlug, comment.id, text), { key: "comments.updated" });
          }}
        >
          <CommentTextarea value={text} onChange={setText} disabled={pending} />
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-2 py-1 text-xs text-white disabled:opacity-50">
              {t("comments.saveEdit")}
            </button>
            <button type="button" onClick={() => { setEditing(false); setText(comment.text); }} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
              {t("comments.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <p className="whitespace-pre-line break-words text-slate-900" data-testid="comment-text">
          {comment.text}
        </p>
      )}
      {!editing ? (
        <div className="mt-1 flex gap-3 text-xs">
          <button type="button" onClick={() => setEditing(true)} className="text-indigo-700 hover:underline" data-testid="comment-edit">
            {t("comments.edit")}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => window.confirm(t("comments.deleteConfirm")) && run(() => deleteCommentAction(teamSlug, comment.id), { key: "comments.deleted" })}
            className="text-red-700 hover:underline"
            data-testid="comment-delete"
          >
            {t("comments.delete")}
          </button>
        </div>
      ) : null}
      {message ? (
        <p role="status" className="text-xs text-slate-700">
          {t(message.key, message.values)}
        </p>
      ) : null}
    </div>
  );
}
