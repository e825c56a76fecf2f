/** Participant colours: distinct on white and on a projector, AA contrast for white text. */
export const PARTICIPANT_COLORS = [
  "#2563eb",
  "#db2777",
  "#059669",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#dc2626",
  "#4d7c0f",
  "#c026d3",
  "#0f766e",
  "#b45309",
  "#4f46e5",
] as const;

/** A stable colour for an id, so the same person keeps their colour everywhere. */
export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PARTICIPANT_COLORS[h % PARTICIPANT_COLORS.length]!;
}
