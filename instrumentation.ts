// Runs once when a server instance starts: record peer addresses, build the tagging engine's base model before the first request needs
// it (so the first person to log an entry does not wait for it), and start the reminder/digest job worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next dev` / `next start` (scripts/serve.ts does this itself): per-address limits need each request's peer.
  const { capturePeerAddresses } = await import("./lib/http/client-address");
  capturePeerAddresses();
  const { getBaseModel } = await import("./lib/tagging");
  setTimeout(() => getBaseModel(), 0);
  // Reminders and digests: every instance polls the shared jobs table (OPSMIX_JOBS=off opts an instance out).
  if (process.env.OPSMIX_TEST_CLOCK === "1") console.warn("[jobs] OPSMIX_TEST_CLOCK=1: scheduled work follows the test clock in the database (tests only)");
  const { startRhythmJobs } = await import("./lib/rhythm/jobs");
  startRhythmJobs();
}
