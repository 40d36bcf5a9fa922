-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "deletedById" TEXT;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "revokedAt" TIMESTAMP(3);
