// Feature vocabulary: 64-bit n-gram keys (two int32 halves) → dense feature ids, in an open-addressing table.
// Lookups allocate nothing, which is what keeps classification fast.

export class Vocabulary {
  private keysA: Int32Array;
  private keysB: Int32Array;
  /** id + 1 per slot; 0 marks an empty slot. */
  private ids: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keysA = new Int32Array(cap);
    this.keysB = new Int32Array(cap);
    this.ids = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The id of key (a, b), or -1. */
  get(a: number, b: number): number {
    const mask = this.mask;
    let slot = (a ^ (b >>> 7)) & mask;
    for (;;) {
      const id = this.ids[slot];
      if (id === 0) return -1;
      if (this.keysA[slot] === a && this.keysB[slot] === b) return id - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** Inserts (a, b) with the given id if absent; returns the id stored for the key. */
  put(a: number, b: number, id: number): number {
    if ((this.size + 1) * 2 > this.ids.length) this.grow();
    const mask = this.mask;
    let slot = (a ^ (b >>> 7)) & mask;
    for (;;) {
      const existing = this.ids[slot];
      if (existing === 0) {
        this.keysA[slot] = a;
        this.keysB[slot] = b;
        this.ids[slot] = id + 1;
        this.size++;
        return id;
      }
      if (this.keysA[slot] === a && this.keysB[slot] === b) return existing - 1;
      slot = (slot + 1) & mask;
    }
  }

  clone(): Vocabulary {
    const copy = Object.create(Vocabulary.prototype) as Vocabulary;
    copy.keysA = this.keysA.slice();
    copy.keysB = this.keysB.slice();
    copy.ids = this.ids.slice();
    copy.mask = this.mask;
    copy.size = this.size;
    return copy;
  }

  byteSize(): number {
    return this.ids.byteLength * 3;
  }

  private grow(): void {
    const { keysA, keysB, ids } = this;
    const cap = ids.length * 2;
    this.keysA = new Int32Array(cap);
    this.keysB = new Int32Array(cap);
    this.ids = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.put(keysA[i], keysB[i], ids[i] - 1);
  }
}
