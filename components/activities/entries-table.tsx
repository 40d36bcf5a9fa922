"use client";
// The manager's table of team entries: select rows, confirm or re-tag them in bulk, or re-tag one inline.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { bulkRetagAction, updateActivityAction } from "@/lib/activities/actions";
import type { ActivityDto } from "@/lib/activities/serialize";
import type { MessageRef } from "@/lib/forms";
import { CommentForm } from "@/components/comments/comment-form";
import { CommentList } from "@/components/comments/comment-list";
import type { CommentDto } from "@/lib/comments/queries";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ROLE_ORDER, STAGE_ORDER } from "./colors";
import { ConfidenceLegend, TagChips } from "./tag-chips";

/** Managers' comments shown under each entry, and whether the viewer may add one. */
export interface EntryComments {
  byEntry: Record<string, CommentDto[]>;
  canComment: boolean;
  viewerId: string;
  timeZone: string;
}

export function EntriesTable({
  teamSlug,
  activities,
  bulk = true,
  showMember = true,
  comments,
}: {
  teamSlug: string;
  activities: ActivityDto[];
  bulk?: boolean;
  showMember?: boolean;
  comments?: EntryComments;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [rows, setRows] = useState(activities);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<MessageRef | null>(null);
  const [pending, startTransition] = useTransition();
  // A tick before React has hydrated would be undone by it: the boxes wait for it.
  const hydrated = useHydrated();
  // When the page refreshes (after a bulk re-tag, a comment, another tab's change) the rows follow the server's, in
  // place: remounting the table for new rows, as it once did, also dropped the "N updated" message it had just shown.
  const [shown, setShown] = useState(activities);
  if (shown !== activities) {
    setShown(activities);
    setRows(activities);
    const listed = new Set(activities.map((row) => row.id));
    setSelected((current) => new Set([...current].filter((id) => listed.has(id))));
  }


  function applyBulk(tags: { role?: string; stage?: string; confirm?: boolean }) {
    const items = rows.filter((row) => selected.has(row.id)).map((row) => ({ id: row.id, version: row.version }));
    startTransition(async () => {
      const result = await bulkRetagAction(teamSlug, items, tags);
      setMessage(result.ok && result.data ? { key: "entries.bulkDone", values: result.data } : result.error ?? null);
      setSelected(new Set());
      router.refresh();
    });
  }

  async function retagOne(activity: ActivityDto, patch: { role?: string; stage?: string }) {
    const result = await updateActivityAction(teamSlug, activity.id, { version: activity.version, ...patch });
    if (result.ok && result.data) setRows((current) => current.map((row) => (row.id === activity.id ? result.data! : row)));
    else setMessage(result.error ?? null);
  }

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  return (
    <div className="space-y-3">
      {bulk ? (
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">{t("entries.selected", { count: selected.size })}</span>
        <button type="button" disabled={!selected.size || pending} onClick={() => applyBulk({ confirm: true })} className="rounded-md border border-emerald-300 px-2 py-1 text-emerald-700 disabled:opacity-40">
          {t("entries.bulkConfirm")}
        </button>
        <select aria-label={t("entries.bulkRole")} disabled={!selected.size || pending} value="" onChange={(e) => e.target.value && applyBulk({ role: e.target.value })} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-40">
          <option value="">{t("entries.bulkRole")}</option>
          {ROLE_ORDER.map((key) => (
            <option key={key} value={key}>
              {t(`taxonomy.roles.${key}`)}
            </option>
          ))}
        </select>
        <select aria-label={t("entries.bulkStage")} disabled={!selected.size || pending} value="" onChange={(e) => e.target.value && applyBulk({ stage: e.target.value })} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-40">
          <option value="">{t("entries.bulkStage")}</option>
          {STAGE_ORDER.map((key) => (
            <option key={key} value={key}>
              {t(`taxonomy.stages.${key}`)}
            </option>
          ))}
        </select>
        {message ? <span role="status" className="text-slate-700">{t(message.key, message.values)}</span> : null}
      </div>
      ) : message ? (
        <p role="status" className="text-sm text-slate-700">{t(message.key, message.values)}</p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              {bulk ? <th className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={t("entries.selectAll")}
                  disabled={!hydrated}
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.id)))}
                />
              </th> : null}
              <th className="px-3 py-2">{t("entries.date")}</th>
              {showMember ? <th className="px-3 py-2">{t("entries.member")}</th> : null}
              <th className="px-3 py-2">{t("entries.text")}</th>
              <th className="px-3 py-2">{t("entries.role")} / {t("entries.stage")}</th>
              <th className="px-3 py-2">{t("entries.minutes")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="entry-row">
                {bulk ? <td className="px-3 py-2 align-top">
                  <input
                    type="checkbox"
                    aria-label={t("entries.select")}
                    disabled={!hydrated}
                    checked={selected.has(row.id)}
                    onChange={() =>
                      setSelected((current) => {
                        const next = new Set(current);
                        if (next.has(row.id)) next.delete(row.id);
                        else next.add(row.id);
                        return next;
                      })
                    }
                  />
                </td> : null}
                <td className="whitespace-nowrap px-3 py-2 align-top text-slate-600">{row.date}</td>
                {showMember ? <td className="whitespace-nowrap px-3 py-2 align-top">{row.author.name}</td> : null}
                <td className="max-w-md break-words px-3 py-2 align-top">
                  <span data-testid="entry-text">{row.text}</span>
                  {comments ? (
                    <div className="mt-1 space-y-1">
                      <CommentList teamSlug={teamSlug} comments={comments.byEntry[row.id] ?? []} viewerId={comments.viewerId} canComment={comments.canComment} timeZone={comments.timeZone} />
                      {comments.canComment ? (
                        <CommentForm teamSlug={teamSlug} target={{ kind: "entry", activityId: row.id, version: row.version, role: row.role, stage: row.stage }} />
                      ) : null}
                    </div>
                  ) : null}
                </td>
                <td className="px-3 py-2 align-top">
                  <TagChips activity={row} canRetag onRetag={(patch) => retagOne(row, patch)} />
                </td>
                <td className="px-3 py-2 align-top text-slate-600">{row.minutes ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((row) => row.tagSource === "auto") ? <ConfidenceLegend /> : null}
    </div>
  );
}
