/** The name of the snapshot that saves a round when the facilitator starts the next one. */
export const roundSnapshotName = (round: number): string => `Round ${round}`;

/**
 * The snapshot the round before `round` was saved as: the latest one named
 * "Round <round − 1>" in a list given oldest first (cut it at the snapshot being
 * reported on, so a later save is never taken for an earlier one). Null in the
 * first round, or when the round was never saved.
 */
export function previousRoundSnapshot<T extends { name: string }>(snapshots: readonly T[], round: number | undefined): T | null {
  if (round === undefined || round <= 1) return null;
  return snapshots.findLast((s) => s.name === roundSnapshotName(round - 1)) ?? null;
}
