// `npm test`: the whole suite. Unit tests, a production build, then the Playwright end-to-end tests,
// all against the embedded database, or against PostgreSQL when DATABASE_URL is set.
import { spawnSync } from "node:child_process";

function step(name: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} (${seconds} s) ===`);
  return ok;
}

const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
console.log(`OpsMix test suite on ${database}`);

const only = process.argv[2];
const results: [string, boolean][] = [];
if (!only || only === "unit") {
  results.push(["typecheck", step("type check", "npx", ["tsc", "--noEmit", "-p", "."])]);
  results.push(["unit", step("unit tests", "npx", ["tsx", "scripts/unit-tests.ts"])]);
}
if (!only || only === "e2e") {
  // The second run of CI (PostgreSQL) reuses the first run's build of the same sources.
  const built = step("next build", "npx", ["tsx", "scripts/build-if-needed.ts"]);
  results.push(["build", built]);
  if (built) results.push(["e2e", step("end-to-end tests (Playwright)", "npx", ["playwright", "test"])]);
}
const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
console.log(`\nSuites: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(", ")})` : ""}`);
process.exit(failed.length ? 1 : 0);
