import { Segmented } from "../ui/segmented";
import { PLACEMENT_VIEWS, type PlacementView } from "./placement-views";
import { LayerToggles } from "./layer-toggles";

interface GridToolbarProps {
  headingId: string;
  view: PlacementView;
  onView(view: PlacementView): void;
  /** The grid's layer switches, shown while the grid is. */
  layers: Parameters<typeof LayerToggles>[0];
}

/** Over the placements: what is shown (the grid or the overview), the switch between them, and the grid's layers. */
export function GridToolbar({ headingId, view, onView, layers }: GridToolbarProps) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {view === "grid" ? "The grid" : "Overview"}
        </h2>
        <Segmented<PlacementView> label="Show the placements as" options={PLACEMENT_VIEWS} value={view} onChange={onView} />
      </div>
      {view === "grid" && <LayerToggles {...layers} />}
    </div>
  );
}
