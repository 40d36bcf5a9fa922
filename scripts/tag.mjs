// `npm run tag`: runs scripts/tag.ts as one esbuild bundle, cached under node_modules/.cache/opsmix/tag-cli and
// rebuilt whenever a content hash of what went into it changes (every bundled source file, the listings of their
// directories, tsconfig.json, package.json, esbuild's version and this file). Through tsx a run spent about 0.3
// CPU-s starting (tsx's loader thread and transforms) and read every imported binding through a getter on the hot
// path; the bundle starts in about 0.15 CPU-s and writes the same bytes. Plain JavaScript, so Node runs it as it is.
// Without esbuild or a writable cache (or with OPSMIX_TAG_BUNDLE=off) it runs `node --import tsx scripts/tag.ts`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "..");
const entry = path.join(root, "scripts", "tag.ts");
const require = createRequire(self);

/** Runs the CLI through tsx in a child process (the way `npm run tag` ran before), exiting with its code. */
function viaTsx() {
  const child = spawnSync(process.execPath, ["--import", "tsx", entry, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status ?? 2);
}

function cacheDirectory() {
  const env = process.env.OPSMIX_TAG_BUNDLE;
  if (env === "off" || env === "0") return null;
  return env ? path.resolve(env) : path.join(root, "node_modules", ".cache", "opsmix", "tag-cli");
}

/** tsx's own esbuild (tsx is a dependency of the app, esbuild one of tsx), or null. */
function esbuildRequire() {
  try {
    return createRequire(require.resolve("tsx"));
  } catch {
    return null;
  }
}

/** The hash a bundle of `inputs` (paths relative to root) is kept under; null when one of them cannot be read. */
function bundleKey(inputs, version) {
  const hash = createHash("sha256");
  hash.update(`opsmix-tag-cli/1\0${root}\0${version}\0`);
  try {
    hash.update(readFileSync(self));
    for (const file of ["tsconfig.json", "package.json"]) hash.update(readFileSync(path.join(root, file)));
    const dirs = new Set();
    for (const input of inputs) {
      hash.update(`\0${input}\0`);
      hash.update(readFileSync(path.join(root, input)));
      dirs.add(path.dirname(input));
    }
    // A new file beside a bundled one could change what an import resolves to.
    for (const dir of [...dirs].sort()) hash.update(`\0${dir}/\0${readdirSync(path.join(root, dir)).sort().join("\0")}`);
  } catch {
    return null;
  }
  return hash.digest("hex");
}

/**
 * Each module's own directory as its __dirname (a bundle has one __dirname, its own file's): the engine finds its
 * data, its sources (the model cache's key) and jieba's dictionary beside itself, as when run from source.
 */
const ownDirname = {
  name: "own-dirname",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      return { contents: source.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: "ts" };
    });
  },
};

/** Builds the bundle with `esbuild` (of `version`) into `dir`; returns it, or null when it could not be written. */
async function build(esbuild, version, dir) {
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, platform: "node", format: "cjs", write: false, metafile: true,
    absWorkingDir: root, logLevel: "silent", plugins: [ownDirname],
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const key = bundleKey(inputs, version);
  if (key === null) return null;
  const file = path.join(dir, `tag-${key.slice(0, 32)}.cjs`);
  const code = result.outputFiles[0].contents;
  const temp = `.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file + temp, code);
    renameSync(file + temp, file);
    const manifest = path.join(dir, "manifest.json");
    const digest = createHash("sha256").update(code).digest("hex");
    writeFileSync(manifest + temp, JSON.stringify({ key, inputs, bundle: digest }));
    renameSync(manifest + temp, manifest);
  } catch {
    for (const f of [file + temp, path.join(dir, "manifest.json") + temp]) {
      try {
        unlinkSync(f);
      } catch {
        // not written
      }
    }
    return null;
  }
  for (const name of readdirSync(dir)) {
    if (name.startsWith("tag-") && name.endsWith(".cjs") && path.join(dir, name) !== file) {
      try {
        unlinkSync(path.join(dir, name));
      } catch {
        // another process removed it first
      }
    }
  }
  return { file, code };
}

/** The cached bundle's code when it is current and whole, else null. */
function current(dir, version) {
  try {
    const { key, inputs, bundle } = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    if (typeof key !== "string" || !Array.isArray(inputs) || bundleKey(inputs, version) !== key) return null;
    const file = path.join(dir, `tag-${key.slice(0, 32)}.cjs`);
    const code = readFileSync(file);
    return createHash("sha256").update(code).digest("hex") === bundle ? { file, code } : null;
  } catch {
    return null;
  }
}

/** esbuild's version, read from its package.json (loading esbuild itself costs more than the rest of a start). */
function esbuildVersion(from) {
  try {
    return JSON.parse(readFileSync(from.resolve("esbuild/package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

const dir = cacheDirectory();
const fromTsx = dir === null ? null : esbuildRequire();
const version = fromTsx === null ? null : esbuildVersion(fromTsx);
let bundle = version === null ? null : current(dir, version);
if (bundle === null && version !== null) {
  bundle = await build(fromTsx("esbuild"), version, dir).catch(() => null);
}
if (bundle === null) viaTsx();
else {
  // The bytes just checked (or built), compiled as the CommonJS module they are.
  const module = new Module(bundle.file);
  module.filename = bundle.file;
  module.paths = Module._nodeModulePaths(path.dirname(bundle.file));
  module._compile(Buffer.from(bundle.code).toString("utf8"), bundle.file);
}
