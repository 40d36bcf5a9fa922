// One example in the library or a guide: the entry, its tags, and why it is tagged so (the manager's golden
// comment or the seed article's reason). Names follow the team's "hide names in the library" setting.
import { useLocale, useTranslations } from "next-intl";
import type { LibraryExample } from "@/lib/onboarding/library";
import { GoldenControls } from "./golden-controls";
import { RoleBadge, StageBadge } from "./tag-badge";

export function ExampleCard({ example, teamSlug, canPin }: { example: LibraryExample; teamSlug: string; canPin: boolean }) {
  const t = useTranslations("learn.example");
  const locale = useLocale();
  const author = example.mine ? t("you") : example.author ?? (example.kind === "starter" ? null : t("teamMember"));
  const frame = {
    golden: "border-amber-300 bg-amber-50/60",
    starter: "border-indigo-200 bg-indigo-50/40",
    confirmed: "border-slate-200 bg-white",
  }[example.kind];
  return (
    <li className={`space-y-2 rounded-lg border p-3 ${frame}`} data-testid="example" data-kind={example.kind} data-ref={example.ref}>
      <div className="flex flex-wrap items-start gap-2">
        {example.kind === "golden" ? (
          <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium text-amber-900">★ {t("golden")}</span>
        ) : example.kind === "starter" ? (
          <span className="rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-medium text-indigo-800">{t("starter")}</span>
        ) : null}
        <p className="min-w-0 flex-1 break-words text-sm text-slate-900" data-testid="example-text">
          {example.text}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
        <RoleBadge role={example.role} />
        <StageBadge stage={example.stage} />
        {author ? <span data-testid="example-author">· {author}</span> : null}
        {example.date ? <span>· {example.date}</span> : null}
        {example.kind === "starter" ? <span>· {t("fromArticle")}</span> : null}
      </div>
      {example.golden ? (
        <p className="rounded-md bg-white/80 px-2 py-1.5 text-sm text-slate-700" data-testid="golden-comment">
          <span className="font-medium text-amber-800">{t("managerComment")}</span> {example.golden.comment}
          {example.golden.pinnedBy ? <span className="text-xs text-slate-500"> — {example.golden.pinnedBy}</span> : null}
        </p>
      ) : null}
      {example.why ? (
        <p className="rounded-md bg-white/80 px-2 py-1.5 text-sm text-slate-700">
          <span className="font-medium text-indigo-800">{t("why")}</span> {locale === "en" ? example.why.en : example.why.zh}
        </p>
      ) : null}
      {canPin && example.kind !== "starter" ? <GoldenControls teamSlug={teamSlug} activityId={example.ref} comment={example.golden?.comment ?? null} /> : null}
    </li>
  );
}
