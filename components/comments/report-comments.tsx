// Comments on one member's weekly report, under the draft: the member reads them (and sees them on My week), managers
// add theirs. Server component: the list and form inside are client components.
import type { CommentDto } from "@/lib/comments/queries";
import { CommentForm } from "./comment-form";
import { CommentList } from "./comment-list";

export function ReportComments(props: {
  teamSlug: string;
  comments: CommentDto[];
  member: { id: string; name: string };
  week: string;
  viewerId: string;
  canComment: boolean;
  timeZone: string;
  t: (key: string, values?: Record<string, string | number>) => string;
}) {
  const { t, comments, member } = props;
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="report-comments" data-testid="report-comments">
      <h2 id="report-comments" className="text-sm font-medium">
        {t("comments.reportTitle")}
      </h2>
      {comments.length === 0 ? <p className="text-sm text-slate-500">{t("comments.reportNone")}</p> : null}
      <CommentList teamSlug={props.teamSlug} comments={comments} viewerId={props.viewerId} canComment={props.canComment} timeZone={props.timeZone} />
      {props.canComment ? (
        <>
          <p className="text-xs text-slate-500">{t("comments.reportHint", { name: member.name })}</p>
          <CommentForm teamSlug={props.teamSlug} target={{ kind: "report", memberId: member.id, week: props.week }} startOpen />
        </>
      ) : null}
    </section>
  );
}
