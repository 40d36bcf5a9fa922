import { NextResponse } from "next/server";
import { createActivities, type NewActivityInput } from "@/lib/activities/mutations";
import { listActivities, parseActivityFilters } from "@/lib/activities/queries";
import { apiHandler, readJsonBody } from "@/lib/http/api";
import { Invalid } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async ({ request, team }) => {
  const access = await team();
  const result = await listActivities(access, parseActivityFilters(new URL(request.url).searchParams));
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});

function pickActivity(value: unknown): NewActivityInput {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Invalid("errors.textRequired");
  // Only these fields are read: teamId, authorId, role and friends in the body are ignored.
  const { text, date, minutes } = value as Record<string, unknown>;
  return { text, date, minutes };
}

export const POST = apiHandler(async ({ request, team, user }) => {
  const access = await team();
  const body = await readJsonBody(request);
  const many = typeof body === "object" && body !== null && "activities" in body;
  const rawItems = many ? (body as { activities: unknown }).activities : [body];
  if (!Array.isArray(rawItems)) throw new Invalid("errors.textRequired");
  const { activities, replayed } = await createActivities(access, rawItems.map(pickActivity), {
    idempotencyKey: request.headers.get("idempotency-key"),
    author: { name: user.name, email: user.email },
  });
  return NextResponse.json({ activities }, { status: replayed ? 200 : 201 });
});
