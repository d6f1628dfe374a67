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
 * A hash over the cells of some columns of a range, row by row (FNV-1a style over 32-bit words, two
 * lanes for a 64-bit key, typed: the number 1 and the text "1" differ). Columns are hashed in the order
 * given, so two ranges with the same columns in another order and the same content give the same key.
 * -1 is an absent column. Every row has the same number of cells hashed, so rows need no separator;
 * the row count is part of the key.
 */
export class ColumnHasher {
  private a = 0x811c9dc5 | 0;
  private b = 0x2f8e4d61 | 0;

  constructor(private readonly columns: readonly number[]) {}

  row(row: readonly unknown[]): void {
    let a = this.a;
    let b = this.b;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      let v: unknown = c < 0 ? null : row[c];
      if (typeof v === "number") {
        if ((v | 0) === v) {
          // Whole numbers (serial dates, counts, most values): one word.
          a = Math.imul(Math.imul(a ^ 0x1, PRIME_A) ^ v, PRIME_A);
          b = Math.imul(Math.imul(b ^ 0x1, PRIME_B) ^ v, PRIME_B);
        } else {
          f64[0] = v;
          a = Math.imul(Math.imul(Math.imul(a ^ 0x2, PRIME_A) ^ u32[0], PRIME_A) ^ u32[1], PRIME_A);
          b = Math.imul(Math.imul(Math.imul(b ^ 0x2, PRIME_B) ^ u32[1], PRIME_B) ^ u32[0], PRIME_B);
        }
        continue;
      }
      if (typeof v === "object" && v !== null) v = cellOf(v);
      if (typeof v === "string") {
        const n = v.length;
        a = Math.imul(a ^ (0x30000 | n), PRIME_A);
        b = Math.imul(b ^ (0x30000 | n), PRIME_B);
        let i = 0;
        // Two UTF-16 units per word.
        for (; i + 1 < n; i += 2) {
          const w = v.charCodeAt(i) | (v.charCodeAt(i + 1) << 16);
          a = Math.imul(a ^ w, PRIME_A);
          b = Math.imul(b ^ w, PRIME_B);
        }
        if (i < n) {
          const w = v.charCodeAt(i);
          a = Math.imul(a ^ w, PRIME_A);
          b = Math.imul(b ^ w, PRIME_B);
        }
      } else if (typeof v === "boolean") {
        a = Math.imul(a ^ (v ? 0x5 : 0x4), PRIME_A);
        b = Math.imul(b ^ (v ? 0x5 : 0x4), PRIME_B);
      } else {
        a = Math.imul(a ^ 0x6, PRIME_A);
        b = Math.imul(b ^ 0x6, PRIME_B);
      }
    }
    this.a = a;
    this.b = b;
  }

  /** The key of the rows hashed so far; `rows` is how many there were. */
  key(rows: number): string {
    return `${rows}:${finish(this.a)}${finish(this.b)}`;
  }
}

/** The ColumnHasher key of a range's columns from a row on. */
export function hashColumns(range: Matrix, fromRow: number, columns: readonly number[]): string {
  const hasher = new ColumnHasher(columns);
  for (let r = fromRow; r < range.length; r++) hasher.row(range[r]);
  return hasher.key(Math.max(0, range.length - fromRow));
}

/** How often the expensive steps ran; tests and the bench read these to prove the cache works. */
export const formulaCacheStats = {
  ledgerParses: 0,
  rosterParses: 0,
  appraisalParses: 0,
  scorings: 0,
  /** Passes over the ledger's entries (one per cycle: its periods are scored from it). */
  cycleReads: 0,
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
  formulaCacheStats.cycleReads = 0;
}
