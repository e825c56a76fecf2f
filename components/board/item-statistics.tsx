import { cellName, distanceToCell } from "../../lib/board/geometry";
import { cellOf, sizeOf } from "../../lib/board/grid";
import type { Cell, Grid } from "../../lib/board/schema";
import type { ItemStats } from "../../lib/stats";
import { commonCell, joinCellNames, type CommonCell } from "../../lib/stats/common-cell";
import { cells } from "../../lib/snapshot/report-format";
import { percent } from "../../lib/stats/format";

interface ItemStatisticsProps {
  grid: Grid;
  stats: ItemStats;
  placements: ReadonlyArray<{ col: number; row: number }>;
  /** "n of m", who of those counted placed it (with who is not here). */
  placedBy: string;
  /** The reference cell, only while the reference layer is on. */
  reference: Cell | null;
  referenceLabel: string;
}


/*
 * The contract's names (agreement, entropy, alignment, RMS) read as verdicts or
 * jargon in a reading group, and "alignment" as a score in a session about
 * alignment most of all. The board says what each number measures, in plain
 * words; the exact formulas are one tap away, under the export field names.
 */
export function ItemStatistics({ grid, stats, placements, placedBy, reference, referenceLabel }: ItemStatisticsProps) {
  const size = sizeOf(grid);
  // The same decision as the contested list's and the Markdown report's (lib/stats/common-cell), laid out for the panel.
  const common = commonCell(placements, size)!;
  return (
    <div className="p-4">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
        <Stat label="Placed by" value={placedBy} />
        <Stat label="Spread" value={cells(stats.spread)} hint="typical distance from the group’s centre, in cells" />
        <CommonCellStat grid={grid} common={common} n={stats.n} />
        <Stat label="Scatter" value={cells(stats.entropy)} hint="0 = all in one cell, 1 = evenly over every cell" />
        <Stat label="Diagonal" value={percent(stats.alignment)} hint="of the way from top-left to bottom-right" />
        {/* A split group's centre is a point between its camps that nobody chose: it is said so, not offered as where the group stands. */}
        <Stat
          wide
          label="Group’s centre"
          value={stats.shape === "split" ? "Between the camps" : cellName(grid, cellOf(stats.centroid, size))}
          hint={`${stats.shape === "split" ? `nobody placed it here · ${cellName(grid, cellOf(stats.centroid, size))}, ` : ""}col ${cells(stats.centroid.col)}, row ${cells(stats.centroid.row)}`}
        />
        {reference && (
          <div className="col-span-2">
            <dt className="text-slate-600">{referenceLabel}</dt>
            <dd className="font-medium text-slate-900">
              {cellName(grid, reference)} · <span className="tabular-nums">{cells(distanceToCell(stats.centroid, reference))}</span> cells from the group’s centre
            </dd>
          </div>
        )}
      </dl>
      <Definitions />
    </div>
  );
}

function CommonCellStat({ grid, common, n }: { grid: Grid; common: CommonCell; n: number }) {
  switch (common.kind) {
    case "cell":
      return <Stat wide label="Common cell" value={cellName(grid, common.cell)} hint={`${common.count} of ${n} placements (${percent(common.share)})`} />;
    case "tie": {
      // The short verdict in bold, the cells under it: two cell names make a long line.
      const between = `between ${joinCellNames(common.cells.map((c) => cellName(grid, c)))}`;
      return common.even ? (
        <Stat wide label="Common cell" value="Split evenly" hint={between} />
      ) : (
        <Stat wide label="Common cell" value="Tied" hint={`${between}, ${percent(common.share)} each`} />
      );
    }
    case "none":
      return <Stat wide label="Common cell" value="No common cell" hint="every placement is in a different cell" />;
  }
}

/** A native disclosure: Enter, Space and a tap open it, and it says whether it is open. */
function Definitions() {
  return (
    <details className="mt-4 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <summary className="cursor-pointer rounded font-medium text-indigo-800 focus-ring">
        How these are computed
      </summary>
      <div className="mt-2 space-y-2 text-slate-700">
        <p>
          With the item’s n placements pᵢ = (colᵢ, rowᵢ), measured in cells from the top-left corner of the grid, and their centre c = the mean
          of the pᵢ:
        </p>
        <dl className="space-y-2">
          <Definition term="Spread">
            √(mean |pᵢ − c|²): the root-mean-square distance from the centre, in cells. 0 when everyone put it in the same spot.
          </Definition>
          <Definition term="Common cell">
            The cell holding the most placements, and its share of them. None when no cell holds more than one; every cell in a tie is named.
          </Definition>
          <Definition term="Scatter">
            −Σ (nₖ / n) · ln(nₖ / n), divided by ln(rows × columns), where nₖ counts the placements in cell k: the spread of the placements over
            cells (normalised Shannon entropy). 0 when all are in one cell, 1 when they are spread evenly over every cell.
          </Definition>
          <Definition term="Shape">
            Two camps when some division of the placements into two groups brings the sum of squared distances, each from its own group’s
            centre, down to at most a quarter of Σ |pᵢ − c|², the smaller group holds at least two placements and a fifth of them, and the
            groups’ centres are at least a cell apart. Agreed when the spread is under 0.5; otherwise scattered.
          </Definition>
          <Definition term="Diagonal">
            The mean of (colᵢ / columns + rowᵢ / rows) / 2, as a percentage: 0 % at the top-left corner, towards 100 % at the bottom-right.
          </Definition>
        </dl>
        <p className="text-slate-600">
          In the JSON and CSV exports these are the fields spread, centroid, agreement with modalCell (the first cell in a tie), entropy and
          alignment, and for the shape: shape, split (1 minus that ratio; two camps need 0.75 or more) and camps.
        </p>
      </div>
    </details>
  );
}

function Definition({ term, children }: { term: string; children: string }) {
  return (
    <div>
      <dt className="font-semibold text-slate-900">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Stat({ label, value, hint, wide = false }: { label: string; value: string; hint?: string | undefined; wide?: boolean }) {
  // Value and hint are one definition, read (and copied) as one phrase: "44 % of the way from top-left to bottom-right".
  return (
    <div className={`min-w-0 ${wide ? "col-span-2" : ""}`}>
      <dt className="text-slate-600">{label}</dt>
      <dd className="break-words">
        <span className="block text-base font-semibold text-slate-900 tabular-nums">{value}</span>
        {hint && (
          <>
            {" "}
            <span className="block text-xs text-slate-500">{hint}</span>
          </>
        )}
      </dd>
    </div>
  );
}
