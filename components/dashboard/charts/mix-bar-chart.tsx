"use client";
// Effort per role or per stage as horizontal bars; a bar opens the entries behind it.
import { useCallback } from "react";
import { Bar, BarChart, Cell, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { ActiveLabelTracker, useKeyboardDrill } from "./keyboard-drill";

export interface MixBarDatum {
  label: string;
  value: number;
  /** Formatted value for the tooltip ("12 entries · 34%"). */
  display: string;
  /** Short label printed at the end of the bar ("12 · 34%"). */
  valueLabel: string;
  color: string;
  href: string | null;
}

/** A category label on one line: Recharts would break "Community ops" in two to fit the axis width. */
function AxisLabel({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="end" fontSize={12} fill="#334155" data-testid="axis-label" style={{ whiteSpace: "pre" }}>
      {String(payload?.value ?? "")}
    </text>
  );
}

export function MixBarChart({ data, title, testId }: { data: MixBarDatum[]; title: string; testId?: string }) {
  const hrefFor = useCallback((label: string) => data.find((d) => d.label === label)?.href ?? null, [data]);
  const { active, onKeyDown, open } = useKeyboardDrill(hrefFor);
  return (
    <div onKeyDownCapture={onKeyDown} data-testid={testId} className="w-full">
      <BarChart
        responsive
        layout="vertical"
        data={data}
        style={{ width: "100%", height: data.length * 30 + 24 }}
        margin={{ top: 4, right: 88, bottom: 4, left: 4 }}
        title={title}
      >
        <XAxis type="number" hide allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={124} tickLine={false} axisLine={false} tick={AxisLabel} />
        <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(_value, _name, item) => [(item.payload as MixBarDatum).display, ""]} separator="" />
        <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]} onClick={(_item, index) => open(data[index]?.href)} cursor="pointer">
          {data.map((d) => (
            <Cell key={d.label} fill={d.color} />
          ))}
          <LabelList dataKey="valueLabel" position="right" style={{ fontSize: 11, fill: "#334155" }} />
        </Bar>
        <ActiveLabelTracker into={active} />
      </BarChart>
    </div>
  );
}
