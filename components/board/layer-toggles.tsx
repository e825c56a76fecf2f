interface LayerTogglesProps {
  allRings: boolean;
  onAllRings(shown: boolean): void;
  /** The reference layer's switch, on boards that have reference placements. */
  reference: { label: string; shown: boolean; onShown(shown: boolean): void } | null;
}

/** Switches for what the grid draws beyond the selected item: every item's spread, and the reference placements. */
export function LayerToggles({ allRings, onAllRings, reference }: LayerTogglesProps) {
  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="button"
        aria-pressed={allRings}
        onClick={() => onAllRings(!allRings)}
        className="inline-flex items-center gap-2 rounded-full border border-indigo-300 bg-white px-3 py-1 text-sm font-medium text-indigo-900 hover:bg-indigo-50 focus-ring aria-pressed:bg-indigo-100"
      >
        <span aria-hidden="true" className={`size-3 rounded-full border-2 border-dashed border-indigo-700 ${allRings ? "bg-indigo-300" : "bg-white"}`} />
        Every spread
      </button>
      {reference && (
        <button
          type="button"
          aria-pressed={reference.shown}
          onClick={() => reference.onShown(!reference.shown)}
          className="inline-flex items-center gap-2 rounded-full border border-amber-300 bg-white px-3 py-1 text-sm font-medium text-amber-900 hover:bg-amber-50 focus-ring focus-visible:ring-amber-600 aria-pressed:bg-amber-100"
        >
          <span aria-hidden="true" className={`size-3 rounded-sm border-2 border-amber-700 ${reference.shown ? "bg-amber-500" : "bg-white"}`} />
          {reference.label}s
        </button>
      )}
    </div>
  );
}
