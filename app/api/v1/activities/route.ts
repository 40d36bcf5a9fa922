import { NextResponse } from "next/server";
import { createActivities } from "@/lib/activities/mutations";
import { listActivities, parseActivityFilters } from "@/lib/activities/queries";
import { apiHandler, readJsonBody } from "@/lib/http/api";
import { createActivitiesSchema } from "@/lib/contracts/api";
import { parseInput } from "@/lib/contracts/parse";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async ({ request, team }) => {
  const access = await team();
  const result = await listActivities(access, parseActivityFilters(new URL(request.url).searchParams));
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});

export const POST = apiHandler(async ({ request, team, user }) => {
  const access = await team();
  const body = await readJsonBody(request);
  // Only the contract's fields are read: teamId, authorId, role and friends in the body are dropped.
  const parsed = parseInput(createActivitiesSchema(body), body);
  const items = "activities" in parsed ? parsed.activities : [parsed];
  const { activities, replayed } = await createActivities(access, items, {
    idempotencyKey: request.headers.get("idempotency-key"),
    author: { name: user.name, email: user.email },
  });
  // no-transform: a write's answer is a row or two of JSON, cheaper to send as is than to gzip on every write.
  return NextResponse.json({ activities }, { status: replayed ? 200 : 201, headers: { "Cache-Control": "no-store, no-transform" } });
});
