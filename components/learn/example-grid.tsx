// Role × stage grid of the team's confirmed entries (like the dashboard heatmap): each cell opens the library
// filtered to it; row and column heads open the guides. A star marks cells with golden examples.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { ROLE_COLORS, ROLE_ORDER, STAGE_ORDER } from "@/components/activities/colors";

export interface GridCellData {
  role: string;
  stage: string;
  count: number;
  golden: number;
}

function tint(hex: string, share: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const alpha = share === 0 ? 0 : 0.1 + 0.55 * share;
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha.toFixed(2)})`;
}

export function ExampleGrid({ teamSlug, cells, selected }: { teamSlug: string; cells: GridCellData[]; selected?: { role?: string; stage?: string } }) {
  const t = useTranslations("learn.grid");
  const tx = useTranslations("taxonomy");
  const base = `/t/${teamSlug}/learn`;
  const byCell = new Map(cells.map((c) => [`${c.role}:${c.stage}`, c]));
  const max = Math.max(1, ...cells.map((c) => c.count));
  const rowTotal = (role: string) => cells.filter((c) => c.role === role).reduce((s, c) => s + c.count, 0);
  const colTotal = (stage: string) => cells.filter((c) => c.stage === stage).reduce((s, c) => s + c.count, 0);
  const total = cells.reduce((s, c) => s + c.count, 0);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-sm" data-testid="example-grid">
        <caption className="mb-1 text-left text-xs text-slate-500">{t("caption", { total })}</caption>
        <thead>
          <tr>
            <th scope="col" className="w-32" />
            {STAGE_ORDER.map((stage) => (
              <th key={stage} scope="col" className="px-1 text-center text-xs font-medium text-slate-600">
                <Link href={`${base}/stages/${stage}`} className="hover:text-indigo-700 hover:underline">
                  {tx(`stages.${stage}`)}
                </Link>
              </th>
            ))}
            <th scope="col" className="px-1 text-center text-xs font-medium text-slate-500">{t("total")}</th>
          </tr>
        </thead>
        <tbody>
          {ROLE_ORDER.map((role) => (
            <tr key={role}>
              <th scope="row" className="whitespace-nowrap pr-2 text-left text-xs font-medium text-slate-700">
                <Link href={`${base}/roles/${role}`} className="hover:text-indigo-700 hover:underline">
                  <span className="mr-1.5 inline-block h-2 w-2 rounded-full" style={{ backgroundColor: ROLE_COLORS[role].hex }} aria-hidden />
                  {tx(`roles.${role}`)}
                </Link>
              </th>
              {STAGE_ORDER.map((stage) => {
                const cell = byCell.get(`${role}:${stage}`);
                const count = cell?.count ?? 0;
                const isSelected = (!selected?.role || selected.role === role) && (!selected?.stage || selected.stage === stage) && Boolean(selected?.role || selected?.stage);
                return (
                  <td key={stage} className="p-0">
                    <Link
                      href={`${base}/library?role=${role}&stage=${stage}`}
                      aria-label={t("cellLabel", { role: tx(`roles.${role}`), stage: tx(`stages.${stage}`), count })}
                      data-testid="grid-cell"
                      data-role={role}
                      data-stage={stage}
                      className={`flex h-9 min-w-14 items-center justify-center rounded text-xs tabular-nums ${count ? "text-slate-900" : "text-slate-300"} ${isSelected ? "ring-2 ring-indigo-500" : "ring-1 ring-slate-100 hover:ring-indigo-300"}`}
                      style={{ backgroundColor: tint(ROLE_COLORS[role].hex, count / max) }}
                    >
                      {count || "·"}
                      {cell?.golden ? <span className="ml-0.5 text-amber-500" title={t("goldenMarker", { count: cell.golden })}>★</span> : null}
                    </Link>
                  </td>
                );
              })}
              <td className="text-center text-xs tabular-nums text-slate-500">{rowTotal(role)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="pr-2 text-left text-xs font-medium text-slate-500">{t("total")}</th>
            {STAGE_ORDER.map((stage) => (
              <td key={stage} className="text-center text-xs tabular-nums text-slate-500">{colTotal(stage)}</td>
            ))}
            <td className="text-center text-xs font-medium tabular-nums text-slate-600">{total}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
