/**
 * Content-keyed caches for the PARTY.* functions that read whole tables. Excel hands every call a
 * fresh copy of its ranges, so the key is a hash of the cells the calculation reads, never the
 * array's identity: 500 PARTY.TOTAL cells over one ledger parse and score it once.
 */
import { cellOf } from "./rangeTable";
import type { Matrix } from "./rangeTable";

/** A small least-recently-used map. */
export class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** FNV-1a's prime for lane A, murmur2's multiplier for lane B: two 32-bit lanes make a 64-bit key. */
const PRIME_A = 0x01000193;
const PRIME_B = 0x5bd1e995;

function finish(h: number): string {
  // murmur3 fmix32: every input bit reaches every output bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * A hash over the cells of some columns of a range, from a row on (FNV-1a style, two lanes, typed:
 * the number 1 and the text "1" differ). Columns are hashed in the order given, so two ranges with
 * the same columns in another order and the same content give the same key. -1 is an absent column.
 */
export function hashColumns(range: Matrix, fromRow: number, columns: readonly number[]): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x2f8e4d61 | 0;
  const width = columns.length;
  for (let r = fromRow; r < range.length; r++) {
    const row = range[r];
    a = Math.imul(a ^ 0x1e, PRIME_A);
    b = Math.imul(b ^ 0x1e, PRIME_B);
    for (let k = 0; k < width; k++) {
      const c = columns[k];
      let v: unknown = c < 0 ? null : row[c];
      if (typeof v === "object" && v !== null) v = cellOf(v);
      if (typeof v === "string") {
        const n = v.length;
        a = Math.imul(a ^ (0x20000 | n), PRIME_A);
        b = Math.imul(b ^ (0x20000 | n), PRIME_B);
        for (let i = 0; i < n; i++) {
          const ch = v.charCodeAt(i);
          a = Math.imul(a ^ ch, PRIME_A);
          b = Math.imul(b ^ ch, PRIME_B);
        }
      } else if (typeof v === "number") {
        f64[0] = v;
        a = Math.imul(Math.imul(a ^ 0x10000, PRIME_A) ^ u32[0], PRIME_A);
        a = Math.imul(a ^ u32[1], PRIME_A);
        b = Math.imul(Math.imul(b ^ 0x10000, PRIME_B) ^ u32[1], PRIME_B);
        b = Math.imul(b ^ u32[0], PRIME_B);
      } else if (typeof v === "boolean") {
        a = Math.imul(a ^ (v ? 0x30001 : 0x30000), PRIME_A);
        b = Math.imul(b ^ (v ? 0x30001 : 0x30000), PRIME_B);
      } else {
        a = Math.imul(a ^ 0x40000, PRIME_A);
        b = Math.imul(b ^ 0x40000, PRIME_B);
      }
    }
  }
  return `${Math.max(0, range.length - fromRow)}:${finish(a)}${finish(b)}`;
}

/** How often the expensive steps ran; tests and the bench read these to prove the cache works. */
export const formulaCacheStats = {
  ledgerParses: 0,
  rosterParses: 0,
  appraisalParses: 0,
  scorings: 0,
};

const clearers: (() => void)[] = [];

/** Caches register here so that tests and the bench can start cold. */
export function registerCache(clear: () => void): void {
  clearers.push(clear);
}

/** Empties every formula cache and zeroes the counters. */
export function resetFormulaCaches(): void {
  for (const clear of clearers) clear();
  formulaCacheStats.ledgerParses = 0;
  formulaCacheStats.rosterParses = 0;
  formulaCacheStats.appraisalParses = 0;
  formulaCacheStats.scorings = 0;
}
