import { NextResponse } from "next/server";
import { analyseImport, commitImport, IMPORT_BYTES_MAX } from "@/lib/activities/import";
import { DomainError, Forbidden } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/api";
import { isSameOrigin } from "@/lib/http/same-origin";
import type { Locale } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import { teamRoute } from "@/lib/teams/context";

export const dynamic = "force-dynamic";

/** POST the CSV's bytes; ?mode=preview validates and tags (writes nothing), ?mode=commit imports all or nothing. */
export const POST = teamRoute(async ({ request, access, locale }) => {
  if (!isSameOrigin(request)) throw new Forbidden();
  const mode = new URL(request.url).searchParams.get("mode");
  // Counted while reading, so a body without Content-Length cannot make the server buffer more than the limit.
  const bytes = await readBodyBytes(request, IMPORT_BYTES_MAX).catch((error) => {
    throw error instanceof DomainError ? new DomainError("payload_too_large", "import.errors.tooLarge") : error;
  });
  if (mode === "commit") {
    const result = await commitImport(access, bytes, locale);
    return NextResponse.json(translateErrors(result, locale), { status: result.errors.length ? 400 : 200 });
  }
  const { keys: _keys, authorIds: _authors, tags: _tags, ...preview } = await analyseImport(access, bytes, locale);
  return NextResponse.json(translateErrors(preview, locale));
});

function translateErrors<T extends { errors: { line: number; messageKey: string; values?: Record<string, string | number> }[] }>(result: T, locale: Locale) {
  return { ...result, errors: result.errors.map((e) => ({ line: e.line, message: translate(locale, e.messageKey, e.values) })) };
}
