// The app under test: its own port and its own database (a fresh embedded one, or DATABASE_URL when CI sets it).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3117);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The OpenID Provider the tests run (e2e/oidc-idp.ts): next to the app's port, so parallel runs never collide. */
export const E2E_OIDC = { issuer: `http://127.0.0.1:${E2E_PORT + 1}`, clientId: "opsmix-e2e", clientSecret: "e2e-oidc-client-secret-not-for-production" } as const;

/** The local receivers (e2e/receivers.ts) the delivery and reminder specs start: SMTP on +3, chat webhooks on +4. */
export const E2E_SMTP_PORT = E2E_PORT + 3;
export const E2E_CHAT_PORT = E2E_PORT + 4;

/**
 * How the tests start an app instance (Playwright's web server, the second instances of sso.spec and reminders.spec):
 * scripts/start.ts under tsx's loader in one Node process. `npx tsx` added an npm start-up and a second Node process
 * to each (about 0.75 s of CPU, and at load 20 some 13 s of wall, per start).
 */
export const START_APP = [process.execPath, "--import", "tsx", "scripts/start.ts", "--no-build"] as const;

let dataDir: string | undefined;

/** One data directory per test run, shared by the server and the fixtures' CLI calls. */
export function e2eDataDir(): string {
  dataDir ??= process.env.OPSMIX_E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "opsmix-e2e-"));
  process.env.OPSMIX_E2E_DATA_DIR = dataDir;
  return dataDir;
}

export function e2eServerEnv(): Record<string, string> {
  const env: Record<string, string> = {
    PORT: String(E2E_PORT),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: E2E_BASE_URL,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production-000000000000",
    NEXT_TELEMETRY_DISABLED: "1",
    OPSMIX_DATA_DIR: e2eDataDir(),
    // Single sign-on against the OpenID Provider e2e/global-setup.ts runs on E2E_PORT+1 (see e2e/oidc-idp.ts).
    OIDC_ISSUER: E2E_OIDC.issuer,
    OIDC_CLIENT_ID: E2E_OIDC.clientId,
    OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
    OIDC_NAME: "Test IdP",
    // E-mail goes to the spec's own SMTP receiver (startMailReceiver(E2E_SMTP_PORT), no login, no TLS).
    SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
    SMTP_FROM: "OpsMix <opsmix@e2e.test>",
    // The chat receivers listen on 127.0.0.1, which delivery refuses by default (SSRF guard).
    OPSMIX_DELIVERY_ALLOW_PRIVATE: "1",
    // Reminders and digests follow a clock the tests move (e2e/reminders.spec.ts, `cli clock:set`), polled every second.
    OPSMIX_TEST_CLOCK: "1",
    OPSMIX_JOBS_POLL_MS: "1000",
  };
  // The tests play the reverse proxy: X-Forwarded-For gives each test its own client address for sign-in limits.
  // E2E_DIRECT=1 starts the server as `npm start` does without a proxy (TRUST_PROXY unset): only the specs that
  // bring their own source addresses run that way (npm run test:e2e:direct).
  if (process.env.E2E_DIRECT !== "1") env.TRUST_PROXY = "1";
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  return env;
}
