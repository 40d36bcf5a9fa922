// Runs every *.test.ts under lib/ and scripts/ with node's test runner (Node 20 has no glob for --test), each file in
// its own process, two files at a time on two or more cores (UNIT_CONCURRENCY overrides). Each file that needs a
// database opens its own (an in-memory PGlite on its own port, or a throwaway database on DATABASE_URL's server), so
// files never share state. Most of a file's time is CPU (PGlite's WebAssembly, tsx, the tagging model), so one file
// at a time left a core idle: on a quiet 2-core machine the PGlite unit tests took 215 s.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";

function findTests(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, found);
    else if (entry.name.endsWith(".test.ts")) found.push(full);
  }
  return found;
}

const filter = process.argv.slice(2);
const files = ["lib", "scripts"]
  .flatMap((dir) => findTests(dir))
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort()
  // Larger files first (a rough proxy for the slow ones, e.g. lib/db/backup.test.ts), so that no long file starts
  // last and runs alone at the end; files of one size stay in name order.
  .sort((a, b) => statSync(b).size - statSync(a).size);
const concurrency = Number(process.env.UNIT_CONCURRENCY) || Math.min(2, availableParallelism());
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
process.exit(result.status ?? 1);
