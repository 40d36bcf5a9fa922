// `npx tsx --conditions=react-server bench/delivery.ts`: what one delivery costs on top of the platform's answer —
// a signed Lark post to a local receiver without a key, with an idempotency key (claim + mark sent), and a repeat of a
// key already sent (answered from the claim, nothing posted); plus a digest-sized e-mail batch (200 recipients, one
// key each) to a local SMTP receiver. Database: PGlite in memory, or a throwaway database on DATABASE_URL's server.
import { getPrisma } from "@/lib/db/client";
import { sealSecret } from "@/lib/delivery/secrets";
import { sendToChannel } from "@/lib/delivery/send";
import { openTestDatabase } from "@/lib/reports/test-database";
import { startChatReceiver, startMailReceiver } from "../e2e/receivers";

process.env.NEXTAUTH_SECRET ??= "bench-nextauth-secret-000000000000000";
process.env.OPSMIX_DELIVERY_ALLOW_PRIVATE = "1";

const ROUNDS = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main() {
  const db = await openTestDatabase();
  const chat = await startChatReceiver();
  const mail = await startMailReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${mail.port}`;
  try {
    const prisma = getPrisma();
    const team = await prisma.team.create({ data: { slug: "bench-delivery", name: "Bench" } });
    const url = chat.endpoint("lark", { secret: "bench" });
    const lark = await prisma.deliveryChannel.create({ data: { teamId: team.id, kind: "lark", name: "lark", secretBox: sealSecret({ url, secret: "bench" }, team.id) } });
    const email = await prisma.deliveryChannel.create({ data: { teamId: team.id, kind: "email", name: "mail" } });
    const message = { title: "OpsMix 提醒", text: "今天还没有记录工作。", markdown: "今天还没有**记录工作**。" };
    const send = (key?: string) => sendToChannel({ teamId: team.id, channelId: lark.id, message, purpose: "reminder", ...(key ? { idempotencyKey: key } : {}) });
    for (let n = 0; n < 20; n++) await send(); // warm-up
    const plain: number[] = [];
    const keyed: number[] = [];
    const repeat: number[] = [];
    for (let n = 0; n < ROUNDS; n++) plain.push(await time(() => send()));
    for (let n = 0; n < ROUNDS; n++) keyed.push(await time(() => send(`bench:${n}`)));
    for (let n = 0; n < ROUNDS; n++) repeat.push(await time(() => send(`bench:${n}`)));
    const posted = chat.for(url).length;
    const recipients = Array.from({ length: 200 }, (_, n) => ({ email: `member${n}@bench.test`, locale: "zh-CN" as const }));
    const batch = await time(() => sendToChannel({ teamId: team.id, channelId: email.id, message, purpose: "digest", recipients, idempotencyKey: "digest:bench" }));
    const rows = [
      ["Lark post, no key", plain],
      ["Lark post, idempotency key (claim + mark)", keyed],
      ["repeat of a sent key (nothing posted)", repeat],
    ] as const;
    console.log(`database: ${process.env.OPSMIX_EMBEDDED ? "PGlite (in memory)" : "PostgreSQL"}; ${ROUNDS} sends each`);
    for (const [name, values] of rows) console.log(`${name}: median ${median(values).toFixed(1)} ms, p95 ${p95(values).toFixed(1)} ms`);
    console.log(`posted to the receiver: ${posted} (expected ${20 + 2 * ROUNDS})`);
    console.log(`e-mail batch, 200 recipients with one key each: ${(batch / 1000).toFixed(2)} s, ${mail.received.length} messages received`);
  } finally {
    await chat.close();
    await mail.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
