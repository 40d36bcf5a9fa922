// An engine tag as the activity columns that store it (written by creation, re-tagging and rejected suggestions).
import type { Prisma } from "@/lib/db/generated/client";
import type { TagResult } from "@/lib/tagging";

export function tagColumns(tag: TagResult) {
  return {
    role: tag.role,
    stage: tag.stage,
    roleConfidence: tag.confidence.role,
    stageConfidence: tag.confidence.stage,
    needsReview: tag.needsReview,
    explanation: tag.explanation as unknown as Prisma.InputJsonValue,
  };
}
