"use client";
// The drafted report, editable before sharing: one draft per paste format (飞书汇报, 钉钉日志, 企业微信汇报, Markdown,
// plain text). Edits are kept per format while the page is open; "back to the draft" drops them.
import { useTranslations } from "next-intl";
import { useState } from "react";

const FORMATS = ["feishu", "dingtalk", "wecom", "markdown", "plain"] as const;
type Format = (typeof FORMATS)[number];

export function ReportDraft({ drafts, initialFormat }: { drafts: Record<Format, string>; initialFormat: Format }) {
  const t = useTranslations("rhythm.page");
  const [format, setFormat] = useState<Format>(initialFormat);
  const [edits, setEdits] = useState<Partial<Record<Format, string>>>({});
  const [status, setStatus] = useState<"copied" | "copyFailed" | null>(null);
  const text = edits[format] ?? drafts[format];
  const edited = edits[format] !== undefined && edits[format] !== drafts[format];

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("copyFailed");
    }
  }

  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t("format")}</span>
          <select
            value={format}
            onChange={(event) => {
              setFormat(event.target.value as Format);
              setStatus(null);
            }}
            className="rounded-md border border-slate-300 px-2 py-1"
            data-testid="report-format"
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={copy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-white hover:bg-indigo-700">
          {t("copy")}
        </button>
        <button
          type="button"
          disabled={!edited}
          onClick={() => setEdits(({ [format]: _dropped, ...rest }) => rest)}
          className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-40"
        >
          {t("reset")}
        </button>
        <span role="status" className="text-slate-600" data-testid="report-copy-status">
          {status ? t(status) : ""}
        </span>
      </div>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("draft")}</span>
        <textarea
          value={text}
          onChange={(event) => {
            setEdits((current) => ({ ...current, [format]: event.target.value }));
            setStatus(null);
          }}
          rows={Math.min(40, Math.max(12, text.split("\n").length + 1))}
          spellCheck={false}
          className="w-full rounded-md border border-slate-300 p-3 font-mono text-sm"
          data-testid="report-text"
        />
      </label>
      {edited ? <p className="text-xs text-slate-500">{t("edited")}</p> : null}
    </section>
  );
}
