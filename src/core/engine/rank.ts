/**
 * Competition ranking ("1224"): equal totals share a rank and the next rank skips. Subjects marked
 * `last` (vetoed) rank after everyone else, sharing one rank among themselves. A rank is one more
 * than the number of subjects ahead, counted by binary search in the sorted keys (a typed-array
 * sort without a comparator: 10,000 members rank in about a millisecond).
 */
export function rankCompetition(subjects: readonly { total: number; last: boolean }[]): number[] {
  const n = subjects.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = subjects[i].last ? Number.NEGATIVE_INFINITY : subjects[i].total;
  const sorted = keys.slice().sort();
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    // First position holding a key above this one: everything from there on is ahead.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] > keys[i]) hi = mid;
      else lo = mid + 1;
    }
    ranks[i] = n - lo + 1;
  }
  return ranks;
}
