// The public shape of an activity (API contract; the UI uses the same): extend, never break.
import type { RoleKey, StageKey, TagExplanation } from "@/lib/tagging";
import { isoFromDateColumn } from "./rules";

export const ACTIVITY_SELECT = {
  id: true,
  text: true,
  dateWorked: true,
  minutes: true,
  role: true,
  stage: true,
  roleConfidence: true,
  stageConfidence: true,
  needsReview: true,
  tagSource: true,
  tagPending: true,
  explanation: true,
  version: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { name: true, email: true } },
} as const;

export interface ActivityRow {
  id: string;
  text: string;
  dateWorked: Date;
  minutes: number | null;
  role: string | null;
  stage: string | null;
  roleConfidence: number | null;
  stageConfidence: number | null;
  needsReview: boolean;
  tagSource: string;
  tagPending: boolean;
  explanation: unknown;
  version: number;
  authorId: string;
  createdAt: Date;
  updatedAt: Date;
  author: { name: string; email: string };
}

export interface ActivityDto {
  id: string;
  text: string;
  date: string;
  minutes: number | null;
  role: RoleKey | null;
  stage: StageKey | null;
  confidence: { role: number | null; stage: number | null };
  needsReview: boolean;
  tagSource: "auto" | "confirmed" | "corrected";
  /** A member's correction waiting for a manager: shown on the entry, not yet taught to the team's model. */
  tagPending: boolean;
  author: { name: string; email: string };
  authorId: string;
  version: number;
  explanation: TagExplanation | null;
  createdAt: string;
  updatedAt: string;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

export function toActivityDto(row: ActivityRow, options: { hideAuthorEmail?: boolean } = {}): ActivityDto {
  return {
    id: row.id,
    text: row.text,
    date: isoFromDateColumn(row.dateWorked),
    minutes: row.minutes,
    role: row.role as RoleKey | null,
    stage: row.stage as StageKey | null,
    confidence: { role: round(row.roleConfidence), stage: round(row.stageConfidence) },
    needsReview: row.needsReview,
    tagSource: row.tagSource as ActivityDto["tagSource"],
    tagPending: row.tagPending,
    author: { name: row.author.name, email: options.hideAuthorEmail ? "" : row.author.email },
    authorId: row.authorId,
    version: row.version,
    explanation: (row.explanation as TagExplanation | null) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
