import { NextResponse } from "next/server";
import { getTeamTagging } from "@/lib/activities/team-model";
import { apiHandler, readJsonBody } from "@/lib/http/api";
import { tagSchema } from "@/lib/contracts/api";
import { parseInput } from "@/lib/contracts/parse";

export const dynamic = "force-dynamic";

/** Tags text with the team's model without saving anything. */
export const POST = apiHandler(async ({ request, team }) => {
  const access = await team();
  const body = await readJsonBody(request);
  const parsed = parseInput(tagSchema(body), body);
  const many = "texts" in parsed;
  const tagging = await getTeamTagging(access.teamId);
  const results = (many ? parsed.texts : [parsed.text]).map((text) => {
    const tag = tagging.classify(text);
    return { text, role: tag.role, stage: tag.stage, confidence: tag.confidence, runnerUp: tag.runnerUp, needsReview: tag.needsReview, explanation: tag.explanation };
  });
  return NextResponse.json(many ? { results } : results[0]);
});
