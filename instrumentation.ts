// Runs once when a server instance starts: record peer addresses, and build the tagging engine's base model before the first request needs
// it, so the first person to log an entry does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next dev` / `next start` (scripts/serve.ts does this itself): per-address limits need each request's peer.
  const { capturePeerAddresses } = await import("./lib/http/client-address");
  capturePeerAddresses();
  const { getBaseModel } = await import("./lib/tagging");
  setTimeout(() => getBaseModel(), 0);
}
