// Import listing between lib/ folders (tests left out): which folder builds on which. lib/teams builds on lib/auth
// (the session, accounts), so lib/auth must never import lib/teams; no new two-way pair may appear either.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

const LIB = path.join(__dirname);
const IMPORT = /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** folder → folder it imports → the files that do. */
function folderImports(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
        continue;
      }
      if (!/\.tsx?$/.test(entry.name) || entry.name.endsWith(".test.ts")) continue;
      const file = path.relative(LIB, full);
      const from = file.includes(path.sep) ? file.split(path.sep)[0]! : "(lib)";
      for (const match of readFileSync(full, "utf8").matchAll(IMPORT)) {
        const target = match[1] ?? match[2]!;
        let resolved: string;
        if (target.startsWith("@/lib/")) resolved = target.slice("@/lib/".length);
        else if (target.startsWith(".")) resolved = path.relative(LIB, path.resolve(path.dirname(full), target));
        else continue;
        const to = resolved.includes("/") ? resolved.split("/")[0]! : "(lib)";
        if (to === from) continue;
        const edges = graph.get(from) ?? new Map<string, string[]>();
        graph.set(from, edges);
        edges.set(to, [...(edges.get(to) ?? []), file]);
      }
    }
  };
  walk(LIB);
  return graph;
}

/** Two-way pairs that predate this check, to untangle; a new one fails. */
const KNOWN_TWO_WAY = new Set(["auth<>http", "http<>teams", "jobs<>rhythm"]);

describe("imports between lib/ folders", () => {
  const graph = folderImports();

  it("lib/auth imports nothing from lib/teams (teams build on accounts)", () => {
    assert.deepEqual(graph.get("auth")?.get("teams") ?? [], []);
    assert.ok((graph.get("teams")?.get("auth") ?? []).length > 0, "the listing sees lib/teams → lib/auth");
  });

  it("no other pair of folders imports both ways", () => {
    const pairs: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, files] of edges) {
        const back = graph.get(to)?.get(from);
        if (back && from < to && !KNOWN_TWO_WAY.has(`${from}<>${to}`)) pairs.push(`${from} → ${to} (${files.join(", ")}) and back (${back.join(", ")})`);
      }
    }
    assert.deepEqual(pairs, []);
  });
});
