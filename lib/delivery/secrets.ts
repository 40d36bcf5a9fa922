// Channel secrets (webhook URLs with their keys, signing secrets) sealed at rest with AES-256-GCM. The key is derived
// from NEXTAUTH_SECRET with HKDF, so every instance that shares NEXTAUTH_SECRET can open them (on the embedded
// database scripts/start.ts reads it from data/secret). The team id is bound as associated data: a sealed box copied
// onto another team's channel does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const SALT = "opsmix-delivery";
const INFO = "delivery channel secrets v1";

export class SecretUnreadable extends Error {
  constructor(reason: string) {
    super(`delivery secret unreadable: ${reason}`);
    this.name = "SecretUnreadable";
  }
}

function deriveKey(masterSecret: string | undefined): Buffer {
  if (!masterSecret) throw new SecretUnreadable("NEXTAUTH_SECRET is not set");
  return Buffer.from(hkdfSync("sha256", Buffer.from(masterSecret, "utf8"), SALT, INFO, 32));
}

/** Seals a JSON value for `teamId`: "v1.<base64url(iv | tag | ciphertext)>". */
export function sealSecret(value: unknown, teamId: string, masterSecret = process.env.NEXTAUTH_SECRET): string {
  const key = deriveKey(masterSecret);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(teamId, "utf8"));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** Opens a box sealed for `teamId`; throws SecretUnreadable when the key changed, the box was altered or moved. */
export function openSecret<T>(box: string, teamId: string, masterSecret = process.env.NEXTAUTH_SECRET): T {
  const key = deriveKey(masterSecret);
  const [version, payload] = box.split(".", 2);
  if (version !== VERSION || !payload) throw new SecretUnreadable("unknown format");
  const raw = Buffer.from(payload, "base64url");
  if (raw.length < 29) throw new SecretUnreadable("truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(teamId, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    return JSON.parse(text) as T;
  } catch {
    throw new SecretUnreadable("authentication failed (NEXTAUTH_SECRET changed, or the box was altered)");
  }
}
