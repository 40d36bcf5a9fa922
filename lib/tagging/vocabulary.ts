// Feature vocabulary: 64-bit n-gram keys (two int32 halves) → dense feature ids, in an open-addressing table.
// Lookups allocate nothing. A slot is 8 bytes, [b, id + 1]: the key's other half, `a`, is not stored but picks the
// slot (with b), so a stored key matches a looked-up one on b's 32 bits and the slot's index bits (17 or more at the
// sizes a base model has): a chance of about 1 in 10^14 that an unseen n-gram reads as a known one. Eight-byte slots at
// a load of at most 3/4 hold up to 98,304 features in 1 MB (the base had about 82,000 in session 14 before its new real
// lines, 100,597 after them: 2 MB, against 3 MB in the old 12-byte slots); this table is probed a hundred times per
// classified entry.

/** Slots per table grow when more than MAX_LOAD_NUM / MAX_LOAD_DEN of them are taken. */
const MAX_LOAD_NUM = 3;
const MAX_LOAD_DEN = 4;

export class Vocabulary {
  private slots: Int32Array;
  /** Per slot, the hash its key was placed from (for growing the table; lookups never read it). */
  private homes: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap * MAX_LOAD_NUM < capacity * MAX_LOAD_DEN) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.homes = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The id of key (a, b), or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = (a ^ (b >>> 7)) & mask;
    for (;;) {
      const k = slot << 1;
      const id = slots[k + 1];
      if (id === 0) return -1;
      if (slots[k] === b) return id - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Reads the first slot a lookup of (a, b) reads, and returns what it holds (0: empty). Called for many keys in a
   * loop before their lookups, so that their cache misses overlap instead of waiting one for the other.
   */
  touch(a: number, b: number): number {
    return this.slots[(((a ^ (b >>> 7)) & this.mask) << 1) + 1];
  }

  /** Inserts (a, b) with the given id if absent; returns the id stored for the key. */
  put(a: number, b: number, id: number): number {
    if ((this.size + 1) * MAX_LOAD_DEN > (this.mask + 1) * MAX_LOAD_NUM) this.grow();
    return this.place(a ^ (b >>> 7), b, id);
  }

  clone(): Vocabulary {
    const copy = Object.create(Vocabulary.prototype) as Vocabulary;
    copy.slots = this.slots.slice();
    copy.homes = this.homes.slice();
    copy.mask = this.mask;
    copy.size = this.size;
    return copy;
  }

  /** Stores key b with the given id at the first free slot from `home` on, unless b is already there. */
  private place(home: number, b: number, id: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = home & mask;
    for (;;) {
      const k = slot << 1;
      const existing = slots[k + 1];
      if (existing === 0) {
        this.homes[slot] = home;
        slots[k] = b;
        slots[k + 1] = id + 1;
        this.size++;
        return id;
      }
      if (slots[k] === b) return existing - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** Doubles the table, re-placing every key from its home hash (kept in `homes`, which lookups never read). */
  private grow(): void {
    const old = this.slots;
    const oldHomes = this.homes;
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap * 2);
    this.homes = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let slot = 0; slot < oldHomes.length; slot++) {
      const k = slot << 1;
      if (old[k + 1] !== 0) this.place(oldHomes[slot], old[k], old[k + 1] - 1);
    }
  }
}
