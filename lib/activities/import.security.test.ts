// A CSV preview tags up to 50,000 rows: it must share the event loop with everyone else's requests instead of
// holding it for the whole file. Counted in event-loop turns, not milliseconds (speed lives in bench/).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { prisma } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/reports/test-database";
import type { TeamAccess } from "@/lib/teams/access";
import { analyseImport, IMPORT_YIELD_ROWS } from "./import";

let database: { close(): Promise<void> };

before(async () => {
  database = await openTestDatabase();
});

after(async () => {
  await database.close();
});

describe("CSV preview", () => {
  it("lets other work run while it tags a large file", async () => {
    const team = await prisma.team.create({ data: { slug: `import-${randomUUID().slice(0, 8)}`, name: "Import" } });
    const email = `importer-${randomUUID().slice(0, 8)}@example.test`;
    const user = await prisma.user.create({ data: { email, name: "Importer", passwordHash: "x" } });
    await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "manager" } });
    const access: TeamAccess = { teamId: team.id, slug: team.slug, name: team.name, timeZone: team.timeZone, role: "manager", userId: user.id };
    const rows = 20_000;
    const lines = ["date,email,text,minutes"];
    for (let i = 0; i < rows; i++) lines.push(`2026-11-${String((i % 28) + 1).padStart(2, "0")},${email},回复社区帖子${i}条 and wrote the weekly newsletter,30`);
    const bytes = new TextEncoder().encode(lines.join("\n"));

    // Turns of the event loop the analysis let through, counted only once tagging is under way (the first rows
    // are tagged right after the last database read, so turns taken by the reads are left out by the baseline).
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const result = await analyseImport(access, bytes);
    running = false;
    assert.equal(result.rows.length, rows);
    assert.ok(turns >= rows / IMPORT_YIELD_ROWS, `only ${turns} event-loop turns while tagging ${rows} rows`);
  });
});
