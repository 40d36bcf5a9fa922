import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The user's session version when this token was issued. */
    sv?: number;
    /** Unix seconds of the sign-in that issued this token (absolute session limit). */
    authAt?: number;
    /** This sign-in's session id: sign-out revokes it. */
    sid?: string;
  }
}
