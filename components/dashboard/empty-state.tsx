// What a team with no entries sees: how to start, and the way into the demo workspace.
import Link from "next/link";
import { DeleteDemoButton, ExploreDemoButton } from "./demo-controls";
import type { Translate } from "./format";

export function EmptyDashboard({ t, todayHref }: { t: Translate; todayHref: string }) {
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="dashboard-empty">
      <h2 className="text-lg font-semibold">{t("dashboard.empty.title")}</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{t("dashboard.empty.body")}</p>
      <p className="mt-3">
        <Link href={todayHref} className="text-sm text-indigo-700 hover:underline">
          {t("dashboard.empty.logFirst")}
        </Link>
      </p>
      <div className="mx-auto mt-6 max-w-xl border-t border-slate-200 pt-6">
        <p className="mb-3 text-sm text-slate-600">{t("dashboard.empty.demoBody")}</p>
        <ExploreDemoButton />
      </div>
    </section>
  );
}

export function DemoBanner({ t, teamSlug, canDelete }: { t: Translate; teamSlug: string; canDelete: boolean }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="demo-banner">
      <p>{t("dashboard.demo.banner")}</p>
      {canDelete ? <DeleteDemoButton teamSlug={teamSlug} /> : null}
    </div>
  );
}
