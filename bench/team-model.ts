// Team-model rebuild benchmark: a team with --examples learned examples (default 10,000) whose model must be
// rebuilt (another instance changed a learned example). Measures the rebuild's wall time, the longest stall of the
// event loop while it runs (what any other request would wait), and how long requests for that team take meanwhile
// (they keep the previous model). Also a cold build (first use in a process) and one incremental learn.
//
//   node --conditions=react-server --import tsx bench/team-model.ts [--examples 10000] [--runs 3]
//
// Database: a throwaway database on DATABASE_URL's server when set (PostgreSQL), else an in-memory PGlite.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { baseTrainingExamples, getBaseModel } from "@/lib/tagging";

const { values: args } = parseArgs({ options: { examples: { type: "string", default: "10000" }, runs: { type: "string", default: "3" } } });
const EXAMPLES = Number(args.examples);
const RUNS = Number(args.runs);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Watches the event loop: the longest gap between 1 ms timer ticks while `work` runs. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stall: number; wall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const result = await work();
  const wall = performance.now() - started;
  clearInterval(timer);
  stall = Math.max(stall, performance.now() - last);
  return { result, stall, wall };
}

async function main(): Promise<void> {
  const { openTestDatabase } = await import("@/lib/reports/test-database");
  const database = await openTestDatabase();
  const { prisma } = await import("@/lib/db/client");
  const { getTeamTagging, settleTeamModel, forgetTeamModel } = await import("@/lib/activities/team-model");
  try {
    const started = performance.now();
    getBaseModel();
    console.log(`base model (once per process): ${ms(performance.now() - started)}`);

    const bank = baseTrainingExamples();
    const team = await prisma.team.create({ data: { slug: `bench-${Date.now().toString(36)}`, name: "Bench" }, select: { id: true } });
    const rows = Array.from({ length: EXAMPLES }, (_, i) => {
      const example = bank[(i * 7919) % bank.length]!;
      // Distinct texts, as a team's real entries are: the bank's wording with a running detail.
      return { teamId: team.id, text: `${example.text} ${i % 97}次`, role: example.role, stage: example.stage, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000) };
    });
    for (let i = 0; i < rows.length; i += 2000) await prisma.trainingExample.createMany({ data: rows.slice(i, i + 2000) });
    await prisma.team.update({ where: { id: team.id }, data: { modelVersion: EXAMPLES } });
    console.log(`team with ${EXAMPLES} learned examples`);

    const cold: number[] = [];
    const rebuildWall: number[] = [];
    const rebuildStall: number[] = [];
    const duringRequest: number[] = [];
    const learnOne: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      forgetTeamModel(team.id);
      const first = await longestStall(() => getTeamTagging(team.id));
      cold.push(first.wall);

      // Another instance changed a learned example: the version moves; this process rebuilds in the background.
      await prisma.team.update({ where: { id: team.id }, data: { modelVersion: { increment: 1 } } });
      const measured = await longestStall(async () => {
        const requests: number[] = [];
        const t0 = performance.now();
        const tagging = await getTeamTagging(team.id); // starts the rebuild, answers with the previous model
        tagging.classify("在B站直播讲课,观看1200人");
        requests.push(performance.now() - t0);
        const rebuild = settleTeamModel(team.id);
        // Requests keep coming while the rebuild runs.
        let done = false;
        void rebuild.then(() => (done = true));
        while (!done) {
          const t = performance.now();
          (await getTeamTagging(team.id)).classify("整理用户反馈23条提给产品");
          requests.push(performance.now() - t);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        return requests;
      });
      rebuildWall.push(measured.wall);
      rebuildStall.push(measured.stall);
      duringRequest.push(Math.max(...measured.result));
      if ((await getTeamTagging(team.id)).stale) throw new Error("model still stale after the rebuild");

      const model = getBaseModel().fork();
      const t = performance.now();
      model.learn({ text: "在B站直播讲课,观看1200人", role: "activity", stage: "activation" });
      learnOne.push(performance.now() - t);
    }
    console.log(`cold build on first use (request waits; event loop free): median ${ms(median(cold))} over ${RUNS} runs`);
    console.log(`background rebuild, ${EXAMPLES} examples: median wall ${ms(median(rebuildWall))}, longest event-loop stall ${ms(Math.max(...rebuildStall))}`);
    console.log(`slowest request for the team while rebuilding: ${ms(Math.max(...duringRequest))} (median over runs of the per-run max: ${ms(median(duringRequest))})`);
    console.log(`one incremental learn: median ${ms(median(learnOne))}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
