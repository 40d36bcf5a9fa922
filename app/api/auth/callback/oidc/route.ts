// The IdP sends people back here after single sign-on. next-auth does the exchange; this wrapper turns its generic
// failure redirect into the sign-in page with the real reason, and audits it.
import { ssoCallback } from "@/lib/auth/sso-callback";

export const GET = ssoCallback;
