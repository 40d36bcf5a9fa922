// The worker's switches: OPSMIX_JOBS=off keeps an instance out of scheduled work, OPSMIX_JOBS_POLL_MS sets its pace.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_POLL_MS, jobsEnabled, pollInterval, startJobWorker } from "./worker";

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("job worker settings", () => {
  it("runs unless OPSMIX_JOBS=off, and polls every OPSMIX_JOBS_POLL_MS (a nonsense value falls back to 5 s)", () => {
    assert.equal(jobsEnabled(env({})), true);
    assert.equal(jobsEnabled(env({ OPSMIX_JOBS: "off" })), false);
    assert.equal(pollInterval(env({})), DEFAULT_POLL_MS);
    assert.equal(pollInterval(env({ OPSMIX_JOBS_POLL_MS: "750" })), 750);
    assert.equal(pollInterval(env({ OPSMIX_JOBS_POLL_MS: "fast" })), DEFAULT_POLL_MS);
    assert.equal(pollInterval(env({ OPSMIX_JOBS_POLL_MS: "5" })), DEFAULT_POLL_MS, "below 100 ms would hammer the database");
  });

  it("an instance with OPSMIX_JOBS=off never schedules or claims anything", async () => {
    let ticks = 0;
    const stop = startJobWorker({ schedule: async () => void (ticks += 1), run: {} }, env({ OPSMIX_JOBS: "off", OPSMIX_JOBS_POLL_MS: "100" }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    assert.equal(ticks, 0);
  });
});
