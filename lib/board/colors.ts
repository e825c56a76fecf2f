/**
 * Participant colours, in the order they are handed out. Forty, so a lecture-hall group never sees
 * two people in one colour. Chosen from the sRGB cube (17-step grid) by farthest-first selection in
 * CIEDE2000, starting from blue and kept away from the board's own greys and near-black centre
 * marks: each colour is as different as it can be from every one before it, so the first few
 * joiners get the most different ones. Every colour is at least 3:1 against white (dots on the
 * grid) and carries white or near-black text at 4.5:1 (initials); chroma is at least 25, so none
 * reads as a disabled grey. tests/unit/colors.test.ts checks all of this.
 */
export const PARTICIPANT_COLORS = [
  "#2563eb",
  "#778800",
  "#ff2200",
  "#ff00aa",
  "#553300",
  "#004422",
  "#880033",
  "#bb7700",
  "#009988",
  "#8800aa",
  "#bb7777",
  "#992200",
  "#885577",
  "#bb66ff",
  "#00aa44",
  "#006666",
  "#444477",
  "#555500",
  "#007722",
  "#dd0044",
  "#0099bb",
  "#886644",
  "#005577",
  "#aa88bb",
  "#0022ff",
  "#661155",
  "#1188dd",
  "#bb5511",
  "#998855",
  "#bb8866",
  "#bb0088",
  "#7755bb",
  "#ff5577",
  "#7788ff",
  "#779966",
  "#995555",
  "#aa00ff",
  "#112299",
  "#667744",
  "#663322",
] as const;

/**
 * The colour for the next person to join: the first in the palette's order that nobody on the
 * board has. Past forty people, the one fewest people have (the earliest of those).
 */
export function nextColor(inUse: Iterable<string>): string {
  const uses = new Map<string, number>();
  for (const color of inUse) uses.set(color.toLowerCase(), (uses.get(color.toLowerCase()) ?? 0) + 1);
  let best: string = PARTICIPANT_COLORS[0];
  for (const color of PARTICIPANT_COLORS) {
    if ((uses.get(color) ?? 0) < (uses.get(best) ?? 0)) best = color;
    if (!uses.has(color)) return color;
  }
  return best;
}

/** A stable colour for an id, for someone who placed without ever joining (a raw client). */
export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PARTICIPANT_COLORS[h % PARTICIPANT_COLORS.length]!;
}

/** Relative luminance (WCAG 2) of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on a participant's colour (any #rrggbb, ours or not). */
export function textOn(hex: string): "#ffffff" | "#0f172a" {
  return contrast(hex, "#ffffff") >= contrast(hex, "#0f172a") ? "#ffffff" : "#0f172a";
}
