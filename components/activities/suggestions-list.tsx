"use client";
// The manager's suggested corrections: accept or reject one with a click, or a selection at once, and the switch
// that lets everyone's corrections teach at once. The list is not remounted when the page refreshes after a decision
// (it once was, keyed by the suggestions' ids, and the "accepted 1 correction" notice vanished with the old list):
// the selection keeps only ids still listed, and the notice stays until the next decision.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptSuggestionsAction, rejectSuggestionsAction, setTrustCorrectionsAction } from "@/lib/activities/actions";
import type { Suggestion } from "@/lib/activities/learning";
import type { MessageRef } from "@/lib/forms";
import { useHydrated } from "@/components/ui/use-hydrated";

type Notice = { kind: "ok" | "error"; message: MessageRef };

export function SuggestionsList({ teamSlug, suggestions, total, trust }: { teamSlug: string; suggestions: Suggestion[]; total: number; trust: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, startTransition] = useTransition();
  // Until React has hydrated, a click on these buttons would do nothing at all: they stay disabled until it has.
  const hydrated = useHydrated();
  const busy = pending || !hydrated;

  const decide = (kind: "accept" | "reject", ids: string[]) => {
    startTransition(async () => {
      const request = kind === "accept" ? acceptSuggestionsAction(teamSlug, ids) : rejectSuggestionsAction(teamSlug, ids);
      const state = await request.catch(() => null);
      if (state === null) {
        // The request itself failed (network, server restart): say so; nothing was decided that the page does not show.
        setNotice({ kind: "error", message: { key: "errors.generic" } });
        router.refresh();
        return;
      }
      if (!state.ok || !state.data) {
        setNotice({ kind: "error", message: state.error ?? { key: "errors.generic" } });
        return;
      }
      const count = "accepted" in state.data ? state.data.accepted : state.data.rejected;
      setNotice({ kind: "ok", message: { key: `learning.suggestions.${kind === "accept" ? "accepted" : "rejected"}`, values: { count } } });
      setSelected(new Set());
      router.refresh();
    });
  };
  const toggleTrust = () => {
    startTransition(async () => {
      const state = await setTrustCorrectionsAction(teamSlug, !trust);
      if (!state.ok) setNotice({ kind: "error", message: state.error ?? { key: "errors.generic" } });
      router.refresh();
    });
  };
  const listed = new Set(suggestions.map((s) => s.id));
  const chosen = [...selected].filter((id) => listed.has(id));
  const allChosen = suggestions.length > 0 && chosen.length === suggestions.length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
        <span className="text-slate-600" data-testid="trust-setting">{trust ? t("learning.trust.on") : t("learning.trust.off")}</span>
        <button type="button" disabled={busy} onClick={toggleTrust} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100">
          {trust ? t("learning.trust.turnOff") : t("learning.trust.turnOn")}
        </button>
      </div>
      {notice ? (
        <p className={notice.kind === "ok" ? "text-sm text-emerald-700" : "text-sm text-red-600"} data-testid="suggestions-notice">
          {t(notice.message.key, notice.message.values)}
        </p>
      ) : null}
      {suggestions.length === 0 ? (
        <p className="text-sm text-slate-500">{t("learning.suggestions.empty")}</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-1">
              <input type="checkbox" disabled={!hydrated} checked={allChosen} onChange={() => setSelected(allChosen ? new Set() : new Set(suggestions.map((s) => s.id)))} />
              {t("learning.suggestions.selectAll")}
            </label>
            <button type="button" disabled={busy || chosen.length === 0} onClick={() => decide("accept", chosen)} className="rounded-md bg-indigo-600 px-3 py-1 text-white disabled:opacity-50" data-testid="accept-selected">
              {t("learning.suggestions.acceptSelected", { count: chosen.length })}
            </button>
            <button type="button" disabled={busy || chosen.length === 0} onClick={() => decide("reject", chosen)} className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50">
              {t("learning.suggestions.rejectSelected", { count: chosen.length })}
            </button>
          </div>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
            {suggestions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="suggestion">
                <input
                  type="checkbox"
                  aria-label={t("learning.suggestions.select")}
                  disabled={!hydrated}
                  checked={selected.has(s.id)}
                  onChange={() => {
                    const next = new Set(selected);
                    if (next.has(s.id)) next.delete(s.id);
                    else next.add(s.id);
                    setSelected(next);
                  }}
                />
                <div className="min-w-0 flex-1">
                  <p className="break-words">{s.text}</p>
                  <p className="text-xs text-slate-500">
                    {s.date} · {t("learning.suggestions.author", { name: s.author })}
                    {s.suggestedBy ? ` · ${t("learning.suggestions.by", { name: s.suggestedBy })}` : ""}
                  </p>
                </div>
                <span className="text-xs" title={t("learning.suggestions.suggested")}>
                  {t(`taxonomy.roles.${s.role}`)} · {t(`taxonomy.stages.${s.stage}`)}
                </span>
                <button type="button" disabled={busy} onClick={() => decide("accept", [s.id])} className="rounded-md bg-indigo-600 px-2 py-1 text-xs text-white disabled:opacity-50">
                  {t("learning.suggestions.accept")}
                </button>
                <button type="button" disabled={busy} onClick={() => decide("reject", [s.id])} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs disabled:opacity-50">
                  {t("learning.suggestions.reject")}
                </button>
              </li>
            ))}
          </ul>
          {total > suggestions.length ? <p className="text-xs text-slate-500">{t("learning.suggestions.more", { shown: suggestions.length, total })}</p> : null}
        </>
      )}
    </div>
  );
}
