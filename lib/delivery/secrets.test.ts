import assert from "node:assert/strict";
import { test } from "node:test";
import { openSecret, sealSecret, SecretUnreadable } from "./secrets";

const MASTER = "test-master-secret-0123456789";

test("a sealed secret opens with the same NEXTAUTH_SECRET and team, and its text is not in the box", () => {
  const value = { url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc-123", secret: "签名密钥-s3cret" };
  const box = sealSecret(value, "team_1", MASTER);
  assert.match(box, /^v1\.[A-Za-z0-9_-]+$/);
  assert.ok(!box.includes("abc-123") && !Buffer.from(box.slice(3), "base64url").toString("utf8").includes("s3cret"));
  assert.deepEqual(openSecret(box, "team_1", MASTER), value);
  // A fresh IV each time: the same value never seals to the same box.
  assert.notEqual(sealSecret(value, "team_1", MASTER), box);
});

test("another NEXTAUTH_SECRET, another team, or an altered box does not open", () => {
  const box = sealSecret({ url: "https://example.com/hook" }, "team_1", MASTER);
  assert.throws(() => openSecret(box, "team_1", "another-secret"), SecretUnreadable);
  assert.throws(() => openSecret(box, "team_2", MASTER), SecretUnreadable);
  const raw = Buffer.from(box.slice(3), "base64url");
  raw[raw.length - 1] ^= 1;
  assert.throws(() => openSecret(`v1.${raw.toString("base64url")}`, "team_1", MASTER), SecretUnreadable);
  assert.throws(() => openSecret("v0.abc", "team_1", MASTER), SecretUnreadable);
  assert.throws(() => sealSecret({}, "team_1", ""), SecretUnreadable);
});
