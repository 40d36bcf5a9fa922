// Secrets handed out once (API tokens, invite links) are stored only as their sha256.
import { createHash } from "node:crypto";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
