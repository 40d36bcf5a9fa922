"use client";
// CSV import: upload with a progress bar, a tagged preview with line-numbered errors, then an all-or-nothing import.
import { useTranslations } from "next-intl";
import { useState } from "react";

interface Preview {
  encoding: "utf-8" | "gbk";
  rows: { line: number; date: string; email: string; text: string; minutes: number | null; role: string; stage: string }[];
  errors: { line: number; message: string }[];
  total: number;
  created?: number;
  skipped?: number;
}

function upload(url: string, file: File, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
      } catch {
        reject(new Error("bad response"));
      }
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

export function CsvImport({ teamSlug }: { teamSlug: string }) {
  const t = useTranslations();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/t/${teamSlug}/import/upload`;

  async function send(mode: "preview" | "commit", chosen: File) {
    setBusy(true);
    setError(null);
    setProgress(0);
    try {
      const { status, body } = await upload(`${base}?mode=${mode}`, chosen, setProgress);
      if (status >= 400 && !(body as Preview).rows) {
        setError((body as { error?: { message?: string } }).error?.message ?? t("errors.generic"));
        setPreview(null);
      } else setPreview(body as Preview);
    } catch {
      setError(t("errors.unavailable"));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("import.choose")}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="csv-file"
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              setPreview(null);
              if (chosen) void send("preview", chosen);
            }}
          />
        </label>
        <a href={`/t/${teamSlug}/import/template`} className="text-sm text-indigo-600 hover:underline">
          {t("import.template")}
        </a>
      </div>
      {busy ? (
        <div className="space-y-1" role="status">
          <div className="h-2 w-64 overflow-hidden rounded bg-slate-200">
            <div className="h-2 bg-indigo-500 transition-all" style={{ width: `${progress ?? 100}%` }} />
          </div>
          <p className="text-xs text-slate-500">{progress !== null && progress < 100 ? t("import.uploading", { percent: progress }) : t("import.checking")}</p>
        </div>
      ) : null}
      {error ? <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="import-error">{error}</p> : null}
      {preview ? (
        <div className="space-y-3">
          {preview.encoding === "gbk" ? <p className="text-xs text-slate-500">{t("import.readAsGbk")}</p> : null}
          {preview.created !== undefined ? (
            <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="import-done">
              {t("import.done", { created: preview.created, skipped: preview.skipped ?? 0 })}
            </p>
          ) : preview.errors.length > 0 ? (
            <div className="rounded-md border border-red-200 bg-red-50 p-3" data-testid="import-errors">
              <p className="mb-2 text-sm font-medium text-red-800">{t("import.errorsTitle", { count: preview.errors.length })}</p>
              <ul className="space-y-1 text-sm text-red-700">
                {preview.errors.slice(0, 100).map((e) => (
                  <li key={e.line}>
                    <span className="font-mono">{t("csv.line", { line: e.line })}</span>{e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <div className="space-y-2">
              <p className="text-sm font-medium">{t("import.previewTitle", { count: preview.rows.length })}</p>
              <div className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-white">
                <table className="min-w-full text-sm" data-testid="import-preview">
                  <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-600">
                    <tr>
                      {(["line", "date", "email", "text", "minutes", "tags"] as const).map((column) => (
                        <th key={column} scope="col" className={`px-2 py-1 font-medium${column === "minutes" ? " text-right" : ""}`}>
                          {t(`csv.columns.${column}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {preview.rows.slice(0, 200).map((row) => (
                      <tr key={row.line}>
                        <td className="px-2 py-1 font-mono text-xs text-slate-500">{row.line}</td>
                        <td className="px-2 py-1 text-slate-600">{row.date}</td>
                        <td className="px-2 py-1 text-slate-600">{row.email}</td>
                        <td className="px-2 py-1">{row.text}</td>
                        <td className="px-2 py-1 text-right tabular-nums text-slate-600">{row.minutes ?? "—"}</td>
                        <td className="whitespace-nowrap px-2 py-1 text-xs">
                          {t(`taxonomy.roles.${row.role}`)} · {t(`taxonomy.stages.${row.stage}`)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                disabled={busy || !file}
                onClick={() => file && send("commit", file)}
                className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white disabled:bg-indigo-300"
              >
                {t("import.commit", { count: preview.rows.length })}
              </button>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
