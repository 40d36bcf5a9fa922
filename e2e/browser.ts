// Playwright's own Chromium when it is installed (a developer's machine), else Debian's /usr/bin/chromium.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export function chromiumExecutable(): string | undefined {
  if (process.env.OPSMIX_CHROMIUM) return process.env.OPSMIX_CHROMIUM;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {}
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
