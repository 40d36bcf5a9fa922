"use client";
// "My day": one always-focused box. Enter saves; a multi-line paste becomes a preview of several entries.
// Saves are optimistic but honest: a failed entry stays on screen with its error and a retry.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { createActivitiesAction, deleteActivityAction, restoreActivityAction, updateActivityAction } from "@/lib/activities/actions";
import { parseLogLine, splitPastedLines, type ParsedLine } from "@/lib/activities/parse-line";
import type { ActivityDto } from "@/lib/activities/serialize";
import type { MessageRef } from "@/lib/forms";
import { addPending, isOffline, readPending, removePending } from "./offline-queue";
import { ConfidenceLegend, TagChips } from "./tag-chips";

// "queued": typed without a connection, kept on this device, sent with its idempotency key once the browser is online.
type Item =
  | { localId: string; status: "saving" | "failed" | "queued"; input: ParsedLine; error?: MessageRef; key: string }
  | { localId: string; status: "saved"; activity: ActivityDto; error?: MessageRef };

let counter = 0;
const nextId = () => `local-${Date.now()}-${counter++}`;
const newKey = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : nextId());

export function TodayLogger({
  teamSlug, viewerId, today, initial,
}: { teamSlug: string; viewerId: string; today: string; initial: ActivityDto[] }) {
  /** The device's queue belongs to this person in this team: someone else signing in here never sends it. */
  const queue = `${viewerId}:${teamSlug}`;
  const t = useTranslations();
  const [items, setItems] = useState<Item[]>(initial.map((activity) => ({ localId: activity.id, status: "saved", activity })));
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ParsedLine[] | null>(null);
  const [undo, setUndo] = useState<{ activity: ActivityDto; index: number } | null>(null);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  /** Entries with a request on the way: going online again must not send them a second time meanwhile. */
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), 8000);
    return () => clearTimeout(timer);
  }, [undo]);

  const save = useCallback(
    async (lines: ParsedLine[], reuse?: { localId: string; key: string }) => {
      const batch = lines.map((input) => ({ localId: reuse?.localId ?? nextId(), status: "saving" as const, input, key: reuse?.key ?? newKey() }));
      // Kept on the device until the server confirms it: a lost connection or a closed tab loses nothing.
      addPending(queue, batch.map(({ localId, key, input }) => ({ localId, key, input })));
      const offline = isOffline();
      const shown = offline ? batch.map((pending) => ({ ...pending, status: "queued" as const })) : batch;
      setItems((current) => {
        const others = current.filter((item) => !shown.some((pending) => pending.localId === item.localId));
        return reuse ? current.map((item) => (item.localId === reuse.localId ? shown[0]! : item)) : [...[...shown].reverse(), ...others];
      });
      if (offline) return;
      // One request per entry: a bad entry fails alone and stays visible with its own message.
      await Promise.all(
        batch.map(async (pending) => {
          if (inFlight.current.has(pending.localId)) return;
          inFlight.current.add(pending.localId);
          let result;
          try {
            result = await createActivitiesAction(
              teamSlug,
              [{ text: pending.input.text, minutes: pending.input.minutes ?? undefined, date: pending.input.date ?? undefined }],
              pending.key,
            );
          } catch {
            // The connection dropped mid-request: wait for it to come back (the key makes a repeat harmless).
            result = isOffline() ? null : { ok: false, error: { key: "errors.unavailable" } };
          } finally {
            inFlight.current.delete(pending.localId);
          }
          if (result?.ok) removePending(queue, pending.localId);
          else if (result && result.error?.key !== "errors.unavailable") removePending(queue, pending.localId);
          setItems((current) =>
            current.map((item) => {
              if (item.localId !== pending.localId) return item;
              if (result === null) return { ...pending, status: "queued" };
              if (result.ok && result.data?.[0]) return { localId: pending.localId, status: "saved", activity: result.data[0] };
              return { ...pending, status: "failed", error: result.error };
            }),
          );
        }),
      );
    },
    [teamSlug, queue],
  );

  // Entries this device still holds (typed offline, or sent when the page closed) are shown and sent again.
  useEffect(() => {
    const flush = () => {
      if (isOffline()) return;
      for (const pending of readPending(queue)) void save([pending.input], { localId: pending.localId, key: pending.key });
    };
    const held = readPending(queue);
    if (held.length > 0) {
      setItems((current) => [
        ...held.filter((pending) => !current.some((item) => item.localId === pending.localId)).map((pending) => ({ ...pending, status: "queued" as const })),
        ...current,
      ]);
      flush();
    }
    window.addEventListener("online", flush);
    return () => window.removeEventListener("online", flush);
  }, [queue, save]);

  function submitBox() {
    const lines = splitPastedLines(text);
    if (lines.length === 0) return;
    if (lines.length > 1) {
      setPreview(lines.map((line) => parseLogLine(line, today)));
      return;
    }
    setText("");
    void save([parseLogLine(lines[0]!, today)]);
  }

  async function retag(activity: ActivityDto, patch: { role?: string; stage?: string }) {
    const result = await updateActivityAction(teamSlug, activity.id, { version: activity.version, ...patch });
    setItems((current) =>
      current.map((item) =>
        item.status === "saved" && item.activity.id === activity.id
          ? result.ok && result.data
            ? { ...item, activity: result.data, error: undefined }
            : { ...item, error: result.error }
          : item,
      ),
    );
  }

  async function remove(activity: ActivityDto) {
    const index = items.findIndex((item) => item.status === "saved" && item.activity.id === activity.id);
    const result = await deleteActivityAction(teamSlug, activity.id);
    if (!result.ok) {
      setItems((current) => current.map((item) => (item.status === "saved" && item.activity.id === activity.id ? { ...item, error: result.error } : item)));
      return;
    }
    setItems((current) => current.filter((item) => !(item.status === "saved" && item.activity.id === activity.id)));
    setUndo({ activity, index });
  }

  async function undoDelete() {
    if (!undo) return;
    const result = await restoreActivityAction(teamSlug, undo.activity.id);
    if (result.ok && result.data) {
      const restored = result.data;
      setItems((current) => {
        const copy = [...current];
        copy.splice(Math.min(undo.index, copy.length), 0, { localId: restored.id, status: "saved", activity: restored });
        return copy;
      });
    }
    setUndo(null);
    boxRef.current?.focus();
  }

  return (
    <div className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm focus-within:ring-2 focus-within:ring-indigo-500">
        <label htmlFor="entry" className="sr-only">
          {t("today.title")}
        </label>
        <textarea
          id="entry"
          ref={boxRef}
          autoFocus
          rows={2}
          value={text}
          maxLength={20000}
          placeholder={t("today.placeholder")}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submitBox();
            }
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData("text");
            const lines = splitPastedLines(pasted);
            if (lines.length > 1) {
              event.preventDefault();
              setPreview(lines.map((line) => parseLogLine(line, today)));
            }
          }}
          className="block w-full resize-none border-0 p-0 text-base focus:ring-0 focus:outline-none"
        />
        <div className="mt-2 flex items-center justify-between gap-4">
          <p className="text-xs text-slate-500">{t("today.hint")}</p>
          <button type="button" onClick={submitBox} className="min-h-11 shrink-0 whitespace-nowrap rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            {t("today.save")}
          </button>
        </div>
      </div>

      {preview ? (
        <section aria-labelledby="preview-title" className="rounded-xl border border-indigo-200 bg-indigo-50 p-4" data-testid="paste-preview">
          <h2 id="preview-title" className="mb-2 text-sm font-semibold text-indigo-900">
            {t("today.pastePreviewTitle", { count: preview.length })}
          </h2>
          <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm">
            {preview.map((line, index) => (
              <li key={index}>
                {line.text}
                {line.minutes ? <span className="ml-2 text-slate-500">{t("today.minutes", { minutes: line.minutes })}</span> : null}
                {line.date ? <span className="ml-2 text-slate-500">{line.date}</span> : null}
              </li>
            ))}
          </ol>
          <div className="flex gap-2">
            <button
              type="button"
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white"
              onClick={() => {
                const lines = preview;
                setPreview(null);
                setText("");
                void save(lines);
                boxRef.current?.focus();
              }}
            >
              {t("today.pastePreviewSave")}
            </button>
            <button type="button" className="rounded-md px-3 py-1.5 text-sm text-slate-600" onClick={() => setPreview(null)}>
              {t("today.cancel")}
            </button>
          </div>
        </section>
      ) : null}

      {undo ? (
        <div role="status" className="flex items-center gap-3 rounded-md bg-slate-800 px-4 py-2 text-sm text-white">
          {t("today.deleted")}
          <button type="button" onClick={undoDelete} className="font-semibold text-indigo-200 underline">
            {t("today.undo")}
          </button>
        </div>
      ) : null}

      {items.length === 0 ? <p className="text-sm text-slate-500">{t("today.empty")}</p> : null}
      <ul className="space-y-2" aria-label={t("today.title")} data-testid="entries">
        {items.map((item) => (
          <li key={item.localId} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="entry" data-status={item.status}>
            {item.status === "saved" ? (
              <SavedEntry
                item={item}
                onRetag={(patch) => retag(item.activity, patch)}
                onDelete={() => remove(item.activity)}
                today={today}
                teamSlug={teamSlug}
              />
            ) : (
              <div className="flex flex-wrap items-center gap-2">
                <p className="flex-1 whitespace-pre-wrap break-words text-sm">{item.input.text}</p>
                {item.status === "saving" ? (
                  <span className="text-xs text-slate-600">{t("today.saving")}</span>
                ) : item.status === "queued" ? (
                  <span className="text-xs text-amber-800" data-testid="entry-queued">
                    {t("today.queued")}
                  </span>
                ) : (
                  <>
                    <span className="text-sm text-red-600">
                      {t("today.failed")} {item.error ? t(item.error.key, item.error.values) : null}
                    </span>
                    <button type="button" onClick={() => save([item.input], { localId: item.localId, key: item.key })} className="text-sm font-medium text-indigo-600 underline">
                      {t("today.retry")}
                    </button>
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {items.some((item) => item.status === "saved" && item.activity.tagSource === "auto") ? <ConfidenceLegend /> : null}
    </div>
  );
}

function SavedEntry({
  item,
  onRetag,
  onDelete,
  today,
  teamSlug,
}: {
  item: Extract<Item, { status: "saved" }>;
  onRetag: (patch: { role?: string; stage?: string }) => void;
  onDelete: () => void;
  today: string;
  teamSlug: string;
}) {
  const t = useTranslations();
  const { activity } = item;
  return (
    <div
      className="space-y-2"
      tabIndex={0}
      onKeyDown={(event) => {
        // One key confirms the engine's tags when the entry has focus.
        if (event.target === event.currentTarget && event.key.toLowerCase() === "c" && activity.role && activity.stage && activity.tagSource === "auto") {
          onRetag({ role: activity.role, stage: activity.stage });
        }
      }}
    >
      <div className="flex items-start gap-3">
        <p className="flex-1 whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="entry-text">
          {activity.text}
        </p>
        {activity.minutes ? <span className="text-xs text-slate-500">{t("today.minutes", { minutes: activity.minutes })}</span> : null}
      </div>
      {activity.date !== today ? (
        // A back-dated entry leaves My day on the next visit: say where it went and lead there.
        <p className="text-xs text-slate-600" data-testid="entry-filed">
          <Link href={`/t/${teamSlug}/week?week=${activity.date}`} className="underline decoration-dotted underline-offset-2 hover:text-indigo-700">
            {t("today.filedTo", { date: activity.date.slice(5) })}
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TagChips activity={activity} canRetag onRetag={onRetag} />
        <div className="flex gap-2 text-xs">
          {activity.tagSource === "auto" && activity.role ? (
            <button type="button" onClick={() => onRetag({ role: activity.role!, stage: activity.stage! })} className="rounded px-2 py-1 text-emerald-700 hover:bg-emerald-50" title="C">
              {t("today.confirm")}
            </button>
          ) : null}
          <button type="button" onClick={onDelete} className="rounded px-2 py-1 text-slate-500 hover:bg-red-50 hover:text-red-700">
            {t("today.delete")}
          </button>
        </div>
      </div>
      {item.error ? <p className="text-sm text-red-600">{t(item.error.key, item.error.values)}</p> : null}
    </div>
  );
}
