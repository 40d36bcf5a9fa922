"use client";
// Recharts (and the state library it brings) loads after the page is interactive: the dashboard's numbers, tables,
// heatmap and links are server-rendered and usable at once, and its first-load JavaScript stays small.
// Callers reserve each chart's height so nothing moves when a chart arrives.
import dynamic from "next/dynamic";

const placeholder = () => <div aria-hidden className="h-full w-full animate-pulse rounded bg-slate-50" />;

export const LazyMixBarChart = dynamic(() => import("./mix-bar-chart").then((m) => m.MixBarChart), { ssr: false, loading: placeholder });
export const LazyTrendChart = dynamic(() => import("./trend-chart").then((m) => m.TrendChart), { ssr: false, loading: placeholder });
export const LazySmallBarChart = dynamic(() => import("./member-charts").then((m) => m.SmallBarChart), { ssr: false, loading: placeholder });
