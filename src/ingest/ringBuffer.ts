/**
 * Bounded FIFO for the live log: keeps the newest items within a count cap and a byte cap.
 *
 * A firehose pushes thousands of items a second for hours, so push must be O(1) and memory must stay flat:
 * slots live in a preallocated array used circularly (Array.shift would be O(n) per message), and each
 * slot's byte size sits in a parallel Float64Array so byte eviction is exact without touching the items.
 *
 * Every pushed item gets a sequence number (0, 1, 2, … never reused, not even after clear), so views can
 * ask "what arrived since seq N?" and keep stable keys while old rows fall off the front.
 */
/** What `takeAll` removed: the items oldest first, their byte sizes, and the seq of the first. */
export interface RingSnapshot<T> {
  readonly firstSeq: number;
  readonly items: readonly T[];
  readonly sizes: readonly number[];
  /** Which clear made it: a later clear makes it stale. */
  readonly clears: number;
}

export class RingBuffer<T> {
  #items: (T | undefined)[];
  #sizes: Float64Array;
  #capacity: number;
  readonly #maxBytes: number;
  #head = 0; // slot of the oldest item
  #count = 0;
  #bytes = 0;
  #evicted = 0;
  #firstSeq = 0;
  #clears = 0;

  constructor(capacity: number, maxBytes = Number.POSITIVE_INFINITY) {
    RingBuffer.#checkCapacity(capacity);
    if (!(maxBytes >= 0)) throw new RangeError(`RingBuffer maxBytes must be >= 0, got ${maxBytes}`);
    this.#capacity = capacity;
    this.#maxBytes = maxBytes;
    this.#items = new Array<T | undefined>(capacity).fill(undefined);
    this.#sizes = new Float64Array(capacity);
  }

  // Capacity 0 would break the "newest item always stays" guarantee the log relies on.
  static #checkCapacity(n: number): void {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`RingBuffer capacity must be an integer >= 1, got ${n}`);
  }

  get size(): number {
    return this.#count;
  }
  get capacity(): number {
    return this.#capacity;
  }
  get maxBytes(): number {
    return this.#maxBytes;
  }
  /** Sum of the byte sizes given to push() for the items currently held. */
  get bytes(): number {
    return this.#bytes;
  }
  /** Items dropped to respect the caps since creation; clear() does not count as eviction. */
  get evicted(): number {
    return this.#evicted;
  }
  /** Seq of the oldest item held (equals nextSeq when empty). */
  get firstSeq(): number {
    return this.#firstSeq;
  }
  /** Seq the next pushed item will get. */
  get nextSeq(): number {
    return this.#firstSeq + this.#count;
  }

  /** Appends an item, evicting the oldest as needed; a single item larger than maxBytes is still kept. */
  push(item: T, bytes: number): void {
    // A NaN or negative size would corrupt the byte total for the buffer's whole lifetime: fail loudly.
    if (!(bytes >= 0)) throw new RangeError(`RingBuffer.push bytes must be >= 0, got ${bytes}`);
    if (this.#count === this.#capacity) this.#evictOldest();
    const slot = (this.#head + this.#count) % this.#capacity;
    this.#items[slot] = item;
    this.#sizes[slot] = bytes;
    this.#count++;
    this.#bytes += bytes;
    while (this.#bytes > this.#maxBytes && this.#count > 1) this.#evictOldest();
  }

  /** Item at `index` counting from the oldest (0), or undefined when out of range. */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) return undefined;
    return this.#items[(this.#head + index) % this.#capacity];
  }

  /** Item with sequence number `seq`, or undefined if it was evicted, cleared or not pushed yet. */
  bySeq(seq: number): T | undefined {
    return this.at(seq - this.#firstSeq);
  }

  /** Calls `fn` for each held item with seq >= `seq`, oldest first. */
  forEachSince(seq: number, fn: (item: T, seq: number) => void): void {
    const from = Math.max(Math.ceil(seq), this.#firstSeq) - this.#firstSeq;
    for (let i = from; i < this.#count; i++) {
      fn(this.#items[(this.#head + i) % this.#capacity] as T, this.#firstSeq + i);
    }
  }

  /** Empties the buffer; sequence numbers keep counting so stale seqs can never alias new items. */
  clear(): void {
    this.#clears++;
    // Drop references so cleared payloads can be garbage-collected now, not when their slot is reused.
    this.#items.fill(undefined);
    this.#firstSeq += this.#count;
    this.#head = 0;
    this.#count = 0;
    this.#bytes = 0;
  }

  /**
   * Empties the buffer like clear(), handing the items over so an Undo can put them back (`restore`).
   * Costs one array of the held items; the caller decides how long to keep it alive.
   */
  takeAll(): RingSnapshot<T> {
    const items: T[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < this.#count; i++) {
      const slot = (this.#head + i) % this.#capacity;
      items.push(this.#items[slot] as T);
      sizes.push(this.#sizes[slot] ?? 0);
    }
    const firstSeq = this.#firstSeq;
    this.clear();
    return { firstSeq, items, sizes, clears: this.#clears };
  }

  /**
   * Puts the items a `takeAll` removed back in front of whatever arrived since, under their old sequence
   * numbers (the next seqs were never reused, so they still line up). The caps still hold: the oldest
   * restored items give way first, counted as evicted. False, and nothing changed, when the buffer was
   * cleared again in between.
   */
  restore(snapshot: RingSnapshot<T>): boolean {
    if (snapshot.clears !== this.#clears) return false;
    if (this.#firstSeq > snapshot.firstSeq + snapshot.items.length) {
      // What arrived since has already filled the caps: every restored item would be evicted at once.
      this.#evicted += snapshot.items.length;
      return true;
    }
    const newer: T[] = [];
    const newerSizes: number[] = [];
    for (let i = 0; i < this.#count; i++) {
      const slot = (this.#head + i) % this.#capacity;
      newer.push(this.#items[slot] as T);
      newerSizes.push(this.#sizes[slot] ?? 0);
    }
    this.#items.fill(undefined);
    this.#head = 0;
    this.#count = 0;
    this.#bytes = 0;
    this.#firstSeq = snapshot.firstSeq;
    const all = snapshot.items.concat(newer);
    const sizes = snapshot.sizes.concat(newerSizes);
    // Eviction while re-pushing counts, as it would have without the Clear.
    for (let i = 0; i < all.length; i++) this.push(all[i] as T, sizes[i] ?? 0);
    return true;
  }

  /** Changes the count cap; shrinking evicts (and counts) the oldest items that no longer fit. */
  setCapacity(n: number): void {
    RingBuffer.#checkCapacity(n);
    while (this.#count > n) this.#evictOldest();
    const items = new Array<T | undefined>(n).fill(undefined);
    const sizes = new Float64Array(n);
    for (let i = 0; i < this.#count; i++) {
      const slot = (this.#head + i) % this.#capacity;
      items[i] = this.#items[slot];
      sizes[i] = this.#sizes[slot] ?? 0;
    }
    this.#items = items;
    this.#sizes = sizes;
    this.#capacity = n;
    this.#head = 0;
  }

  #evictOldest(): void {
    const slot = this.#head;
    this.#bytes -= this.#sizes[slot] ?? 0;
    this.#items[slot] = undefined;
    this.#head = (slot + 1) % this.#capacity;
    this.#count--;
    this.#firstSeq++;
    this.#evicted++;
  }
}
