// The embedded database listens on 127.0.0.1, where every local user and process can connect: it asks for a
// password generated into the data directory (readable by its owner only), never a fixed one.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { startEmbedded, type EmbeddedDatabase } from "./embedded";
import { resolveDatabase } from "./url";

let dir: string;
let database: EmbeddedDatabase;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "opsmix-embedded-auth-"));
  database = await startEmbedded({ dataDir: dir, handleSignals: false });
});

after(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function connectAs(password: string | undefined): Promise<string> {
  const client = new pg.Client({ host: "127.0.0.1", port: database.port, user: "postgres", database: "postgres", password, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ answer: number }>("SELECT 1 AS answer");
    return `connected ${rows[0]!.answer}`;
  } catch (error) {
    return `refused ${(error as { code?: string }).code ?? (error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("embedded database listener", () => {
  it("refuses the old fixed credentials, a wrong password and none at all", async () => {
    assert.equal(await connectAs("postgres"), "refused 28P01");
    assert.equal(await connectAs("guess"), "refused 28P01");
    assert.match(await connectAs(undefined), /^refused/);
  });

  it("admits the password generated into the data directory (owner-only), which the app and the CLI find there", async () => {
    const file = path.join(dir, "db-password");
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const password = fs.readFileSync(file, "utf8").trim();
    assert.ok(password.length >= 24);
    assert.equal(await connectAs(password), "connected 1");
    assert.equal(new URL(database.url).password, password);
    assert.equal(new URL(resolveDatabase({ NODE_ENV: "test", OPSMIX_DATA_DIR: dir }).url).password, password);
    // Still served afterwards, after refusals in between.
    assert.equal(await connectAs("nope"), "refused 28P01");
    assert.equal(await connectAs(password), "connected 1");
  });
});
