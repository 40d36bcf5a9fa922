// A titled dashboard panel: a <section> the PNG export paints (data-png), with an optional caption and actions.
import type { ReactNode } from "react";

export function Panel({ id, title, caption, actions, children, testId, className = "" }: { id?: string; title: string; caption?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section id={id} aria-labelledby={headingId} data-png data-testid={testId} className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {actions ? <div className="flex flex-wrap gap-2 text-sm">{actions}</div> : null}
      </div>
      {caption ? (
        <p className="mb-3 text-xs text-slate-500" data-png-text>
          {caption}
        </p>
      ) : null}
      {children}
    </section>
  );
}

/** A plain data table: server-rendered, so table view and screen readers need no JavaScript. */
export function DataTable({ caption, head, rows, testId }: { caption: string; head: ReactNode[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            {head.map((cell, i) => (
              <th key={i} scope="col" className={`px-2 py-1.5 font-medium ${i > 0 ? "text-right" : ""}`}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="border-b border-slate-100 last:border-0">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-2 py-1.5 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="px-2 py-1.5 text-right tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
