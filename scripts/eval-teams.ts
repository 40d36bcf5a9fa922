// `npm run -s eval -- --teams DIR`: does a team's model learn its house rule? Per team of DIR (<team>.corrections.jsonl
// and <team>.later.jsonl, format in ../shared/eval/teams/README.md), its later entries are tagged cold and after 5, 10
// and 30 of its own corrections. Prints aggregate scores only, never the texts (the shared teams/ sets are held out).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getBaseModel, type LabelledExample } from "../lib/tagging";
import { parseLabelledLines } from "../lib/tagging/jsonl";

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run -s eval -- --teams DIR\n`);
  process.exit(2);
}

function readLabelled(path: string): LabelledExample[] {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseLabelledLines(content, (line, error) => process.stderr.write(`${path}:${line}: skipped: ${error}\n`));
}

/**
 * `--teams DIR`: per team, its later entries tagged cold and after learning its first 5, 10 and 30 corrections (in
 * file order, through learn() as a user's correction goes). Convention entries count when role and stage both follow
 * the team's label; ordinary entries when both match GUIDE.md. Only aggregates are printed.
 */
export function teamsReport(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".corrections.jsonl")).map((f) => f.slice(0, -".corrections.jsonl".length));
  } catch (error) {
    fail(`cannot read ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) fail(`${dir} holds no <team>.corrections.jsonl`);
  const base = getBaseModel();
  const steps = [0, 5, 10, 30];
  const totals = steps.map(() => ({ convention: 0, conventionOf: 0, ordinary: 0, ordinaryOf: 0, roleOnly: 0 }));
  console.log(`team conventions in ${dir}: later entries that follow the team's call (convention) / GUIDE.md (ordinary)`);
  console.log(`team          ${steps.map((k) => `after ${String(k).padStart(2)}`.padEnd(26)).join("")}`);
  for (const name of names.sort()) {
    const corrections = readLabelled(join(dir, `${name}.corrections.jsonl`));
    const later = readLabelled(join(dir, `${name}.later.jsonl`));
    const convention = readFileSync(join(dir, `${name}.later.jsonl`), "utf8").split(/\r?\n/).filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { convention?: unknown }).convention === true);
    if (convention.length !== later.length) fail(`${name}.later.jsonl: every line needs text, role and stage`);
    const cells = steps.map((k, s) => {
      const model = base.fork();
      for (const e of corrections.slice(0, k)) model.learn(e);
      let conv = 0, convOf = 0, ord = 0, ordOf = 0, role = 0;
      later.forEach((e, i) => {
        const r = model.classify(e.text);
        const right = r.role === e.role && r.stage === e.stage;
        if (convention[i]) {
          convOf++;
          if (right) conv++;
          if (r.role === e.role) role++;
        } else {
          ordOf++;
          if (right) ord++;
        }
      });
      const t = totals[s];
      t.convention += conv; t.conventionOf += convOf; t.ordinary += ord; t.ordinaryOf += ordOf; t.roleOnly += role;
      return `conv ${conv}/${convOf} ord ${ord}/${ordOf}`.padEnd(26);
    });
    console.log(`${name.padEnd(14)}${cells.join("")}`);
  }
  const pct = (a: number, b: number) => `${((a / Math.max(1, b)) * 100).toFixed(0)}%`;
  console.log(`${"all".padEnd(14)}${totals.map((t) => `conv ${pct(t.convention, t.conventionOf)} ord ${pct(t.ordinary, t.ordinaryOf)}`.padEnd(26)).join("")}`);
  console.log(`convention share counts role and stage both right (role alone: ${totals.map((t) => pct(t.roleOnly, t.conventionOf)).join(" / ")})`);
}
