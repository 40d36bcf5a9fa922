// Tags JSON Lines from stdin without a database: one {"id","text"} in, one tagged line out, in input order.
// Usage: npm run -s tag -- [--learn FILE.jsonl] [--explain] [--threshold X]
//   --learn FILE  first learn each {"text","role","stage"} line of FILE as a confirmed correction
// Bad input lines are reported on stderr with their line number and skipped; the exit code is then 1.
import { readFileSync } from "node:fs";
import { DEFAULT_REVIEW_THRESHOLD, getBaseModel, type TaggingModel } from "../lib/tagging";
import { parseEntry, parseLabelledLines } from "../lib/tagging/jsonl";
import { readLines, RowBuffer, taggedRowJson } from "../lib/tagging/jsonl-out";

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run -s tag -- [--learn FILE.jsonl] [--explain] [--threshold X] < entries.jsonl\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const args = { learn: "", explain: false, threshold: DEFAULT_REVIEW_THRESHOLD };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--learn") args.learn = argv[++i] ?? usage("--learn needs a file");
    else if (a === "--explain") args.explain = true;
    else if (a === "--threshold") args.threshold = Number(argv[++i]);
    else usage(`unknown argument ${a}`);
  }
  if (!(args.threshold >= 0 && args.threshold <= 1)) usage("--threshold needs a number between 0 and 1");
  return args;
}

// A reader that stops early (| head) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let bad = 0;
  let model: TaggingModel = getBaseModel();
  if (args.learn) {
    let content: string;
    try {
      content = readFileSync(args.learn, "utf8");
    } catch (error) {
      usage(`cannot read ${args.learn}: ${(error as Error).message}`);
    }
    const corrections = parseLabelledLines(content, (line, error) => {
      bad++;
      process.stderr.write(`${args.learn}:${line}: skipped: ${error}\n`);
    });
    model = model.fork();
    for (const example of corrections) model.learn(example);
  }

  const out = process.stdout;
  const rows = new RowBuffer();
  const flush = async () => {
    if (rows.size === 0) return;
    if (!out.write(rows.take())) await new Promise<void>((resolve) => out.once("drain", resolve));
  };

  let lineNumber = 0;
  for await (const lines of readLines(process.stdin)) {
    for (const line of lines) {
      lineNumber++;
      if (line.trim().length === 0) continue;
      const parsed = parseEntry(line);
      if (!parsed.ok) {
        bad++;
        process.stderr.write(`stdin:${lineNumber}: skipped: ${parsed.error}\n`);
        continue;
      }
      const { id, text } = parsed.value;
      rows.push(taggedRowJson(id, text, model.classify(text, { reviewThreshold: args.threshold }), args.explain));
      if (rows.size >= 1 << 16) await flush();
    }
  }
  await flush();
  return bad > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tag: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 2;
  },
);
