// How long a password reset link lasts; shared by the server (lib/auth/password-reset.ts) and the settings page.
export const RESET_LINK_HOURS = 24;
