import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExampleCard } from "@/components/learn/example-card";
import { ExampleGrid } from "@/components/learn/example-grid";
import { HideNamesForm } from "@/components/learn/hide-names-form";
import { LearnNav } from "@/components/learn/learn-nav";
import { LibraryFilters } from "@/components/learn/library-filters";
import { learnContext } from "@/lib/onboarding/context";
import {
  countGoldenExamples,
  exampleGrid,
  libraryHidesNames,
  listConfirmedExamples,
  listGoldenExamples,
  starterExamples,
  starterSetLeads,
  type LibraryFilter,
} from "@/lib/onboarding/library";
import { canChangeLibrarySettings, canPinGolden, canViewTeamProgress } from "@/lib/onboarding/permissions";
import { isRoleKey, isStageKey } from "@/lib/tagging/types";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("learn.library"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Unknown values are ignored (the library shows everything), never passed on to a query. */
function parseFilter(raw: Record<string, string | string[] | undefined>): { filter: LibraryFilter; page: number } {
  const one = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : undefined);
  const filter: LibraryFilter = {};
  const role = one("role");
  const stage = one("stage");
  const q = one("q")?.trim().slice(0, 100);
  if (isRoleKey(role)) filter.role = role;
  if (isStageKey(stage)) filter.stage = stage;
  if (q) filter.q = q;
  const page = Number(one("page") ?? "1");
  return { filter, page: Number.isInteger(page) && page > 0 && page <= 1000 ? page : 1 };
}

export default async function LibraryPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: SearchParams }) {
  const { team } = await params;
  const context = await learnContext(team);
  if (!context) notFound();
  const { access, locale } = context;
  const { filter, page } = parseFilter(await searchParams);
  const [cells, golden, confirmed, goldenCount, hidden, t] = await Promise.all([
    exampleGrid(access),
    page === 1 ? listGoldenExamples(access, filter) : Promise.resolve([]),
    listConfirmedExamples(access, filter, page),
    countGoldenExamples(access.teamId),
    libraryHidesNames(access.teamId),
    getTranslations("learn.library"),
  ]);
  const starter = page === 1 ? starterExamples(locale, filter) : [];
  const starterLeads = starterSetLeads(goldenCount);
  const canPin = canPinGolden(access);
  const base = `/t/${access.slug}/learn/library`;
  const pageHref = (n: number) => {
    const query = new URLSearchParams();
    if (filter.role) query.set("role", filter.role);
    if (filter.stage) query.set("stage", filter.stage);
    if (filter.q) query.set("q", filter.q);
    if (n > 1) query.set("page", String(n));
    const text = query.toString();
    return text ? `${base}?${text}` : base;
  };
  // The seed article's examples: open while the team has nothing of its own to show, one click away after that.
  const starterSection = (open: boolean) => (
    <details open={open} className="rounded-lg border border-indigo-100 bg-white p-3" data-testid="starter-section">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">
        {t("starterTitle")} · {starter.length}
      </summary>
      <p className="my-2 text-sm text-slate-600">{t("starterIntro")}</p>
      <ul className="space-y-2" data-testid="starter-examples">
        {starter.map((example) => (
          <ExampleCard key={example.ref} example={example} teamSlug={access.slug} canPin={false} />
        ))}
      </ul>
    </details>
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <LearnNav teamSlug={access.slug} current="library" showProgress={canViewTeamProgress(access)} />
      {canChangeLibrarySettings(access) ? <HideNamesForm teamSlug={access.slug} hidden={hidden} /> : null}
      <ExampleGrid teamSlug={access.slug} cells={cells} selected={filter} />
      <LibraryFilters action={base} values={filter} />

      {page === 1 ? (
        <section aria-labelledby="golden-heading">
          <h2 id="golden-heading" className="mb-1 text-base font-semibold">★ {t("goldenTitle")}</h2>
          <p className="mb-2 text-sm text-slate-600">{canPin ? t("goldenIntroManager") : t("goldenIntro")}</p>
          {golden.length === 0 ? (
            <p className="text-sm text-slate-500">{t("goldenEmpty")}</p>
          ) : (
            <ul className="space-y-2" data-testid="golden-examples">
              {golden.map((example) => (
                <ExampleCard key={example.ref} example={example} teamSlug={access.slug} canPin={canPin} />
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {starter.length > 0 && starterLeads ? starterSection(confirmed.total === 0) : null}

      <section aria-labelledby="confirmed-heading">
        <h2 id="confirmed-heading" className="mb-1 text-base font-semibold">{t("confirmedTitle", { count: confirmed.total })}</h2>
        {confirmed.examples.length === 0 ? (
          <p className="text-sm text-slate-500">{t("confirmedEmpty")}</p>
        ) : (
          <ul className="space-y-2" data-testid="confirmed-examples">
            {confirmed.examples.map((example) => (
              <ExampleCard key={example.ref} example={example} teamSlug={access.slug} canPin={canPin} />
            ))}
          </ul>
        )}
        <div className="mt-3 flex gap-4 text-sm">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className="text-indigo-700 hover:underline">
              {t("previous")}
            </Link>
          ) : null}
          {confirmed.hasMore ? (
            <Link href={pageHref(page + 1)} className="text-indigo-700 hover:underline">
              {t("more")}
            </Link>
          ) : null}
        </div>
      </section>

      {starter.length > 0 && !starterLeads ? starterSection(false) : null}
    </div>
  );
}
