// Translation outside React (API errors, CSV import reports, exports, the CLI): next-intl's own translator (its core, use-intl, which needs no React) over the
// same message files as the UI, so ICU plurals and selects read the same on the server as in the browser.
import { createTranslator } from "use-intl/core";
import { CATALOGS } from "./messages";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from "./locales";

type Values = Record<string, string | number>;

let formatFailed = false;
const translators = new Map<Locale, (key: string, values?: Values) => string>();

function translatorFor(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    const translator = createTranslator({
      locale,
      messages: (CATALOGS[locale] ?? CATALOGS[DEFAULT_LOCALE]) as Record<string, unknown>,
      // A missing value is reported here; translate() then fills what it can instead of showing the key.
      onError: () => {
        formatFailed = true;
      },
      getMessageFallback: ({ key, namespace }) => (namespace ? `${namespace}.${key}` : key),
    });
    t = (key, values) => (translator as unknown as (k: string, v?: Values) => string)(key, values);
    translators.set(locale, t);
  }
  return t;
}

function rawMessage(locale: Locale, key: string): string | null {
  let node: unknown = CATALOGS[locale] ?? CATALOGS[DEFAULT_LOCALE];
  for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : null;
}

/** The message `key` in `locale`, formatted with `values` (ICU: plurals, selects). An unknown key comes back as itself. */
export function translate(locale: Locale, key: string, values: Values = {}): string {
  const raw = rawMessage(locale, key);
  if (raw === null) return key;
  formatFailed = false;
  const text = translatorFor(locale)(key, values);
  if (!formatFailed) return text;
  // A value the caller did not pass: keep the sentence readable with what it did pass.
  return raw.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function requestLocale(headers: Headers, preferred?: string | null): Locale {
  const cookie = headers.get("cookie")?.match(/(?:^|;\s*)opsmix-locale=([^;]+)/)?.[1];
  if (isLocale(cookie)) return cookie;
  if (isLocale(preferred)) return preferred;
  return localeFromAcceptLanguage(headers.get("accept-language"));
}
