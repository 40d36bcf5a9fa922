// Translation outside React (API errors, CSV import reports, the CLI): same message files as the UI.
import { CATALOGS } from "./messages";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from "./locales";

export function translate(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = CATALOGS[locale] ?? CATALOGS[DEFAULT_LOCALE];
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") return key;
  return node.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function requestLocale(headers: Headers, preferred?: string | null): Locale {
  const cookie = headers.get("cookie")?.match(/(?:^|;\s*)opsmix-locale=([^;]+)/)?.[1];
  if (isLocale(cookie)) return cookie;
  if (isLocale(preferred)) return preferred;
  return localeFromAcceptLanguage(headers.get("accept-language"));
}
