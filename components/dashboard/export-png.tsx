"use client";
// "Download PNG" of the current view without a screenshot library: the charts' SVGs are drawn onto a canvas
// at their on-screen positions, tables are painted cell by cell (background, text), headings as text.
import { useState } from "react";

const SCALE = 2;

async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.setAttribute("style", `font-family:${getComputedStyle(svg).fontFamily};font-size:12px`);
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  return image;
}

function paintText(ctx: CanvasRenderingContext2D, element: Element, x: number, y: number, width: number, height: number) {
  const style = getComputedStyle(element);
  const text = (element as HTMLElement).innerText?.trim();
  if (!text) return;
  ctx.fillStyle = style.color;
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.textBaseline = "middle";
  const align = style.textAlign === "right" || style.textAlign === "end" ? "right" : style.textAlign === "center" ? "center" : "left";
  ctx.textAlign = align;
  const lines = text.split("\n").filter(Boolean);
  const lineHeight = Math.min(height / Math.max(1, lines.length), parseFloat(style.fontSize) * 1.4);
  const tx = align === "right" ? x + width - 4 : align === "center" ? x + width / 2 : x + 4;
  lines.forEach((line, i) => ctx.fillText(line, tx, y + (height - lineHeight * lines.length) / 2 + lineHeight * (i + 0.5), width));
}

function paintBox(ctx: CanvasRenderingContext2D, element: Element, x: number, y: number, width: number, height: number) {
  const style = getComputedStyle(element);
  if (style.backgroundColor && style.backgroundColor !== "rgba(0, 0, 0, 0)" && style.backgroundColor !== "transparent") {
    ctx.fillStyle = style.backgroundColor;
    ctx.fillRect(x, y, width, height);
  }
  if (parseFloat(style.borderBottomWidth) > 0 || parseFloat(style.borderTopWidth) > 0) {
    ctx.strokeStyle = style.borderBottomColor;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  }
}

const HEADER = 44;

/** Paints the element's [data-png] panels into a PNG blob, under a header line (the view's title and period). */
export async function renderPng(root: HTMLElement, title: string): Promise<Blob> {
  const origin = root.getBoundingClientRect();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(origin.width * SCALE);
  canvas.height = Math.ceil((root.scrollHeight + HEADER) * SCALE);
  const ctx = canvas.getContext("2d")!;
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, origin.width, root.scrollHeight + HEADER);
  ctx.fillStyle = "#0f172a";
  ctx.font = `600 16px ${getComputedStyle(root).fontFamily}`;
  ctx.textBaseline = "middle";
  ctx.fillText(title, 4, HEADER / 2, origin.width - 8);
  ctx.translate(0, HEADER);
  const at = (element: Element) => {
    const r = element.getBoundingClientRect();
    return [r.left - origin.left, r.top - origin.top, r.width, r.height] as const;
  };
  const panels = root.matches("[data-png]") ? [root] : [...root.querySelectorAll<HTMLElement>("[data-png]")];
  for (const panel of panels) {
    paintBox(ctx, panel, ...at(panel));
    for (const box of panel.querySelectorAll("table th, table td, [data-png-box]")) paintBox(ctx, box, ...at(box));
    for (const text of panel.querySelectorAll("table th, table td, [data-png-text], h1, h2, h3, figcaption, .recharts-legend-item-text")) paintText(ctx, text, ...at(text));
    for (const svg of panel.querySelectorAll<SVGSVGElement>("svg.recharts-surface")) {
      const [x, y, w, h] = at(svg);
      ctx.drawImage(await svgImage(svg), x, y, w, h);
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("empty canvas"))), "image/png"));
}

export function ExportPngButton({ targetId, title, filename, label, failedLabel }: { targetId: string; title: string; filename: string; label: string; failedLabel: string }) {
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  return (
    <button
      type="button"
      data-testid="export-png"
      disabled={state === "busy"}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:text-slate-400"
      onClick={async () => {
        const root = document.getElementById(targetId);
        if (!root) return;
        setState("busy");
        try {
          const blob = await renderPng(root, title);
          const url = URL.createObjectURL(blob);
          const link = document.createElement("a");
          link.href = url;
          link.download = filename;
          link.click();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
          setState("idle");
        } catch (error) {
          console.error(error);
          setState("failed");
        }
      }}
    >
      {state === "failed" ? failedLabel : label}
    </button>
  );
}
