import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./e2e/browser";
import { E2E_BASE_URL, E2E_PORT, e2eServerEnv, START_APP } from "./e2e/server-env";

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "./e2e",
  // Per port: CI runs the embedded and the PostgreSQL suites side by side, and each run empties its output directory.
  outputDir: `test-results/${E2E_PORT}`,
  // The OpenID Provider for single sign-on (e2e/oidc-idp.ts) on E2E_PORT+1; stopped by the teardown it returns.
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  reporter: CI ? [["list"]] : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    locale: "zh-CN",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: START_APP.join(" "),
    url: `${E2E_BASE_URL}/signin`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: e2eServerEnv(),
    stdout: "pipe",
    stderr: "pipe",
  },
});
