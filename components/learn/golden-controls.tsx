"use client";
// A manager's pin / re-word / unpin controls on one library entry. The only client JS of the library.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button, ErrorMessage } from "@/components/ui/field";
import { pinGolden, unpinGolden } from "@/lib/onboarding/actions";

const COMMENT_MAX = 280;

export function GoldenControls({ teamSlug, activityId, comment }: { teamSlug: string; activityId: string; comment: string | null }) {
  const t = useTranslations();
  const [editing, setEditing] = useState(false);
  const [pinState, pin, pinning] = useActionState(async (prev: Awaited<ReturnType<typeof pinGolden>>, formData: FormData) => {
    const result = await pinGolden(prev, formData);
    if (result.ok) setEditing(false);
    return result;
  }, {});
  const [unpinState, unpin, unpinning] = useActionState(unpinGolden, {});
  const error = pinState.error ?? unpinState.error;

  if (!editing) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <button type="button" onClick={() => setEditing(true)} className="rounded px-2 py-1 font-medium text-amber-800 hover:bg-amber-100" data-testid={comment === null ? "pin-golden" : "edit-golden"}>
          {comment === null ? `★ ${t("learn.golden.pin")}` : t("learn.golden.edit")}
        </button>
        {comment !== null ? (
          <form action={unpin}>
            <input type="hidden" name="team" value={teamSlug} />
            <input type="hidden" name="activityId" value={activityId} />
            <button type="submit" disabled={unpinning} className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100" data-testid="unpin-golden">
              {t("learn.golden.unpin")}
            </button>
          </form>
        ) : null}
        {error ? <span className="text-red-600">{t(error.key, error.values)}</span> : null}
      </div>
    );
  }
  return (
    <form action={pin} className="space-y-2 rounded-md border border-amber-200 bg-white p-2">
      <input type="hidden" name="team" value={teamSlug} />
      <input type="hidden" name="activityId" value={activityId} />
      <label className="block text-xs font-medium text-slate-700" htmlFor={`golden-comment-${activityId}`}>
        {t("learn.golden.comment")}
      </label>
      <textarea
        id={`golden-comment-${activityId}`}
        name="comment"
        required
        maxLength={COMMENT_MAX}
        rows={2}
        defaultValue={comment ?? ""}
        placeholder={t("learn.golden.commentHint")}
        className="block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500"
        autoFocus
      />
      <ErrorMessage>{pinState.error ? t(pinState.error.key, pinState.error.values) : null}</ErrorMessage>
      <div className="flex gap-2">
        <Button disabled={pinning}>
          {t("learn.golden.save")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
          {t("learn.golden.cancel")}
        </Button>
      </div>
    </form>
  );
}
