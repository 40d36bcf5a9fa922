"use client";
// Small multiples for the members view: one member's role mix and their entries per day (or week).
import { useCallback } from "react";
import { Bar, BarChart, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { ActiveLabelTracker, useKeyboardDrill } from "./keyboard-drill";

export interface SmallBarDatum {
  label: string;
  value: number;
  display: string;
  color: string;
  href: string | null;
}

/** A compact column chart: bars share one scale across members (max) so the multiples compare. */
export function SmallBarChart({ data, title, max, height = 90, testId }: { data: SmallBarDatum[]; title: string; max: number; height?: number; testId?: string }) {
  const hrefFor = useCallback((label: string) => data.find((d) => d.label === label)?.href ?? null, [data]);
  const { active, onKeyDown, open } = useKeyboardDrill(hrefFor);
  return (
    <div onKeyDownCapture={onKeyDown} data-testid={testId} className="w-full">
      <BarChart responsive data={data} style={{ width: "100%", height }} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} title={title} barCategoryGap={1}>
        <XAxis dataKey="label" hide />
        <YAxis hide domain={[0, Math.max(1, max)]} />
        <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(_v, _n, item) => [(item.payload as SmallBarDatum).display, ""]} separator="" />
        <Bar dataKey="value" isAnimationActive={false} cursor="pointer" onClick={(_item, index) => open(data[index]?.href)}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.color} />
          ))}
        </Bar>
        <ActiveLabelTracker into={active} />
      </BarChart>
    </div>
  );
}
