import { hash } from 'node:crypto';

const EMPTY = -1;
const DELETED = -2;
/** Slots filled (deleted ones included) before the table doubles. */
const MAX_LOAD = 0.75;

/**
 * A map from custom_id to a non-negative number in 16 bytes a slot, however long the custom_id: a resumed
 * 200,000-request run holds one entry per earlier answer, and one per request while it plans, where a `Map`
 * of strings took 70 to 115 bytes an entry (the key string, the table, a boxed number) and put the run over
 * its memory budget. A key is 64 bits of the custom_id's SHA-256: two custom_ids of one 200,000-request file
 * share theirs about once in 10^9 runs.
 */
export class CustomIdTable {
  private high: Uint32Array;
  private low: Uint32Array;
  private slots: Float64Array;
  private count = 0;
  private filled = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size * MAX_LOAD < capacity) size *= 2;
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.slots = new Float64Array(size).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  get(customId: string): number | undefined {
    const slot = this.find(customIdKey(customId));
    return slot < 0 ? undefined : this.slots[slot];
  }

  has(customId: string): boolean {
    return this.find(customIdKey(customId)) >= 0;
  }

  /** `value` must be a non-negative safe integer. */
  set(customId: string, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`CustomIdTable holds non-negative integers, not ${value}`);
    const key = customIdKey(customId);
    const found = this.find(key);
    if (found >= 0) {
      this.slots[found] = value;
      return this;
    }
    if ((this.filled + 1) > this.slots.length * MAX_LOAD) this.resize(this.count + 1 > this.slots.length * MAX_LOAD * 0.5 ? this.slots.length * 2 : this.slots.length);
    this.insert(key, value);
    return this;
  }

  delete(customId: string): boolean {
    const slot = this.find(customIdKey(customId));
    if (slot < 0) return false;
    this.slots[slot] = DELETED;
    this.count--;
    return true;
  }

  *values(): IterableIterator<number> {
    for (const value of this.slots) if (value >= 0) yield value;
  }

  /** The slot holding `key`, or -1. */
  private find([high, low]: CustomIdKey): number {
    const mask = this.slots.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      const value = this.slots[slot];
      if (value === EMPTY) return -1;
      if (value !== DELETED && this.low[slot] === low && this.high[slot] === high) return slot;
    }
  }

  private insert([high, low]: CustomIdKey, value: number): void {
    const mask = this.slots.length - 1;
    let slot = low & mask;
    while (this.slots[slot] !== EMPTY && this.slots[slot] !== DELETED) slot = (slot + 1) & mask;
    if (this.slots[slot] === EMPTY) this.filled++;
    this.high[slot] = high;
    this.low[slot] = low;
    this.slots[slot] = value;
    this.count++;
  }

  /** Moves every entry into `size` slots, leaving the deleted ones behind. */
  private resize(size: number): void {
    const { high, low, slots } = this;
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.slots = new Float64Array(size).fill(EMPTY);
    this.count = 0;
    this.filled = 0;
    for (let slot = 0; slot < slots.length; slot++) if (slots[slot] >= 0) this.insert([high[slot], low[slot]], slots[slot]);
  }
}

type CustomIdKey = readonly [high: number, low: number];

function customIdKey(customId: string): CustomIdKey {
  const digest = hash('sha256', customId);
  return [Number.parseInt(digest.slice(0, 8), 16), Number.parseInt(digest.slice(8, 16), 16)];
}
