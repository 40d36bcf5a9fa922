// The time scheduled work runs by. In production it is the system clock. For end-to-end tests only,
// OPSMIX_TEST_CLOCK=1 adds an offset kept in the database (TestClock), so every instance sharing the database moves
// to the same fake time together; without that variable the table is never read.
import { prisma } from "@/lib/db/client";

/** Re-read the offset at most this often (ms): cheap, and instances agree within a second of a change. */
const OFFSET_CACHE_MS = 1000;
let cached: { offsetMs: number; readAt: number } | null = null;

export function testClockEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.OPSMIX_TEST_CLOCK === "1";
}

async function offsetMs(): Promise<number> {
  const real = Date.now();
  if (cached && real - cached.readAt < OFFSET_CACHE_MS) return cached.offsetMs;
  const row = await prisma.testClock.findUnique({ where: { id: 1 }, select: { offsetMs: true } });
  cached = { offsetMs: Number(row?.offsetMs ?? 0), readAt: real };
  return cached.offsetMs;
}

/** Now, as scheduled work sees it: the system clock, plus the test offset when OPSMIX_TEST_CLOCK=1. */
export async function clockNow(): Promise<Date> {
  if (!testClockEnabled()) return new Date();
  return new Date(Date.now() + (await offsetMs()));
}

/**
 * Moves every instance's scheduled-work clock so that it reads `at` now (null: back to the real time). Refused
 * unless OPSMIX_TEST_CLOCK=1 is set for the caller too, so a production CLI cannot set it by accident.
 */
export async function setTestClock(at: Date | null): Promise<number> {
  if (!testClockEnabled()) throw new Error("The test clock is off: set OPSMIX_TEST_CLOCK=1 (tests only, never in production).");
  const offset = at ? at.getTime() - Date.now() : 0;
  await prisma.testClock.upsert({ where: { id: 1 }, create: { id: 1, offsetMs: BigInt(offset) }, update: { offsetMs: BigInt(offset) } });
  cached = null;
  return offset;
}
