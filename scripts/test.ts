// `npm test`: the whole suite. A type check and the unit tests (side by side), a production build, then the
// Playwright end-to-end tests, all against the embedded database, or against PostgreSQL when DATABASE_URL is set.
import { spawn } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** Runs a step with its output shown as it comes. */
async function step(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<boolean> {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const ok = await new Promise<boolean>((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
  return ok;
}

/** Starts a step in the background with its output held back; awaiting the result prints it whole. */
function background(name: string, command: string, args: string[]): () => Promise<boolean> {
  const started = Date.now();
  let output = "";
  const child = spawn(command, args, { env });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const done = new Promise<boolean>((resolve) => {
    child.on("error", (error) => {
      output += String(error);
      resolve(false);
    });
    child.on("close", (code) => resolve(code === 0));
  });
  return async () => {
    const ok = await done;
    console.log(`\n=== ${name} (ran alongside the unit tests) ===`);
    if (output.trim()) console.log(output.trimEnd());
    console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
    return ok;
  };
}

async function main(): Promise<void> {
  const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
  console.log(`OpsMix test suite on ${database}`);

  const only = process.argv[2];
  const results: [string, boolean][] = [];
  if (!only || only === "unit") {
    // The type check needs no database and about one core: it runs while the unit tests do. CI runs the suite on
    // both databases and type-checks once (OPSMIX_SKIP_TYPECHECK=1 on its second run): the result cannot differ.
    const typecheck = process.env.OPSMIX_SKIP_TYPECHECK === "1" ? null : background("type check", "npx", ["tsc", "--noEmit", "-p", "."]);
    const unit = await step("unit tests", "npx", ["tsx", "scripts/unit-tests.ts"]);
    if (typecheck) results.push(["typecheck", await typecheck()]);
    else console.log("\n=== type check: skipped (OPSMIX_SKIP_TYPECHECK=1) ===");
    results.push(["unit", unit]);
  }
  if (!only || only === "e2e") {
    // The second run of CI (PostgreSQL) reuses the first run's build of the same sources.
    const built = await step("next build", "npx", ["tsx", "scripts/build-if-needed.ts"]);
    results.push(["build", built]);
    if (built) results.push(["e2e", await step("end-to-end tests (Playwright)", "npx", ["playwright", "test"])]);
    // Sign-in throttling once more against a server without TRUST_PROXY, as `npm start` runs with no proxy in front.
    if (built) results.push(["e2e direct", await step("sign-in throttling, TRUST_PROXY unset", "npx", ["playwright", "test", "e2e/security-throttling.spec.ts"], { E2E_DIRECT: "1" })]);
  }
  const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
  console.log(`\nSuites: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(", ")})` : ""}`);
  process.exit(failed.length ? 1 : 0);
}

void main();
