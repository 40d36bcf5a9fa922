import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { getBaseModel, type LabelledExample } from ".";
import { EXAMPLE_BANK } from "./examples";
import { readLines, RowBuffer, taggedRowJson } from "./jsonl-out";

/** What the tag CLI wrote before taggedRowJson: JSON.stringify of the row. */
function reference(id: unknown, text: string, tag: ReturnType<ReturnType<typeof getBaseModel>["classify"]>, explain: boolean) {
  const row = {
    id, text, role: tag.role, stage: tag.stage, confidence: tag.confidence, needsReview: tag.needsReview,
    ...(explain ? { explanation: tag.explanation } : {}),
  };
  return JSON.stringify(row) + "\n";
}

describe("tag CLI output rows", () => {
  it("are the bytes JSON.stringify writes, for the base and a team model, with and without explanations", () => {
    const base = getBaseModel();
    const team = base.fork();
    const learned: LabelledExample[] = EXAMPLE_BANK.slice(0, 40).map((e, i) => ({
      text: e.text, role: i % 2 ? e.role : "community", stage: i % 3 ? e.stage : "activation",
    }));
    for (const e of learned) team.learn(e);
    const ids: unknown[] = ["a", 7, -0, 1.5e300, null, undefined, { x: [1, "\u2028"] }, true, "引号\"\\", "\ud83d", "t\u0000"];
    const texts = [
      ...EXAMPLE_BANK.slice(0, 300).map((e) => e.text), "", "🎉🎉", "x", "\"quoted\" \\ back\u2028slash\t\u0001", "回复社区帖子32条",
      "lone \ud800 high, \udc00 low 社群", "pair 🎉 DEL\u007f 公众号",
    ];
    let teamDecided = 0;
    let teamNearest = 0;
    texts.forEach((text, i) => {
      for (const model of [base, team]) {
        const tag = model.classify(text);
        if (tag.explanation.teamExamples !== undefined) teamDecided++;
        if (tag.explanation.nearest?.source === "team") teamNearest++;
        const id = ids[i % ids.length];
        for (const explain of [true, false]) assert.equal(taggedRowJson(id, text, tag, explain), reference(id, text, tag, explain));
      }
    });
    // The team-only parts of an explanation were exercised too.
    assert.ok(teamDecided > 0 && teamNearest > 0, `${teamDecided} team-decided, ${teamNearest} with a team example`);
  });
});

describe("tag CLI output bytes", () => {
  it("are the UTF-8 of the rows as written, across chunks and rows longer than a chunk", () => {
    const rows = [
      "{\"text\":\"回复社区帖子32条\"}\n", "plain ascii\n", "pair 🎉 and lone \ud800 high, \udc00 low\n", "",
      `${"长".repeat(100)}\n`, `${"x".repeat(5000)}🎉\n`, "\u2028\u0000\n",
    ];
    for (const chunkSize of [16, 64, 1 << 17]) {
      const buffer = new RowBuffer(chunkSize);
      const taken: Buffer[] = [];
      const written: string[] = [];
      for (let i = 0; i < 60; i++) {
        const row = rows[i % rows.length];
        buffer.push(row);
        written.push(row);
        if (i % 7 === 3) taken.push(buffer.take());
      }
      taken.push(buffer.take());
      assert.equal(buffer.size, 0);
      assert.ok(Buffer.concat(taken).equals(Buffer.from(written.join(""), "utf8")), `chunks of ${chunkSize} bytes`);
    }
  });

  it("taken earlier stay as they were while more rows are written", () => {
    const buffer = new RowBuffer(32);
    buffer.push("first row\n");
    const first = buffer.take();
    buffer.push("second row, longer than the first\n");
    assert.equal(first.toString("utf8"), "first row\n");
  });
});

describe("tag CLI input lines", () => {
  async function viaReadline(chunks: Buffer[]): Promise<string[]> {
    const lines: string[] = [];
    for await (const line of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) lines.push(line);
    return lines;
  }
  async function viaReadLines(chunks: Buffer[]): Promise<string[]> {
    const lines: string[] = [];
    for await (const batch of readLines(Readable.from(chunks))) lines.push(...batch);
    return lines;
  }

  it("split as readline splits them, however the bytes are chunked", async () => {
    const bytes = Buffer.concat([
      Buffer.from("\ufeff{\"id\":1}\r\n中文一行\r第三行\n\n  \r\n"),
      Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x0a]),
      Buffer.from("🎉 emoji\r\n\r\rlast line without a break"),
    ]);
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      assert.deepEqual(await viaReadLines(chunks), await viaReadline(chunks), `chunks of ${size} bytes`);
    }
    assert.deepEqual(await viaReadLines([]), []);
    assert.deepEqual(await viaReadLines([Buffer.from("one\n")]), ["one"]);
  });
});
