"use client";
// The comment box: plain text with its length limit shown, so nobody writes a page and loses it to an error.
import { useTranslations } from "next-intl";
import { COMMENT_MAX } from "@/lib/comments/limits";

export function CommentTextarea({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled?: boolean }) {
  const t = useTranslations("comments");
  return (
    <label className="block">
      <span className="sr-only">{t("label")}</span>
      <textarea
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        rows={3}
        placeholder={t("placeholder", { max: COMMENT_MAX })}
        className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        data-testid="comment-input"
      />
      <span className={`block text-right text-xs ${value.length > COMMENT_MAX ? "text-red-700" : "text-slate-500"}`}>
        {value.length}/{COMMENT_MAX}
      </span>
    </label>
  );
}
