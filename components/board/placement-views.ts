/** The two ways the board's placements are shown: everyone's dots on one grid, or one small grid per item. */
export type PlacementView = "grid" | "overview";
export const PLACEMENT_VIEWS: ReadonlyArray<{ value: PlacementView; label: string }> = [
  { value: "grid", label: "Grid" },
  { value: "overview", label: "Overview" },
];
