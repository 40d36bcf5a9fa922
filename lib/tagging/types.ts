// Shared vocabulary of the tagging engine. Pure TypeScript: no Next.js, React or Prisma imports anywhere in lib/tagging/.

export const ROLE_KEYS = [
  "user",
  "content",
  "community",
  "new_media",
  "business",
  "product",
  "activity",
  "marketing",
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export const STAGE_KEYS = ["acquisition", "connection", "activation", "retention", "referral"] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

export function isRoleKey(value: unknown): value is RoleKey {
  return typeof value === "string" && (ROLE_KEYS as readonly string[]).includes(value);
}
export function isStageKey(value: unknown): value is StageKey {
  return typeof value === "string" && (STAGE_KEYS as readonly string[]).includes(value);
}

/** One labelled daily-log entry: the unit of the example bank and of a team's learned corrections. */
export interface LabelledExample {
  text: string;
  role: RoleKey;
  stage: StageKey;
}

export type Locale = "zh-CN" | "en";
export interface Bilingual {
  zh: string;
  en: string;
}

export interface TagExplanation {
  /** Top features behind the role, strongest first; weight is the feature's pull towards the chosen role (logit units). */
  roleCues: { cue: string; weight: number }[];
  stageCues: { cue: string; weight: number }[];
  /** The most similar confirmed example (bank or the team's own corrections) and its tags. */
  nearest?: { text: string; role: RoleKey; stage: StageKey; source: "bank" | "team"; similarity: number };
  /**
   * Set when the team's learned examples decided the tag (it differs from what the base model reads): how many of
   * the team's examples support it ("from 1 team example"); the confidence is then at most n / (n + 1).
   */
  teamExamples?: number;
}

export interface TagResult {
  role: RoleKey;
  stage: StageKey;
  confidence: { role: number; stage: number };
  runnerUp: { role: RoleKey; stage: StageKey };
  needsReview: boolean;
  explanation: TagExplanation;
}

export interface ClassifyOptions {
  /** Entries whose role or stage confidence is below this are flagged for review. */
  reviewThreshold?: number;
}

export interface TaggingModel {
  /** Version of the taxonomy the model was built on. */
  readonly taxonomyVersion: string;
  classify(text: string, opts?: ClassifyOptions): TagResult;
  /** Adds one confirmed or corrected entry; incremental, affects only this model (and forks made after). */
  learn(example: LabelledExample): void;
  /** Cheap copy sharing the base (one per team); carries over what this model has learned so far. */
  fork(): TaggingModel;
  learnedCount(): number;
  /** The learned examples in the order they were learned (what the app persists). */
  learnedExamples(): LabelledExample[];
  /** Forgets every learned example: back to the base model. */
  reset(): void;
}
