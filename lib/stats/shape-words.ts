import type { ItemStats } from "./schema";

/**
 * How an item's disagreement reads in a list: "two camps (5 vs 3)", "scattered" or "agreed";
 * null when nobody has placed it. Every screen and report words a shape this way.
 */
export function shapeWords(stats: ItemStats | null): string | null {
  if (!stats || stats.shape === null) return null;
  if (stats.shape === "agreed") return "agreed";
  if (stats.shape === "diffuse") return "scattered";
  const [a, b] = stats.camps!;
  return `two camps (${a.size} vs ${b.size})`;
}

/** A sentence for a shape, for an item's details and for screen readers. */
export function shapeSentence(stats: ItemStats | null): string | null {
  if (!stats || stats.shape === null) return null;
  if (stats.shape === "agreed") return "The group agrees: the placements are close together.";
  if (stats.shape === "diffuse") return "Scattered: no two camps, the placements are spread out. The item may need a sharper definition.";
  const [a, b] = stats.camps!;
  return `Two camps of ${a.size} and ${b.size}: the group's centre lies between them, where nobody placed it.`;
}
