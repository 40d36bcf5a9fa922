// Runs once when a server instance starts: build the tagging engine's base model before the first request needs
// it, so the first person to log an entry does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getBaseModel } = await import("./lib/tagging");
  setTimeout(() => getBaseModel(), 0);
}
