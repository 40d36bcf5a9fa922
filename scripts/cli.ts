// Admin CLI for self-hosters: npm run -s cli -- <command> [--flags]. Works against the same database as the
// running app (the embedded one is shared through its data directory, or DATABASE_URL).
import { parseArgs } from "node:util";
import { DomainError } from "../lib/errors";
import { translate } from "../lib/i18n/translate";
import { localeFromAcceptLanguage } from "../lib/i18n/locales";
import { withCliDatabase } from "../lib/db/cli";

const USAGE = `OpsMix admin CLI

  user:create  --email E --password P --name N [--team SLUG --role admin|manager|member] [--break-glass]
  user:break-glass --email E [--off]       lets the account (not) sign in with a password when OPSMIX_AUTH=sso-only
  user:disable --email E                   signs the user out everywhere and refuses their sign-in and API tokens
  user:reset-password --email E [--password P]
                                           sets a new password (generated unless given), printed once; signs the user
                                           out everywhere
  team:create  --slug S --name N [--time-zone Asia/Shanghai]
  token:create --email E [--name N]        prints a personal API token (shown once)
  demo:seed                                creates the demo workspace (marked as demo)
  demo:delete                              deletes every demo workspace and all its data
  clock:set ISO-TIME|now                   tests only (OPSMIX_TEST_CLOCK=1): moves the reminder/digest clock of every
                                           instance on this database; "now" puts it back
  backup FILE                              writes every table to FILE (JSON Lines)
  restore FILE                             loads FILE into an empty database

Database: DATABASE_URL, else the embedded database in ./data (OPSMIX_DATA_DIR).`;

const locale = localeFromAcceptLanguage(process.env.LANG?.startsWith("zh") ? "zh-CN" : "en");

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`Missing --${name}. Run without arguments for help.`);
  return value;
}

const ROLES = ["admin", "manager", "member"] as const;

export async function run(command: string, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      team: { type: "string" },
      role: { type: "string" },
      slug: { type: "string" },
      "time-zone": { type: "string" },
      "break-glass": { type: "boolean" },
      off: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case "user:create": {
      const role = values.role ?? "member";
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}.`);
      if (values.role && !values.team) throw new UsageError("--role needs --team SLUG.");
      await withCliDatabase(async () => {
        const { createUser, addMembership } = await import("../lib/teams/mutations");
        const { prisma } = await import("../lib/db/client");
        if (values.team && !(await prisma.team.findUnique({ where: { slug: values.team }, select: { id: true } }))) {
          throw new UsageError(`No team with slug "${values.team}". Create it first with team:create.`);
        }
        const user = await createUser({ email: required(values, "email"), password: required(values, "password"), name: required(values, "name") });
        if (values.team) await addMembership({ teamSlug: values.team, userId: user.id, role: role as (typeof ROLES)[number] });
        if (values["break-glass"]) await (await import("../lib/auth/accounts")).setBreakGlass(user.email, true);
        console.log(`Created user ${user.email}${values.team ? ` (${role} of ${values.team})` : ""}${values["break-glass"] ? ", break-glass" : ""}.`);
      });
      return;
    }
    case "user:reset-password": {
      await withCliDatabase(async () => {
        const { resetPassword } = await import("../lib/auth/accounts");
        const email = required(values, "email");
        const given = typeof values.password === "string" ? values.password : undefined;
        let result;
        try {
          result = await resetPassword(email, given);
        } catch (error) {
          if (error instanceof DomainError && error.code === "not_found") throw new UsageError(`No user with email ${email.trim().toLowerCase()}.`);
          throw error;
        }
        console.log(result.generated ? `New password for ${result.email} (shown once):\n\n    ${result.password}\n` : `New password set for ${result.email}.`);
        console.log("They are signed out everywhere; ask them to choose their own under Account after signing in.");
        if (result.disabled) console.log("Note: this account is disabled, so it cannot sign in until an operator enables it again.");
      });
      return;
    }
    case "user:break-glass": {
      await withCliDatabase(async () => {
        const { setBreakGlass } = await import("../lib/auth/accounts");
        const email = required(values, "email");
        let result;
        try {
          result = await setBreakGlass(email, !values.off);
        } catch (error) {
          if (error instanceof DomainError && error.code === "not_found") throw new UsageError(`No user with email ${email.trim().toLowerCase()}.`);
          throw error;
        }
        console.log(values.off ? `${result.email} is no longer a break-glass account.` : `${result.email} may sign in with a password when OPSMIX_AUTH=sso-only.`);
      });
      return;
    }
    case "user:disable": {
      await withCliDatabase(async () => {
        const { disableUser } = await import("../lib/auth/accounts");
        const email = required(values, "email");
        let result;
        try {
          result = await disableUser(email);
        } catch (error) {
          if (error instanceof DomainError && error.code === "not_found") throw new UsageError(`No user with email ${email.trim().toLowerCase()}.`);
          throw error;
        }
        console.log(`${result.alreadyDisabled ? "Already disabled" : "Disabled"}: ${result.email} (signed out everywhere).`);
      });
      return;
    }
    case "team:create": {
      await withCliDatabase(async () => {
        const { createTeam } = await import("../lib/teams/mutations");
        const team = await createTeam({ slug: required(values, "slug"), name: required(values, "name") });
        if (values["time-zone"]) {
          const { prisma } = await import("../lib/db/client");
          try {
            new Intl.DateTimeFormat("en", { timeZone: values["time-zone"] });
          } catch {
            throw new UsageError(`Unknown time zone "${values["time-zone"]}". Use an IANA name like Asia/Shanghai.`);
          }
          await prisma.team.update({ where: { id: team.id }, data: { timeZone: values["time-zone"] } });
        }
        console.log(`Created team ${team.slug}.`);
      });
      return;
    }
    case "token:create": {
      await withCliDatabase(async () => {
        const { prisma } = await import("../lib/db/client");
        const { createApiToken } = await import("../lib/auth/api-tokens");
        const email = required(values, "email").trim().toLowerCase();
        const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
        if (!user) throw new UsageError(`No user with email ${email}. Create one with user:create.`);
        const { token } = await createApiToken(user.id, values.name ?? "CLI");
        console.log(token);
      });
      return;
    }
    case "demo:seed":
    case "demo:delete": {
      await withCliDatabase(async () => {
        const { prisma } = await import("../lib/db/client");
        const demo = await import("../lib/demo/seed");
        if (command === "demo:seed") {
          const result = await demo.seedDemo(prisma, {});
          console.log(JSON.stringify(result));
        } else {
          await demo.deleteDemo(prisma);
          console.log("Demo workspace deleted.");
        }
      });
      return;
    }
    case "clock:set": {
      // Tests only: moves the scheduled-work clock of every instance on this database (they need OPSMIX_TEST_CLOCK=1 too).
      const at = positionals[0];
      const when = at === undefined || at === "now" ? null : new Date(at);
      if (when !== null && Number.isNaN(when.getTime())) throw new UsageError(`"${at}" is not a date and time, e.g. 2026-12-07T17:30:00+08:00 (or "now").`);
      await withCliDatabase(async () => {
        const { setTestClock } = await import("../lib/jobs/clock");
        try {
          await setTestClock(when);
        } catch (error) {
          throw new UsageError(error instanceof Error ? error.message : String(error));
        }
        console.log(when ? `Test clock set to ${when.toISOString()}.` : "Test clock back to the real time.");
      });
      return;
    }
    case "backup":
    case "restore": {
      const file = positionals[0];
      if (!file) throw new UsageError(`${command} needs a FILE.`);
      await withCliDatabase(async () => {
        const { backupDatabase, restoreDatabase } = await import("../lib/db/backup");
        const summary = command === "backup" ? await backupDatabase(file) : await restoreDatabase(file);
        console.log(summary);
      });
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    process.exit(command ? 0 : 2);
  }
  try {
    await run(command, rest);
    process.exit(0);
  } catch (error) {
    console.error(`Error: ${errorMessage(error)}`);
    process.exit(1);
  }
}

/** What a failed command tells the operator, translated. */
export function errorMessage(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof DomainError) {
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(error.details ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
    return translate(locale, error.messageKey, values);
  }
  if (error instanceof Error && /^Option|Unknown option|Unexpected argument/.test(error.message)) return error.message;
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

// Imported by e2e/cli-batch.ts, which runs several commands in one process.
if (require.main === module) void main();
