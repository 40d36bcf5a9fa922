"use client";
// Effort per week, stacked by role or stage; a segment opens that week's entries of that role or stage.
import { useCallback } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ActiveLabelTracker, useKeyboardDrill } from "./keyboard-drill";

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
}

export interface TrendDatum {
  label: string;
  values: Record<string, number>;
  /** The week's entries (all series). */
  href: string;
  /** Per series. */
  hrefs: Record<string, string>;
}

export function TrendChart({ data, series, title }: { data: TrendDatum[]; series: TrendSeries[]; title: string }) {
  const hrefFor = useCallback((label: string) => data.find((d) => d.label === label)?.href ?? null, [data]);
  const { active, onKeyDown, open } = useKeyboardDrill(hrefFor);
  const rows = data.map((d) => ({ label: d.label, ...d.values }));
  return (
    <div onKeyDownCapture={onKeyDown} data-testid="trend-chart" className="w-full">
      <BarChart responsive data={rows} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} title={title}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} />
        <YAxis allowDecimals={false} width={40} tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} />
        <Tooltip cursor={{ fill: "#f1f5f9" }} itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="effort"
            fill={s.color}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_item, index) => open(data[index]?.hrefs[s.key])}
          />
        ))}
        <ActiveLabelTracker into={active} />
      </BarChart>
    </div>
  );
}
