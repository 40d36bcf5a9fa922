-- CreateTable
CREATE TABLE "RevokedSession" (
    "sid" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RevokedSession_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE INDEX "RevokedSession_expiresAt_idx" ON "RevokedSession"("expiresAt");

-- Carry over sessions signed out while revocations lived in "RateLimit" under a "revoked-session:" prefix (the
-- first release), so that an upgrade never brings a copied cookie of a signed-out session back to life.
INSERT INTO "RevokedSession" ("sid", "userId", "expiresAt")
SELECT substr("key", length('revoked-session:') + 1), '', "resetAt"
FROM "RateLimit"
WHERE "key" LIKE 'revoked-session:%' AND "resetAt" > CURRENT_TIMESTAMP
ON CONFLICT ("sid") DO NOTHING;

DELETE FROM "RateLimit" WHERE "key" LIKE 'revoked-session:%';
