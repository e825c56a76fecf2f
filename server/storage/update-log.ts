/**
 * Whether the log rows after `afterSeq` (in order, as `loadUpdatesSince` read them) no longer hold
 * every update after it, because a compaction folded some into a state. Sequence numbers have no
 * gaps, so the first row must be `afterSeq + 1` and an ordinary update; a gap also covers files from
 * before updates were marked compacted.
 */
export function replacedByCompaction(rows: ReadonlyArray<{ seq: number; compacted: number | boolean }>, afterSeq: number): boolean {
  const first = rows[0];
  return first !== undefined && (Boolean(first.compacted) || first.seq !== afterSeq + 1);
}
