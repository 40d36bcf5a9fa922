// How many statements one single-entry POST /api/v1/activities sends to the database, counted at the driver
// (node-postgres), on a throwaway in-memory database: the handler is called in-process, as Next would call it.
// Usage: npx tsx --conditions=react-server bench/write-queries.ts   (prints one JSON line)
import pg from "pg";
import { openTestDatabase } from "../lib/reports/test-database";

let counting = false;
let statements = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) statements++;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;

async function main() {
  const database = await openTestDatabase();
  try {
    const { prisma } = await import("../lib/db/client");
    const { createApiToken } = await import("../lib/auth/api-tokens");
    const { POST } = await import("../app/api/v1/activities/route");
    const user = await prisma.user.create({ data: { email: "bench@example.test", name: "Bench", passwordHash: "x" }, select: { id: true } });
    const team = await prisma.team.create({ data: { slug: "bench", name: "Bench" }, select: { id: true } });
    await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
    const { token } = await createApiToken(user.id, "bench");
    const post = (n: number) =>
      POST(
        new Request("http://localhost/api/v1/activities?team=bench", {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `k${n}` },
          body: JSON.stringify({ text: `回复社区帖子${n}条`, minutes: 30 }),
        }),
        { params: Promise.resolve({}) } as never,
      );
    // The first write warms the team's model and stamps the token; the rest are the steady state.
    for (let n = 0; n < 3; n++) if ((await post(n)).status !== 201) throw new Error("write refused");
    const perWrite: number[] = [];
    for (let n = 3; n < 13; n++) {
      statements = 0;
      counting = true;
      const response = await post(n);
      counting = false;
      if (response.status !== 201) throw new Error(`write refused: ${response.status}`);
      perWrite.push(statements);
    }
    console.log(JSON.stringify({ statementsPerWrite: perWrite }));
  } finally {
    const { disconnectPrisma } = await import("../lib/db/client");
    await disconnectPrisma();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
