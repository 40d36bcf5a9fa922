-- CreateTable
CREATE TABLE "DeliveryChannel" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secretBox" TEXT,
    "secretSavedAt" TIMESTAMP(3),
    "urlHost" TEXT,
    "hasSigningSecret" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorDetail" TEXT,
    "httpStatus" INTEGER,
    "recipients" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryClaim" (
    "key" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryClaim_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "DeliveryChannel_teamId_kind_idx" ON "DeliveryChannel"("teamId", "kind");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_channelId_createdAt_idx" ON "DeliveryAttempt"("channelId", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_teamId_createdAt_idx" ON "DeliveryAttempt"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryClaim_channelId_updatedAt_idx" ON "DeliveryClaim"("channelId", "updatedAt");

-- AddForeignKey
ALTER TABLE "DeliveryChannel" ADD CONSTRAINT "DeliveryChannel_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "DeliveryChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryClaim" ADD CONSTRAINT "DeliveryClaim_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "DeliveryChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
