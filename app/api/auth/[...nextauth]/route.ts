// next-auth, behind the sign-in throttle.
export { GET, POST } from "@/lib/auth/sign-in-route";
