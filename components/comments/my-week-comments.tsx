"use client";
// My week's panel of managers' comments: the ones not seen before carry a "new" marker for this visit, and are
// marked seen once the panel has been shown (so the next visit, and the nav badge, count them as read).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { markCommentsSeenAction } from "@/lib/comments/actions";
import type { CommentDto } from "@/lib/comments/queries";
import { CommentList } from "./comment-list";

export function MyWeekComments({ teamSlug, comments, viewerId, timeZone }: { teamSlug: string; comments: CommentDto[]; viewerId: string; timeZone: string }) {
  const t = useTranslations("comments");
  // Fixed at first render: the markers stay for this visit even after the server has recorded them as seen.
  const [unread] = useState(() => new Set(comments.filter((comment) => comment.seenAt === null).map((comment) => comment.id)));
  const router = useRouter();
  useEffect(() => {
    // Then the nav badge is redrawn; the markers above stay for this visit (state, not props).
    if (unread.size > 0) void markCommentsSeenAction(teamSlug, [...unread]).then((result) => result.ok && router.refresh());
  }, [teamSlug, unread, router]);
  if (comments.length === 0) return null;
  return (
    <section className="rounded-lg border-2 border-amber-300 bg-white p-4" aria-labelledby="my-week-comments" data-testid="my-week-comments">
      <h2 id="my-week-comments" className="mb-2 flex items-center gap-2 text-base font-semibold">
        {t("title")}
        <span className={`rounded-full px-2 py-0.5 text-xs ${unread.size ? "bg-red-600 text-white" : "bg-slate-100 text-slate-600"}`} data-testid="comments-unread-count">
          {t("unreadCount", { count: unread.size })}
        </span>
      </h2>
      <CommentList teamSlug={teamSlug} comments={comments} viewerId={viewerId} canComment={false} timeZone={timeZone} showSubject="mine" unread={unread} />
    </section>
  );
}
