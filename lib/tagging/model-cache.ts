// The built base model cached on disk, so a process loads it (typed arrays over one file read, a few ms) instead of
// training it again (1.5–4 s). The file is keyed by a content hash of everything the model is built from: the training
// examples (data files by their bytes), the taxonomy, the build options, jieba's dictionary, the tagging sources and
// the running build code.
// A file that is missing, stale, truncated or corrupt (CRC-32) is ignored and the model is built and written again;
// files are written to a temporary name and renamed into place, so a reader never sees half a file.
import { createHash } from "node:crypto";
import {
  closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { type BaseModel, buildBaseModel, type BuildOptions, type TrainingExample } from "./base-model";
import { featurize } from "./featurizer";
import { tokenize } from "./features";
import { bagSeeds, trainOne, trainSoftmax } from "./linear";
import { ExampleIndex } from "./similarity";
import { ROLES, STAGES } from "./taxonomy";
import { Vocabulary } from "./vocabulary";
import { chineseWords } from "./zh-words";

/** Bump when the file layout changes. */
const FORMAT = "opsmix-base-model/2";
const MAGIC = "OPSMIXBM";
/** Cache files kept per directory (newest first); older ones are removed when a new one is written. */
const KEEP = 4;
const PREFIX = "base-model-";
const SUFFIX = ".bin";

/** The directory of the tagging sources when this module runs from them (tsx), else from the working directory. */
function sourceDirectory(): { dir: string; beside: boolean } | null {
  const beside = path.resolve(/*turbopackIgnore: true*/ __dirname);
  if (existsSync(path.join(beside, "base-model.ts"))) return { dir: beside, beside: true };
  const fromCwd = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib", "tagging");
  if (existsSync(path.join(fromCwd, "base-model.ts"))) return { dir: fromCwd, beside: false };
  return null;
}

/**
 * Content hash of the tagging engine's source files under `dir` (every *.ts but the tests, recursively, with their
 * relative paths): any edit to the engine, its taxonomy or its example bank changes it.
 */
export function sourceFingerprint(dir: string): string {
  const hash = createHash("sha256");
  const walk = (at: string, rel: string) => {
    for (const name of readdirSync(/*turbopackIgnore: true*/ at).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const full = path.join(at, name);
      const relative = rel ? `${rel}/${name}` : name;
      if (statSync(/*turbopackIgnore: true*/ full).isDirectory()) walk(full, relative);
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) {
        hash.update(`${relative}\0`);
        hash.update(readFileSync(/*turbopackIgnore: true*/ full));
        hash.update("\0");
      }
    }
  };
  walk(dir, "");
  return hash.digest("hex");
}

/**
 * What the running code is, beyond its source files: the build code itself as this process compiled it (so a bundle
 * and the sources, or two bundles, never share a file), a Next.js build's id, the Node.js version.
 */
function runningCodeFingerprint(source: { dir: string; beside: boolean } | null): string {
  const hash = createHash("sha256");
  hash.update(FORMAT);
  hash.update(process.version);
  for (const code of [buildBaseModel, featurize, tokenize, trainSoftmax, trainOne, bagSeeds, chineseWords, ExampleIndex, Vocabulary]) {
    hash.update(String(code));
  }
  // Inside a Next.js server the code is a build of the sources, which may since have changed: its id tells builds apart.
  if (process.env.NEXT_RUNTIME || source === null || !source.beside) {
    try {
      hash.update(readFileSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), ".next", "BUILD_ID")));
    } catch {
      // not a Next.js build: the running code's text above identifies it
    }
  }
  return hash.digest("hex");
}

/** Taken when this module loads, next to when the engine's modules are compiled (a later edit changes the next key). */
const SOURCE = sourceDirectory();
const SOURCES = SOURCE === null ? null : sourceFingerprint(SOURCE.dir);
const RUNNING = runningCodeFingerprint(SOURCE);

function dictionaryStamp(): string {
  for (const file of [
    path.resolve(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@node-rs", "jieba", "dict.txt"),
    path.resolve(/*turbopackIgnore: true*/ __dirname, "..", "..", "node_modules", "@node-rs", "jieba", "dict.txt"),
  ]) {
    try {
      const s = statSync(/*turbopackIgnore: true*/ file);
      return `${file}\0${s.size}\0${s.mtimeMs}`;
    } catch {
      // try the next place (zh-words.ts looks in the same two)
    }
  }
  return "none";
}

/**
 * What a base model is trained on: examples in memory, then (optionally) examples read from files, known by a
 * fingerprint of the files' bytes and parsed only when the model has to be built (examples/data-files.ts).
 */
export interface TrainingSet {
  examples: readonly TrainingExample[];
  files?: { fingerprint: string; read: () => readonly TrainingExample[] };
}

function asTrainingSet(training: readonly TrainingExample[] | TrainingSet): TrainingSet {
  return "examples" in training ? training : { examples: training as readonly TrainingExample[] };
}

/** Every example of a training set, in training order. */
function allExamples({ examples, files }: TrainingSet): readonly TrainingExample[] {
  return files === undefined ? examples : [...examples, ...files.read()];
}

/**
 * The cache key of a base model built from `training` with `options`: null when the engine's sources cannot be
 * found (then nothing is cached). `sources` overrides the source fingerprint (tests).
 */
export function cacheKey(
  training: readonly TrainingExample[] | TrainingSet, options: BuildOptions, sources: string | null = SOURCES,
): string | null {
  if (sources === null) return null;
  const { examples, files } = asTrainingSet(training);
  const hash = createHash("sha256");
  hash.update(`${RUNNING}\0${sources}\0${dictionaryStamp()}\0`);
  hash.update(JSON.stringify(options));
  hash.update(JSON.stringify({ ROLES, STAGES }));
  const parts: string[] = [];
  for (const e of examples) parts.push(`${e.text}\u0001${e.role}\u0001${e.stage}\u0001${e.weight ?? ""}${e.augment === true ? "\u0001a" : ""}${e.stageShare !== undefined ? `\u0001s${e.stageShare}` : ""}`);
  hash.update(`${examples.length}\u0003`);
  hash.update(parts.join("\u0002"));
  if (files !== undefined) hash.update(`\u0004${files.fingerprint}`);
  return hash.digest("hex");
}

/** Where cache files go: OPSMIX_MODEL_CACHE (a directory, or "off"), node_modules/.cache/opsmix, else the OS temp dir. */
export function defaultCacheDirectory(): string | null {
  const env = process.env.OPSMIX_MODEL_CACHE;
  if (env === "off" || env === "0") return null;
  if (env) return path.resolve(env);
  const roots = [SOURCE !== null && SOURCE.beside ? path.resolve(SOURCE.dir, "..", "..") : null, process.cwd()];
  for (const root of roots) {
    if (root !== null && existsSync(path.join(root, "node_modules"))) return path.join(root, "node_modules", ".cache", "opsmix");
  }
  return path.join(os.tmpdir(), "opsmix-model-cache");
}

export type CacheOutcome = "loaded" | "built" | "built-uncached";

/**
 * The base model for `training` and `options`: read from the cache when a valid file for its key is there, else built
 * (and written for the next process when possible). `dir` null or no key: built, not cached.
 */
export function cachedBaseModel(
  training: readonly TrainingExample[] | TrainingSet,
  options: BuildOptions,
  opts: { dir?: string | null; sources?: string | null } = {},
): { model: BaseModel; outcome: CacheOutcome; file: string | null } {
  const set = asTrainingSet(training);
  const dir = opts.dir === undefined ? defaultCacheDirectory() : opts.dir;
  const key = cacheKey(set, options, opts.sources === undefined ? SOURCES : opts.sources);
  if (dir === null || key === null) {
    return { model: buildBaseModel(allExamples(set), options), outcome: "built-uncached", file: null };
  }
  const file = path.join(dir, `${PREFIX}${key.slice(0, 32)}${SUFFIX}`);
  const loaded = readModelFile(file, key);
  if (loaded !== null) return { model: loaded, outcome: "loaded", file };
  const model = buildBaseModel(allExamples(set), options);
  const written = writeModelFile(file, key, model);
  return { model, outcome: written ? "built" : "built-uncached", file: written ? file : null };
}

// ---- Serialisation: a JSON description of the object graph, typed arrays as 8-byte aligned blocks after it. ----

type TypedArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
const TYPED: Record<string, new (buffer: ArrayBuffer, offset: number, length: number) => TypedArray> = {
  Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
};
/** Classes whose instances may be restored (by their own fields, without running their constructor). */
const CLASSES: Record<string, object> = { Vocabulary: Vocabulary.prototype, ExampleIndex: ExampleIndex.prototype };

type Node =
  | { v: string | number | boolean | null } // JSON value
  | { x: string } // non-finite number
  | { u: 1 } // undefined
  | { t: string; o: number; n: number } // typed array: offset in the body, length in elements
  | { t: string; z: number } // typed array of zeros
  | { j: unknown[] } // array of flat plain objects / primitives, as JSON
  | { a: Node[] }
  | { c?: string; p: Record<string, Node> } // object (plain, or an instance of a registered class)
  | { r: number }; // an object seen before (its index in visiting order)

class Unserialisable extends Error {}

function isFlat(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const v of Object.values(value as object)) {
    if (v !== null && typeof v !== "string" && typeof v !== "boolean" && !(typeof v === "number" && Number.isFinite(v))) {
      return false;
    }
  }
  return true;
}

function encode(root: unknown): { tree: Node; blocks: TypedArray[]; bodyLength: number } {
  const seen = new Map<object, number>();
  const blocks: TypedArray[] = [];
  let offset = 0;
  const visit = (value: unknown): Node => {
    if (value === undefined) return { u: 1 };
    if (value === null || typeof value === "string" || typeof value === "boolean") return { v: value };
    if (typeof value === "number") return Number.isFinite(value) ? { v: value } : { x: String(value) };
    if (typeof value !== "object") throw new Unserialisable(typeof value);
    const again = seen.get(value);
    if (again !== undefined) return { r: again };
    seen.set(value, seen.size);
    if (ArrayBuffer.isView(value)) {
      const name = value.constructor.name;
      if (!(name in TYPED)) throw new Unserialisable(name);
      const array = value as TypedArray;
      let zero = true;
      for (let i = 0; i < array.length && zero; i++) if (array[i] !== 0) zero = false;
      if (zero) return { t: name, z: array.length };
      const node = { t: name, o: offset, n: array.length };
      blocks.push(array);
      offset += Math.ceil(array.byteLength / 8) * 8;
      return node;
    }
    if (Array.isArray(value)) {
      if (value.every(isFlat)) return { j: value };
      return { a: value.map(visit) };
    }
    const proto = Object.getPrototypeOf(value);
    let c: string | undefined;
    if (proto !== Object.prototype) {
      c = Object.keys(CLASSES).find((k) => CLASSES[k] === proto);
      if (c === undefined) throw new Unserialisable(proto?.constructor?.name ?? "object");
    }
    const p: Record<string, Node> = {};
    for (const key of Object.keys(value)) p[key] = visit((value as Record<string, unknown>)[key]);
    return c === undefined ? { p } : { c, p };
  };
  const tree = visit(root);
  return { tree, blocks, bodyLength: offset };
}

function decode(tree: Node, body: ArrayBuffer, bodyStart: number, bodyLength: number): unknown {
  const objects: unknown[] = [];
  const visit = (node: Node): unknown => {
    if ("v" in node) return node.v;
    if ("x" in node) return Number(node.x);
    if ("u" in node) return undefined;
    if ("r" in node) {
      if (!(node.r < objects.length)) throw new Error("bad reference");
      return objects[node.r];
    }
    if ("t" in node) {
      const Type = TYPED[node.t];
      if (Type === undefined) throw new Error(`unknown array type ${node.t}`);
      let array: TypedArray;
      if ("z" in node) array = new Type(new ArrayBuffer(node.z * (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT), 0, node.z);
      else {
        const bytes = node.n * (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
        if (!(node.o >= 0 && node.o % 8 === 0 && node.o + bytes <= bodyLength)) throw new Error("array outside the file");
        array = new Type(body, bodyStart + node.o, node.n);
      }
      objects.push(array);
      return array;
    }
    if ("j" in node) {
      objects.push(node.j);
      return node.j;
    }
    if ("a" in node) {
      const out: unknown[] = [];
      objects.push(out);
      for (const item of node.a) out.push(visit(item));
      return out;
    }
    let out: Record<string, unknown>;
    if (node.c !== undefined) {
      const proto = CLASSES[node.c];
      if (proto === undefined) throw new Error(`unknown class ${node.c}`);
      out = Object.create(proto) as Record<string, unknown>;
    } else out = {};
    objects.push(out);
    for (const key of Object.keys(node.p)) out[key] = visit(node.p[key]);
    return out;
  };
  return visit(tree);
}

/**
 * Header: MAGIC, then u32 header JSON length, u32 CRC-32 of header JSON + body, f64 body length. The check is against
 * torn or damaged files, not tampering (the key names the content; the directory is the user's own): CRC-32 reads the
 * ~26 MB file in about 4 ms where format 1's SHA-256 took 13 of a start's ~140. zlib's crc32 is Node's from 20.15
 * (package.json's engines); a table-driven loop in JavaScript took 64 ms, four times the SHA-256.
 */
const FIXED = 8 + 4 + 4 + 8;

function writeModelFile(file: string, key: string, model: BaseModel): boolean {
  let encoded: ReturnType<typeof encode>;
  try {
    encoded = encode(model);
  } catch (error) {
    if (error instanceof Unserialisable) return false; // a model part this file format cannot hold: stay uncached
    throw error;
  }
  const header = Buffer.from(JSON.stringify({ format: FORMAT, key, tree: encoded.tree }), "utf8");
  const headerPadded = Math.ceil((FIXED + header.length) / 8) * 8 - FIXED;
  const body = Buffer.alloc(encoded.bodyLength);
  let at = 0;
  for (const block of encoded.blocks) {
    body.set(new Uint8Array(block.buffer, block.byteOffset, block.byteLength), at);
    at += Math.ceil(block.byteLength / 8) * 8;
  }
  const headerBytes = Buffer.alloc(headerPadded, 0x20);
  header.copy(headerBytes);
  const fixed = Buffer.alloc(FIXED);
  fixed.write(MAGIC, 0, "latin1");
  fixed.writeUInt32LE(headerPadded, 8);
  fixed.writeUInt32LE(crc32(body, crc32(headerBytes)), 12);
  fixed.writeDoubleLE(body.length, 16);
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, fixed);
      writeSync(fd, headerBytes);
      writeSync(fd, body);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return false; // read-only or full disk: the model is still good for this process
  }
  prune(path.dirname(file), file);
  return true;
}

/** Keeps the KEEP newest cache files of the directory (the one just written among them). */
function prune(dir: string, keep: string): void {
  try {
    const files = readdirSync(dir)
      .filter((name) => name.startsWith(PREFIX) && (name.endsWith(SUFFIX) || name.endsWith(".tmp")))
      .map((name) => {
        const full = path.join(dir, name);
        try {
          return { full, time: statSync(full).mtimeMs };
        } catch {
          return null;
        }
      })
      .filter((f): f is { full: string; time: number } => f !== null && f.full !== keep)
      .sort((a, b) => b.time - a.time);
    // Temporary files of other writers younger than a minute may still be renamed into place.
    const now = Date.now();
    const old = files.filter((f) => !f.full.endsWith(".tmp") || now - f.time > 60_000);
    let kept = 1;
    for (const f of old) {
      if (!f.full.endsWith(".tmp") && kept < KEEP) {
        kept++;
        continue;
      }
      try {
        unlinkSync(f.full);
      } catch {
        // another process removed it first
      }
    }
  } catch {
    // pruning is best effort
  }
}

/** The model stored in `file` under `key`, or null when the file is absent, for another key, truncated or corrupt. */
export function readModelFile(file: string, key: string): BaseModel | null {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  try {
    if (data.length < FIXED || data.toString("latin1", 0, 8) !== MAGIC) return null;
    const headerLength = data.readUInt32LE(8);
    const bodyLength = data.readDoubleLE(16);
    if (headerLength % 8 !== (8 - (FIXED % 8)) % 8 || FIXED + headerLength + bodyLength !== data.length) return null;
    const bodyAt = FIXED + headerLength;
    if (crc32(data.subarray(FIXED)) !== data.readUInt32LE(12)) return null;
    const header = JSON.parse(data.toString("utf8", FIXED, bodyAt)) as { format: string; key: string; tree: Node };
    if (header.format !== FORMAT || header.key !== key) return null;
    // The arrays are views into the file's bytes: they must start 8-byte aligned in memory.
    let buffer = data.buffer as ArrayBuffer;
    let start = data.byteOffset + bodyAt;
    if (start % 8 !== 0) {
      buffer = new ArrayBuffer(bodyLength);
      new Uint8Array(buffer).set(data.subarray(bodyAt));
      start = 0;
    }
    return decode(header.tree, buffer, start, bodyLength) as BaseModel;
  } catch {
    return null;
  }
}
