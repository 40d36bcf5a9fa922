// Runs once when the Next.js server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { capturePeerAddresses } = await import("./lib/http/client-address");
    capturePeerAddresses();
  }
}
