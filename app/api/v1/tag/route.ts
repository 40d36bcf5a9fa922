import { NextResponse } from "next/server";
import { normaliseActivityText, BATCH_MAX } from "@/lib/activities/rules";
import { getTeamTagging } from "@/lib/activities/team-model";
import { apiHandler, readJsonBody } from "@/lib/http/api";
import { Invalid } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Tags text with the team's model without saving anything. */
export const POST = apiHandler(async ({ request, team }) => {
  const access = await team();
  const body = (await readJsonBody(request)) as Record<string, unknown> | null;
  if (typeof body !== "object" || body === null) throw new Invalid("errors.textRequired");
  const many = Array.isArray(body.texts);
  const texts = many ? (body.texts as unknown[]) : [body.text];
  if (texts.length === 0) throw new Invalid("errors.textRequired");
  if (texts.length > BATCH_MAX) throw new Invalid("errors.tooManyEntries", { max: BATCH_MAX });
  const tagging = await getTeamTagging(access.teamId);
  const results = texts.map((raw, index) => {
    let text: string;
    try {
      text = normaliseActivityText(raw);
    } catch (error) {
      if (error instanceof Invalid && many) throw new Invalid(error.messageKey, { ...error.details, index });
      throw error;
    }
    const tag = tagging.classify(text);
    return { text, role: tag.role, stage: tag.stage, confidence: tag.confidence, runnerUp: tag.runnerUp, needsReview: tag.needsReview, explanation: tag.explanation };
  });
  return NextResponse.json(many ? { results } : results[0]);
});
