// Pairs of tags people confuse, most frequent first, each linking to the guide of the right tag.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function MixUpList({ teamSlug, dimension, rows }: { teamSlug: string; dimension: "role" | "stage"; rows: { expected: string; answered: string; count: number }[] }) {
  const t = useTranslations("learn.progress");
  const tx = useTranslations("taxonomy");
  const name = (key: string) => tx(`${dimension === "role" ? "roles" : "stages"}.${key}`);
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("noMixUps")}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {rows.map((row) => (
        <li key={`${row.expected}:${row.answered}`} className="flex items-center justify-between gap-2">
          <Link href={`/t/${teamSlug}/learn/${dimension === "role" ? "roles" : "stages"}/${row.expected}`} className="text-slate-700 hover:underline">
            {t("mixUp", { expected: name(row.expected), answered: name(row.answered) })}
          </Link>
          <span className="tabular-nums text-slate-500">{row.count}</span>
        </li>
      ))}
    </ul>
  );
}
