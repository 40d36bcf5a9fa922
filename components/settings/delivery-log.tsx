// Team settings → the delivery log: the newest attempts (at most 50 per channel), each with its translated result.
import { getTranslations } from "next-intl/server";
import type { DeliveryLogRow } from "@/lib/delivery/log";
import { deliveryErrorKey } from "@/lib/delivery/types";

export async function DeliveryLog({ rows, channelNames, formatTime }: { rows: DeliveryLogRow[]; channelNames: Map<string, string>; formatTime: (date: Date) => string }) {
  const t = await getTranslations("delivery");
  const tAll = await getTranslations();
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("log.empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="delivery-log">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th className="px-3 py-2 font-medium">{t("log.time")}</th>
            <th className="px-3 py-2 font-medium">{t("log.channel")}</th>
            <th className="px-3 py-2 font-medium">{t("log.purpose")}</th>
            <th className="px-3 py-2 font-medium">{t("log.status")}</th>
            <th className="px-3 py-2 font-medium">{t("log.error")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="delivery-log-row" data-status={row.status}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatTime(row.createdAt)}</td>
              <td className="px-3 py-2">{channelNames.get(row.channelId) ?? "—"}</td>
              <td className="px-3 py-2">{t(`purposes.${row.purpose}`)}</td>
              <td className={`px-3 py-2 ${row.status === "failed" ? "text-red-700" : "text-emerald-700"}`}>{t(`status.${row.status}`)}</td>
              <td className="px-3 py-2 text-slate-700">
                {row.errorCode ? tAll(deliveryErrorKey(row.errorCode)) : null}
                {row.errorDetail || row.httpStatus ? (
                  <span className="block font-mono text-xs text-slate-500">
                    {[row.httpStatus ? t("log.httpStatus", { status: row.httpStatus }) : null, row.errorDetail].filter(Boolean).join(" · ")}
                  </span>
                ) : null}
                {row.recipients !== null && !row.errorCode ? <span className="text-xs text-slate-500">{t("log.recipients", { count: row.recipients })}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
