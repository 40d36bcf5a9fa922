// Feature vocabulary: 64-bit n-gram keys (two int32 halves) → dense feature ids, in an open-addressing table.
// Lookups allocate nothing, and each slot keeps key and id side by side ([a, b, id + 1]) so that a lookup
// touches one cache line: this table is probed a hundred times per classified entry.

export class Vocabulary {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap * 3);
    this.mask = cap - 1;
  }

  /** The id of key (a, b), or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = (a ^ (b >>> 7)) & mask;
    for (;;) {
      const k = slot * 3;
      const id = slots[k + 2];
      if (id === 0) return -1;
      if (slots[k] === a && slots[k + 1] === b) return id - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Reads the first slot a lookup of (a, b) reads, and returns what it holds (0: empty). Called for many keys in a
   * loop before their lookups, so that their cache misses overlap instead of waiting one for the other.
   */
  touch(a: number, b: number): number {
    return this.slots[((a ^ (b >>> 7)) & this.mask) * 3 + 2];
  }

  /** Inserts (a, b) with the given id if absent; returns the id stored for the key. */
  put(a: number, b: number, id: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let slot = (a ^ (b >>> 7)) & mask;
    for (;;) {
      const k = slot * 3;
      const existing = slots[k + 2];
      if (existing === 0) {
        slots[k] = a;
        slots[k + 1] = b;
        slots[k + 2] = id + 1;
        this.size++;
        return id;
      }
      if (slots[k] === a && slots[k + 1] === b) return existing - 1;
      slot = (slot + 1) & mask;
    }
  }

  clone(): Vocabulary {
    const copy = Object.create(Vocabulary.prototype) as Vocabulary;
    copy.slots = this.slots.slice();
    copy.mask = this.mask;
    copy.size = this.size;
    return copy;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.mask + 1) * 2 - 1;
    this.size = 0;
    for (let k = 0; k < old.length; k += 3) if (old[k + 2] !== 0) this.put(old[k], old[k + 1], old[k + 2] - 1);
  }
}
