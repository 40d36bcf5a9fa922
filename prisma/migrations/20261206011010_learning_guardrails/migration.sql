-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "tagPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "trustMemberCorrections" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TrainingExample" ADD COLUMN     "pending" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "TrainingExample_teamId_pending_idx" ON "TrainingExample"("teamId", "pending");
