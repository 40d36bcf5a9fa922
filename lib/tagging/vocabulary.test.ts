// The feature vocabulary keeps every n-gram key's id through growth and copies, and finds no id for a key it never
// stored: a wrong hit would give an entry another n-gram's weights and cues.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Vocabulary } from "./vocabulary";

/** Deterministic pseudo-random 32-bit integers (xorshift). */
function randomInts(seed: number, count: number): Int32Array {
  const out = new Int32Array(count);
  let x = seed | 0;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
}

test("ids survive many doublings of the table, and re-putting a key returns its first id", () => {
  const vocab = new Vocabulary(16);
  const keys = randomInts(7, 2 * 100_000);
  for (let i = 0; i < 100_000; i++) assert.equal(vocab.put(keys[2 * i], keys[2 * i + 1], i), i);
  assert.equal(vocab.size, 100_000);
  for (let i = 0; i < 100_000; i += 7) assert.equal(vocab.get(keys[2 * i], keys[2 * i + 1]), i);
  assert.equal(vocab.put(keys[10], keys[11], 123_456), 5, "a key already present keeps its id");
  assert.equal(vocab.size, 100_000);
});

test("keys never stored are not found, including ones sharing a half with a stored key", () => {
  const vocab = new Vocabulary(1024);
  const keys = randomInts(11, 2 * 50_000);
  for (let i = 0; i < 50_000; i++) vocab.put(keys[2 * i], keys[2 * i + 1], i);
  const unseen = randomInts(12345, 2 * 50_000);
  let found = 0;
  for (let i = 0; i < 50_000; i++) if (vocab.get(unseen[2 * i], unseen[2 * i + 1]) >= 0) found++;
  assert.equal(found, 0);
  // Same first half, other second half; same second half, other first half (a different home slot).
  for (let i = 0; i < 1000; i++) {
    assert.equal(vocab.get(keys[2 * i], keys[2 * i + 1] ^ 0x5bd1e995), -1);
    assert.equal(vocab.get(keys[2 * i] ^ 0x10000, keys[2 * i + 1]), -1);
  }
});

test("a clone grows on its own: the original does not see the copy's new keys", () => {
  const vocab = new Vocabulary(16);
  const keys = randomInts(3, 2 * 5000);
  for (let i = 0; i < 2000; i++) vocab.put(keys[2 * i], keys[2 * i + 1], i);
  const copy = vocab.clone();
  for (let i = 2000; i < 5000; i++) copy.put(keys[2 * i], keys[2 * i + 1], i);
  assert.equal(copy.get(keys[2 * 4999], keys[2 * 4999 + 1]), 4999);
  assert.equal(vocab.get(keys[2 * 4999], keys[2 * 4999 + 1]), -1);
  assert.equal(vocab.get(keys[2 * 1999], keys[2 * 1999 + 1]), 1999);
  assert.equal(vocab.size, 2000);
  assert.equal(copy.size, 5000);
});
