// The example bank: hand-written, realistic daily-log entries per role, the engine's training data.
// Written from ../shared/seed and the labelling guide; never copied from the dev set.
import type { LabelledExample } from "../types";
import { activityExamples } from "./activity";
import { businessExamples } from "./business";
import { communityExamples } from "./community";
import { contentExamples } from "./content";
import { marketingExamples } from "./marketing";
import { newMediaExamples } from "./new_media";
import { productExamples } from "./product";
import { userExamples } from "./user";

export const EXAMPLE_BANK: readonly LabelledExample[] = [
  ...userExamples,
  ...contentExamples,
  ...communityExamples,
  ...newMediaExamples,
  ...businessExamples,
  ...productExamples,
  ...activityExamples,
  ...marketingExamples,
];
