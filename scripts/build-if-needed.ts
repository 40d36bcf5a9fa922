// Builds the app unless the last build is of the same sources (a fingerprint kept in .next/opsmix-build).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const marker = path.join(root, ".next", "opsmix-build");

/** A fingerprint of everything the build reads, so a start after a pull rebuilds and others do not. */
export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith(".test.ts")) {
        const stat = statSync(full);
        hash.update(`${path.relative(root, full)}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["app", "components", "lib", "prisma"]) walk(path.join(root, dir));
  for (const file of ["next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "instrumentation.ts"]) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(`${file}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function isBuildCurrent(): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === sourceFingerprint();
}

/** Returns false when the build failed. */
export function buildIfNeeded(log: (message: string) => void = console.log): boolean {
  if (isBuildCurrent()) return true;
  log("OpsMix: building the app (first start or changed sources)…");
  const fingerprint = sourceFingerprint();
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) return false;
  writeFileSync(marker, fingerprint);
  return true;
}

if (require.main === module) process.exit(buildIfNeeded() ? 0 : 1);
