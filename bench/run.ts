// `npm run bench`: every benchmark in turn, printing medians. Figures go to bench/RESULTS.md by hand, with the machine.
import { spawnSync } from "node:child_process";

const SUITES = [
  ["tagging engine", ["bench/tagging.ts"]],
  ["logging (import + API)", ["bench/logging.ts"]],
  ["dashboards", ["bench/dashboard.ts"]],
  ["team model rebuild", ["bench/team-model.ts"]],
] as const;

let failed = 0;
for (const [name, script] of SUITES) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", ...script], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
