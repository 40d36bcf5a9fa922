"use client";
// Keyboard drill-down for Recharts charts: the accessibility layer moves the active point with ←/→;
// Enter (or Space) then opens the entry list behind that point, like a click does.
import { useRouter } from "next/navigation";
import { useCallback, useRef, type KeyboardEvent } from "react";
import { useActiveTooltipLabel } from "recharts";

/** Renders nothing; reports the chart's active category label to its parent. Place inside the chart. */
export function ActiveLabelTracker({ into }: { into: { current: string | null } }) {
  const label = useActiveTooltipLabel();
  into.current = label === undefined || label === null ? null : String(label);
  return null;
}

export function useKeyboardDrill(hrefFor: (label: string) => string | null) {
  const router = useRouter();
  const active = useRef<string | null>(null);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const href = active.current ? hrefFor(active.current) : null;
      if (!href) return;
      event.preventDefault();
      event.stopPropagation();
      router.push(href);
    },
    [hrefFor, router],
  );
  return { active, onKeyDown, open: (href: string | null | undefined) => href && router.push(href) };
}
