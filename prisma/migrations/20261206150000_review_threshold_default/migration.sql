-- The tagging engine's joint role × stage head made its confidences sharper, and its calibrated review threshold
-- moved from 0.6 to 0.75 (lib/tagging/model.ts, DEFAULT_REVIEW_THRESHOLD). A team's threshold follows it: at the old
-- default of 0.5 the review queue would flag about half as many entries as it is tuned for.
ALTER TABLE "Team" ALTER COLUMN "reviewThreshold" SET DEFAULT 0.75;

-- No screen or API sets a team's threshold, so every 0.5 here is the old default: move it to the new one.
UPDATE "Team" SET "reviewThreshold" = 0.75 WHERE "reviewThreshold" = 0.5;
