// Entries typed on this device that the server has not confirmed yet, kept in localStorage per person and team so that neither a
// dropped connection nor a closed tab loses them. Each keeps its idempotency key: sending it again never doubles it.
import type { ParsedLine } from "@/lib/activities/parse-line";

export interface PendingEntry {
  localId: string;
  key: string;
  input: ParsedLine;
}

const storageKey = (queue: string) => `opsmix-pending:${queue}`;

function isPendingEntry(value: unknown): value is PendingEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<PendingEntry>;
  return typeof entry.localId === "string" && typeof entry.key === "string" && typeof entry.input?.text === "string";
}

export function readPending(queue: string): PendingEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(queue)) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isPendingEntry) : [];
  } catch {
    return [];
  }
}

function writePending(queue: string, entries: PendingEntry[]): void {
  try {
    if (entries.length === 0) localStorage.removeItem(storageKey(queue));
    else localStorage.setItem(storageKey(queue), JSON.stringify(entries));
  } catch {
    // Storage full or disabled (private mode): the entry still shows on screen with its retry.
  }
}

export function addPending(queue: string, entries: PendingEntry[]): void {
  const known = new Set(entries.map((entry) => entry.localId));
  writePending(queue, [...readPending(queue).filter((entry) => !known.has(entry.localId)), ...entries]);
}

export function removePending(queue: string, localId: string): void {
  writePending(queue, readPending(queue).filter((entry) => entry.localId !== localId));
}

/** Whether the browser knows it has no connection (then saving waits for the `online` event instead of failing). */
export function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}
