import { cellName } from "../board/geometry";
import { cellOf, sizeOf } from "../board/grid";
import type { Grid } from "../board/schema";
import type { Camp, ItemStats } from "./schema";

/**
 * How an item's disagreement reads in a list: "two camps (5 vs 3)", "scattered" or "agreed";
 * null when nobody has placed it. Every screen and report words a shape this way.
 */
export function shapeWords(stats: ItemStats | null): string | null {
  if (!stats || stats.shape === null) return null;
  // One placement agrees with itself; saying "agreed" would claim a group that has not spoken yet.
  if (stats.n === 1) return "one placement";
  if (stats.shape === "agreed") return "agreed";
  if (stats.shape === "diffuse") return "scattered";
  const [a, b] = stats.camps!;
  return `two camps (${a.size} vs ${b.size})`;
}

/** A sentence for a shape, for an item's details and for screen readers. */
export function shapeSentence(stats: ItemStats | null): string | null {
  if (!stats || stats.shape === null) return null;
  if (stats.n === 1) return "Only one placement so far: nothing to agree or disagree about yet.";
  if (stats.shape === "agreed") return "The group agrees: the placements are close together.";
  if (stats.shape === "diffuse") return "Scattered: no two camps, the placements are spread out. The item may need a sharper definition.";
  const [a, b] = stats.camps!;
  return `Two camps of ${a.size} and ${b.size}: the group's centre lies between them, where nobody placed it.`;
}

/** "Camp of 5, around Engineering, Average-case": a camp as every screen and report heads it, by the cell its centre falls in. */
export function campHeading(camp: Pick<Camp, "size" | "centroid">, grid: Grid): string {
  return `Camp of ${camp.size}, around ${cellName(grid, cellOf(camp.centroid, sizeOf(grid)))}`;
}
