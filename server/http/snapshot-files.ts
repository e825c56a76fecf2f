import type { ServerResponse } from "node:http";
import type { ExportFormat, PictureView } from "../../lib/api/schemas";
import { placementsCsv, prioritiesCsv, statsCsv } from "../../lib/snapshot/csv";
import { downloadName } from "../../lib/snapshot/file-name";
import { snapshotMarkdown } from "../../lib/snapshot/markdown";
import { overviewSvg } from "../../lib/snapshot/overview-svg";
import { parseSnapshot } from "../../lib/snapshot/parse";
import { previousRoundSnapshot } from "../../lib/snapshot/rounds";
import type { Snapshot } from "../../lib/snapshot/schema";
import { snapshotSvg } from "../../lib/snapshot/svg";
import type { DocStore } from "../storage/types";
import { sendText } from "./respond";

/** Which stored snapshot is being sent; absent for the board as it is now. */
export interface NamedSnapshot {
  name: string;
  takenAt: number;
}

/** The files of the export API: one snapshot in each format, named with the stem the browser's own downloads use. */
export function createSnapshotFiles(store: DocStore) {
  /**
   * The snapshot the round before this one was saved as, for the report's
   * "since round N": only one taken before the snapshot being reported on.
   * One that cannot be read leaves the report without the comparison, never without the report.
   */
  async function previousRound(boardId: string, snapshot: Snapshot, named?: NamedSnapshot): Promise<Snapshot | null> {
    const list = await store.listSnapshots(boardId);
    const earlier = named ? list.filter((s) => s.takenAt < named.takenAt) : list;
    const entry = previousRoundSnapshot(earlier, snapshot.board.round);
    const record = entry ? await store.getSnapshot(boardId, entry.id) : null;
    if (!record) return null;
    const parsed = parseSnapshot(JSON.parse(record.json));
    return parsed.ok ? parsed.snapshot : null;
  }

  return async function sendSnapshot(res: ServerResponse, boardId: string, snapshot: Snapshot, format: ExportFormat, named?: NamedSnapshot, view: PictureView = "grid"): Promise<void> {
    const name = named?.name;
    const file = (extension: string, suffix?: string) =>
      downloadName({ title: snapshot.board.title, name, takenAt: snapshot.exportedAt, suffix, extension });
    switch (format) {
      case "json":
        return sendText(res, 200, "application/json", JSON.stringify(snapshot, null, 2), file("json"));
      case "csv":
        return sendText(res, 200, "text/csv", placementsCsv(snapshot, name), file("csv"));
      case "stats-csv":
        return sendText(res, 200, "text/csv", statsCsv(snapshot), file("csv", "stats"));
      case "priorities-csv":
        return sendText(res, 200, "text/csv", prioritiesCsv(snapshot), file("csv", "priorities"));
      case "md": {
        const markdown = snapshotMarkdown(snapshot, { snapshotName: name, previousRound: await previousRound(boardId, snapshot, named) });
        return sendText(res, 200, "text/markdown", markdown, file("md"));
      }
      case "svg":
        if (view === "overview") return sendText(res, 200, "image/svg+xml", overviewSvg(snapshot, { snapshotName: name }), file("svg", "overview"));
        return sendText(res, 200, "image/svg+xml", snapshotSvg(snapshot, { snapshotName: name }), file("svg"));
    }
  };
}
