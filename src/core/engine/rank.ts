/**
 * Competition ranking ("1224"): equal totals share a rank and the next rank skips. Subjects marked
 * `last` (vetoed) rank after everyone else, sharing one rank among themselves.
 */
export function rankCompetition(subjects: readonly { total: number; last: boolean }[]): number[] {
  const order = subjects.map((_, i) => i);
  order.sort((a, b) => {
    const sa = subjects[a];
    const sb = subjects[b];
    if (sa.last !== sb.last) return sa.last ? 1 : -1;
    return sa.last ? 0 : sb.total - sa.total;
  });
  const ranks = new Array<number>(subjects.length);
  order.forEach((idx, pos) => {
    const prev = pos > 0 ? subjects[order[pos - 1]] : null;
    const cur = subjects[idx];
    const tied = prev !== null && prev.last === cur.last && (cur.last || prev.total === cur.total);
    ranks[idx] = tied ? ranks[order[pos - 1]] : pos + 1;
  });
  return ranks;
}
