import { NextResponse } from "next/server";
import { analyseImport, commitImport, IMPORT_BYTES_MAX } from "@/lib/activities/import";
import { getViewer } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/api";
import { isSameOrigin } from "@/lib/http/same-origin";
import { requestLocale, translate } from "@/lib/i18n/translate";
import { findTeamAccess } from "@/lib/teams/access";

export const dynamic = "force-dynamic";

/** POST the CSV's bytes; ?mode=preview validates and tags (writes nothing), ?mode=commit imports all or nothing. */
export async function POST(request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const locale = requestLocale(request.headers);
  const fail = (status: number, key: string, values?: Record<string, string | number>) =>
    NextResponse.json({ error: { code: status === 404 ? "not_found" : "invalid", message: translate(locale, key, values) } }, { status });
  if (!isSameOrigin(request)) return fail(403, "errors.forbidden");
  const viewer = await getViewer();
  const access = viewer ? await findTeamAccess(viewer.id, team) : null;
  if (!viewer || !access) return fail(404, "errors.notFound");
  const mode = new URL(request.url).searchParams.get("mode");
  try {
    // Counted while reading, so a body without Content-Length cannot make the server buffer more than the limit.
    const bytes = await readBodyBytes(request, IMPORT_BYTES_MAX).catch((error) => {
      throw error instanceof DomainError ? new DomainError("payload_too_large", "import.errors.tooLarge") : error;
    });
    if (mode === "commit") {
      const result = await commitImport(access, bytes);
      return NextResponse.json(translateErrors(result, locale), { status: result.errors.length ? 400 : 200 });
    }
    const { keys: _keys, authorIds: _authors, tags: _tags, ...preview } = await analyseImport(access, bytes);
    return NextResponse.json(translateErrors(preview, locale));
  } catch (error) {
    if (error instanceof DomainError) {
      const values: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(error.details ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
      return fail(error.code === "payload_too_large" ? 413 : 400, error.messageKey, values);
    }
    throw error;
  }
}

function translateErrors<T extends { errors: { line: number; messageKey: string; values?: Record<string, string | number> }[] }>(result: T, locale: ReturnType<typeof requestLocale>) {
  return { ...result, errors: result.errors.map((e) => ({ line: e.line, message: translate(locale, e.messageKey, e.values) })) };
}
