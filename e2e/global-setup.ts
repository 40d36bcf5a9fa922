// Runs once per Playwright run: the OpenID Provider the app's single sign-on talks to (stopped when the run ends).
import { startIdp } from "./oidc-idp";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stop = await startIdp();
  return stop;
}
