import { TEMPLATE_CSV } from "@/lib/activities/import";

export const dynamic = "force-static";

export function GET() {
  return new Response(TEMPLATE_CSV, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="opsmix-import-template.csv"' },
  });
}
