// Practice-quiz rules as pure functions: which entries a round asks about, in what order, and how an answer scores.
// The server module (quiz-items.ts) feeds these with the team's rows; tests feed them plain data.

export const ROUND_SIZE = 10;
/** Until a team has pinned this many golden examples of its own, the seed article's examples lead the quiz. */
export const STARTER_GOLDEN_MIN = 5;
/** Prefix of a starter item's reference, as stored in QuizAnswer.itemRef. */
export const STARTER_REF_PREFIX = "seed:";

export type QuizTier = "golden" | "starter" | "confirmed";

export interface QuizCandidate {
  /** An activity id, or "seed:<key>" for a starter example. */
  ref: string;
  tier: QuizTier;
  role: string;
  stage: string;
  /** When a golden example was pinned (ms since epoch): the latest pin leads. */
  pinnedAt?: number;
}

export interface ItemHistory {
  /** Whether the learner's latest answer to this item had both tags right. */
  lastCorrect: boolean;
  /** When that latest answer was given (ms since epoch). */
  lastAt: number;
}

/**
 * Lower comes first. Unseen golden examples lead, then goldens answered wrong, then the starter set while the
 * team has few goldens of its own, then unseen team entries, then anything answered wrong, and only then items
 * the learner already got right (oldest first), so a round always has something to ask.
 */
export function quizPriority(tier: QuizTier, history: ItemHistory | undefined, starterLeads: boolean): number {
  const seen = history === undefined ? "unseen" : history.lastCorrect ? "right" : "wrong";
  if (tier === "golden") return { unseen: 0, wrong: 1, right: 6 }[seen];
  if (tier === "starter") {
    // Once the team has its own goldens, the starter set only fills rounds the team's pool cannot.
    if (!starterLeads) return { unseen: 8, wrong: 9, right: 10 }[seen];
    return { unseen: 2, wrong: 3, right: 7 }[seen];
  }
  return { unseen: 4, wrong: 5, right: 7 }[seen];
}

/** Fisher–Yates with an injectable random source (tests pass a seeded one). */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Reorders items so consecutive ones differ in role where possible: first of each role, then second of each… */
export function interleaveByRole<T extends { role: string }>(items: readonly T[]): T[] {
  const seenPerRole = new Map<string, number>();
  const ranked = items.map((item, index) => {
    const occurrence = seenPerRole.get(item.role) ?? 0;
    seenPerRole.set(item.role, occurrence + 1);
    return { item, occurrence, index };
  });
  ranked.sort((a, b) => a.occurrence - b.occurrence || a.index - b.index);
  return ranked.map((r) => r.item);
}

export interface RoundInput {
  candidates: readonly QuizCandidate[];
  history: ReadonlyMap<string, ItemHistory>;
  /** Golden examples the team has pinned (decides whether the starter set leads). */
  teamGoldenCount: number;
  size?: number;
  random?: () => number;
}

/** Picks one practice round: golden examples first, then the rest by priority, varied by role. */
export function selectQuizRound({ candidates, history, teamGoldenCount, size = ROUND_SIZE, random = Math.random }: RoundInput): QuizCandidate[] {
  const starterLeads = teamGoldenCount < STARTER_GOLDEN_MIN;
  const unique = new Map<string, QuizCandidate>();
  for (const candidate of candidates) if (!unique.has(candidate.ref)) unique.set(candidate.ref, candidate);

  const buckets = new Map<number, QuizCandidate[]>();
  for (const candidate of unique.values()) {
    const priority = quizPriority(candidate.tier, history.get(candidate.ref), starterLeads);
    const bucket = buckets.get(priority) ?? [];
    bucket.push(candidate);
    buckets.set(priority, bucket);
  }

  const ordered: QuizCandidate[] = [];
  for (const priority of [...buckets.keys()].sort((a, b) => a - b)) {
    const bucket = buckets.get(priority)!;
    const allSeenRight = bucket.every((c) => history.get(c.ref)?.lastCorrect === true);
    let arranged: QuizCandidate[];
    if (allSeenRight) {
      // Review what was learned longest ago first.
      arranged = [...bucket].sort((a, b) => history.get(a.ref)!.lastAt - history.get(b.ref)!.lastAt);
    } else if (bucket.every((c) => c.tier === "golden")) {
      // The manager's latest pick leads.
      arranged = [...bucket].sort((a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0));
    } else {
      arranged = interleaveByRole(shuffle(bucket, random));
    }
    ordered.push(...arranged);
  }

  // New hires should meet the team's own work from the first round: the starter set takes at most half a
  // round, or more only to fill what the team's own pool cannot.
  const teamItems = ordered.filter((c) => c.tier !== "starter").length;
  const starterCap = Math.max(Math.floor(size / 2), size - teamItems);
  const picked: QuizCandidate[] = [];
  const spare: QuizCandidate[] = [];
  let starters = 0;
  for (const candidate of ordered) {
    if (candidate.tier === "starter" && starters >= starterCap) spare.push(candidate);
    else {
      if (candidate.tier === "starter") starters++;
      picked.push(candidate);
    }
  }
  return [...picked, ...spare].slice(0, size);
}

export interface QuizVerdict {
  roleOk: boolean;
  stageOk: boolean;
  correct: boolean;
}

export function scoreAnswer(expected: { role: string; stage: string }, answered: { role: string; stage: string }): QuizVerdict {
  const roleOk = expected.role === answered.role;
  const stageOk = expected.stage === answered.stage;
  return { roleOk, stageOk, correct: roleOk && stageOk };
}

/** Share of right answers, or null when there are none yet (shown as "–", never as 0%). */
export function accuracy(right: number, total: number): number | null {
  return total > 0 ? right / total : null;
}

export interface AccuracyRow {
  key: string;
  total: number;
  right: number;
}

/** The key with the lowest accuracy among those answered at least `minAnswers` times, or null. */
export function weakestKey(rows: readonly AccuracyRow[], minAnswers = 3): string | null {
  let weakest: { key: string; share: number } | null = null;
  for (const row of rows) {
    if (row.total < minAnswers) continue;
    const share = row.right / row.total;
    if (weakest === null || share < weakest.share) weakest = { key: row.key, share };
  }
  return weakest?.key ?? null;
}

/** Parses a stored item reference: a starter key or an activity id. */
export function parseItemRef(ref: unknown): { kind: "starter"; key: string } | { kind: "activity"; id: string } | null {
  if (typeof ref !== "string" || ref.length === 0 || ref.length > 80) return null;
  if (ref.startsWith(STARTER_REF_PREFIX)) {
    const key = ref.slice(STARTER_REF_PREFIX.length);
    return /^[a-z0-9-]{1,60}$/.test(key) ? { kind: "starter", key } : null;
  }
  return /^[A-Za-z0-9_-]{1,64}$/.test(ref) ? { kind: "activity", id: ref } : null;
}
