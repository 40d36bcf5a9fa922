// Several admin CLI commands in one process, for the end-to-end tests' set-up: each is scripts/cli.ts's own run(), in
// order, and stdout is one JSON array of what each printed. A spec's set-up makes up to seven users, teams and
// tokens; one Node start-up (tsx, Prisma, the database check) each cost about as much as the command itself.
import { format } from "node:util";
import { errorMessage, run } from "../scripts/cli";

async function main(): Promise<void> {
  const commands = JSON.parse(process.argv[2] ?? "[]") as string[][];
  const printed: string[] = [];
  const log = console.log;
  for (const [command, ...args] of commands) {
    let output = "";
    console.log = (...parts: unknown[]) => void (output += `${format(...parts)}\n`);
    try {
      await run(command!, args);
    } finally {
      console.log = log;
    }
    printed.push(output);
  }
  process.stdout.write(JSON.stringify(printed));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Error: ${errorMessage(error)}`);
    process.exit(1);
  },
);
