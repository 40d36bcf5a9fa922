import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { AdmissionGate, admissionSettings, gatedListener, refusalResponse, type Refusal } from "./admission";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(gate: AdmissionGate) {
  const events: string[] = [];
  const releases = new Map<string, () => void>();
  const cancels = new Map<string, () => void>();
  const enter = (name: string) =>
    cancels.set(
      name,
      gate.enter(
        (release) => {
          events.push(`admit ${name}`);
          releases.set(name, release);
        },
        (reason: Refusal) => events.push(`refuse ${name} ${reason}`),
      ),
    );
  return { events, enter, release: (name: string) => releases.get(name)!(), cancel: (name: string) => cancels.get(name)!() };
}

describe("admission gate", () => {
  test("serves up to the limit at once, queues the next in order, refuses past the queue", () => {
    const gate = new AdmissionGate({ maxInFlight: 2, maxQueue: 2, maxWaitMs: 60_000, lagLimitMs: 100 });
    const r = recorder(gate);
    for (const name of ["a", "b", "c", "d", "e"]) r.enter(name);
    assert.deepEqual(r.events, ["admit a", "admit b", "refuse e queue_full"]);
    assert.deepEqual(gate.stats, { inFlight: 2, limit: 2, waiting: 2, refused: { queue_full: 1, waited_too_long: 0 } });
    r.release("a");
    r.release("a"); // a second release of the same request frees nothing more
    assert.deepEqual(r.events.slice(3), ["admit c"]);
    r.release("b");
    r.release("c");
    r.release("d");
    assert.deepEqual(r.events.slice(4), ["admit d"]);
    assert.equal(gate.stats.inFlight, 0);
    assert.equal(gate.stats.waiting, 0);
  });

  test("a request that waits too long is refused and never admitted later", async () => {
    const gate = new AdmissionGate({ maxInFlight: 1, maxQueue: 5, maxWaitMs: 30, lagLimitMs: 100 });
    const r = recorder(gate);
    r.enter("a");
    r.enter("b");
    await sleep(60);
    assert.deepEqual(r.events, ["admit a", "refuse b waited_too_long"]);
    r.release("a");
    r.enter("c");
    assert.deepEqual(r.events.slice(2), ["admit c"]);
  });

  test("a client that leaves while waiting gives its place to the next", () => {
    const gate = new AdmissionGate({ maxInFlight: 1, maxQueue: 5, maxWaitMs: 60_000, lagLimitMs: 100 });
    const r = recorder(gate);
    r.enter("a");
    r.enter("b");
    r.enter("c");
    r.cancel("b");
    r.release("a");
    assert.deepEqual(r.events, ["admit a", "admit c"]);
    r.cancel("c"); // already admitted: cancelling does nothing
    r.release("c");
    assert.deepEqual(gate.stats.inFlight, 0);
  });

  test("a newcomer does not overtake requests already waiting", () => {
    const gate = new AdmissionGate({ maxInFlight: 1, maxQueue: 5, maxWaitMs: 60_000, lagLimitMs: 100 });
    const r = recorder(gate);
    r.enter("a");
    r.enter("b");
    r.release("a"); // b takes the slot
    r.enter("c");
    assert.deepEqual(r.events, ["admit a", "admit b"]);
    r.release("b");
    assert.deepEqual(r.events, ["admit a", "admit b", "admit c"]);
    r.release("c");
  });

  test("a saturated, late event loop shrinks how many are served at once; a prompt one grows it back while requests wait", () => {
    const gate = new AdmissionGate({ maxInFlight: 8, maxQueue: 100, maxWaitMs: 60_000, lagLimitMs: 100 });
    const r = recorder(gate);
    gate.observeLoop(400, 1);
    assert.equal(gate.stats.limit, 8, "late with nothing in flight: one heavy request, not overload");
    const names = "abcdefghijkl".split("");
    for (const name of names) r.enter(name);
    assert.equal(r.events.length, 8);
    gate.observeLoop(400, 0.5);
    assert.equal(gate.stats.limit, 8, "one long task in an otherwise idle interval is not overload");
    gate.observeLoop(400, 1);
    assert.equal(gate.stats.limit, 4);
    gate.observeLoop(400, 1);
    assert.equal(gate.stats.limit, 4, "never below four");
    for (const name of "abcde") r.release(name); // three in flight, under the limit of four: one more goes
    assert.deepEqual(r.events.slice(8), ["admit i"]);
    gate.observeLoop(20, 0.6); // prompt, and three wait: the limit grows by one, so one more goes
    assert.equal(gate.stats.limit, 5);
    assert.deepEqual(r.events.slice(9), ["admit j"]);
    for (const name of "fghij") r.release(name);
    assert.deepEqual(r.events.slice(10), ["admit k", "admit l"]);
    r.release("k");
    r.release("l");
    for (let i = 0; i < 20; i++) gate.observeLoop(5, 0.1);
    assert.equal(gate.stats.limit, 5, "nothing waits, so the limit stays where it is");
    assert.equal(gate.stats.inFlight, 0);
  });
});

describe("admission settings", () => {
  test("default to the pool's size (at least 8), a queue of four times that (at least 64), 3 s of waiting", () => {
    assert.deepEqual(admissionSettings({ poolSize: 10 }, {}), { maxInFlight: 10, maxQueue: 64, maxWaitMs: 3000, lagLimitMs: 150 });
    assert.deepEqual(admissionSettings({ poolSize: 40 }, {}), { maxInFlight: 40, maxQueue: 160, maxWaitMs: 3000, lagLimitMs: 150 });
    assert.deepEqual(admissionSettings({ poolSize: 2 }, {}), { maxInFlight: 8, maxQueue: 64, maxWaitMs: 3000, lagLimitMs: 150 });
    assert.deepEqual(
      admissionSettings({ poolSize: 10 }, { OPSMIX_MAX_IN_FLIGHT: "5", OPSMIX_MAX_QUEUE: "1", OPSMIX_QUEUE_WAIT_MS: "100", OPSMIX_LAG_LIMIT_MS: "50" }),
      { maxInFlight: 5, maxQueue: 1, maxWaitMs: 100, lagLimitMs: 50 },
    );
  });

  test("refuse a setting that is not a positive whole number, naming it", () => {
    assert.throws(() => admissionSettings({ poolSize: 10 }, { OPSMIX_MAX_IN_FLIGHT: "lots" }), /OPSMIX_MAX_IN_FLIGHT must be a positive whole number/);
    assert.throws(() => admissionSettings({ poolSize: 10 }, { OPSMIX_QUEUE_WAIT_MS: "0" }), /OPSMIX_QUEUE_WAIT_MS/);
  });
});

describe("refusal response", () => {
  test("the API gets translated JSON with Retry-After", () => {
    const zh = refusalResponse("/api/v1/activities", new Headers());
    assert.equal(zh.status, 503);
    assert.equal(zh.headers["Retry-After"], "2");
    assert.deepEqual(JSON.parse(zh.body), { error: { code: "unavailable", message: "运营配比当前繁忙\uFF0C请几秒后重试。" } });
    const en = refusalResponse("/api/v1/activities", new Headers({ "accept-language": "en-US,en;q=0.9" }));
    assert.match(JSON.parse(en.body).error.message, /busy/);
  });

  test("a person gets a page in their language that reloads itself; the saved language wins", () => {
    const page = refusalResponse("/t/growth/dashboard", new Headers({ accept: "text/html", "accept-language": "en", cookie: "opsmix-locale=zh-CN" }));
    assert.equal(page.headers["Content-Type"], "text/html; charset=utf-8");
    assert.match(page.body, /<html lang="zh-CN">/);
    assert.match(page.body, /运营配比当前繁忙/);
    assert.match(page.body, /http-equiv="refresh"/);
    assert.match(page.headers["Content-Security-Policy"]!, /default-src 'none'/);
  });

  test("a server action or client navigation gets plain text, not a page it cannot use", () => {
    const action = refusalResponse("/t/growth/today", new Headers({ accept: "text/x-component", "next-action": "abc" }));
    assert.equal(action.headers["Content-Type"], "text/plain; charset=utf-8");
    assert.equal(action.body, "运营配比当前繁忙\uFF0C请几秒后重试。");
  });
});

describe("gated listener over HTTP", () => {
  const servers: Server[] = [];
  after(() =>
    servers.forEach((server) => {
      server.closeAllConnections();
      server.close();
    }),
  );

  /** A server whose every request is held until `finish()` is called: nothing finishes by the clock. */
  async function serve(gate: AdmissionGate) {
    let served = 0;
    let arrived = 0;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const server = createServer(
      gatedListener(gate, async (_request, response) => {
        arrived++;
        await finished;
        served++;
        response.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, served: () => served, arrived: () => arrived, finish };
  }

  test("a burst past the limits gets 503s while the admitted work is still running; the rest are served", async () => {
    const gate = new AdmissionGate({ maxInFlight: 4, maxQueue: 2, maxWaitMs: 60_000, lagLimitMs: 100 });
    const app = await serve(gate);
    const refusals: { status: number; retryAfter: string | null }[] = [];
    const all = Array.from({ length: 10 }, async () => {
      const response = await fetch(`${app.url}/api/v1/activities`);
      await response.text();
      if (response.status !== 200) refusals.push({ status: response.status, retryAfter: response.headers.get("retry-after") });
      return response.status;
    });
    // Four are being served and two wait, all held; the other four must be answered meanwhile.
    while (refusals.length < 4) await sleep(10);
    assert.equal(app.served(), 0);
    assert.deepEqual(gate.stats.inFlight, 4);
    assert.deepEqual(gate.stats.waiting, 2);
    app.finish();
    const statuses = await Promise.all(all);
    assert.equal(statuses.filter((status) => status === 200).length, 6, "four served at once and two after waiting");
    assert.deepEqual(refusals, Array.from({ length: 4 }, () => ({ status: 503, retryAfter: "2" })));
    assert.equal(app.served(), 6);
    while (gate.stats.inFlight > 0) await sleep(10);
    assert.equal(gate.stats.waiting, 0);
  });

  test("static build files are never refused", async () => {
    const gate = new AdmissionGate({ maxInFlight: 1, maxQueue: 1, maxWaitMs: 5_000, lagLimitMs: 100 });
    const app = await serve(gate);
    const pending = Array.from({ length: 6 }, () => fetch(`${app.url}/_next/static/chunks/app.js`).then((r) => r.status));
    while (app.arrived() < 6) await sleep(10); // all six held at once: with a limit of one, the gate never saw them
    assert.equal(gate.stats.inFlight, 0);
    app.finish();
    const statuses = await Promise.all(pending);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200]);
  });
});
