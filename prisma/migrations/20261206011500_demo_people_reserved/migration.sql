-- Demo people are no longer shared between demo teams, and their domain is reserved. An account someone registered
-- at a demo address before that (it has a real password, not the seed's "!demo-account") is taken out of every
-- demo team it was adopted into and disabled: its owner can no longer sign in at a reserved address anyway.
DELETE FROM "Membership" m
USING "User" u, "Team" t
WHERE m."userId" = u."id" AND m."teamId" = t."id" AND t."isDemo"
  AND u."email" LIKE '%@demo.opsmix.invalid' AND u."passwordHash" <> '!demo-account';

UPDATE "User"
SET "disabledAt" = COALESCE("disabledAt", now()), "sessionVersion" = "sessionVersion" + 1
WHERE "email" LIKE '%@demo.opsmix.invalid' AND "passwordHash" <> '!demo-account';
