import { describe, expect, it } from "vitest";
import { pictureFileName } from "../../components/snapshots/board-picture";
import { buildSnapshot } from "../../lib/snapshot/build";
import { downloadName, fileStem } from "../../lib/snapshot/file-name";
import { BOARD_ID, EXPORTED_AT, sampleState } from "./sample-board";

const LONG_TITLE = "Reading group: Defining alignment research and what it leaves out";

describe("fileStem", () => {
  it("makes safe lowercase words of any text, never empty, never a path", () => {
    expect(fileStem("Reading group: week 3")).toBe("reading-group-week-3");
    expect(fileStem("Café / ../../etc")).toBe("cafe-etc");
    expect(fileStem("<<>>")).toBe("cruxboard");
    expect(fileStem("")).toBe("cruxboard");
    expect(fileStem("  --Week 5--  ")).toBe("week-5");
  });

  it("transliterates accented and special Latin letters instead of dropping them", () => {
    expect(fileStem("Café")).toBe("cafe");
    expect(fileStem("Ærø Straße, Łódź — naïve Œuvre")).toBe("aero-strasse-lodz-naive-oeuvre");
    expect(fileStem("Ångström ﬁne")).toBe("angstrom-fine");
  });

  it("ends at the last whole word that fits, never mid-word", () => {
    // The 40-character cut this replaces made "reading-group-defining-alignment-researc".
    const stem = fileStem(LONG_TITLE, 40);
    expect(stem).toBe("reading-group-defining-alignment");
    expect(fileStem(LONG_TITLE, 60)).toBe("reading-group-defining-alignment-research-and-what-it-leaves");
    for (let max = 10; max <= 70; max++) {
      const cut = fileStem(LONG_TITLE, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(`${fileStem(LONG_TITLE, 200)}-`.startsWith(`${cut}-`), `${max}: ${cut}`).toBe(true);
    }
  });

  it("cuts a single word longer than the limit, as there is no boundary to cut at", () => {
    expect(fileStem("x".repeat(200))).toBe("x".repeat(60));
    expect(fileStem(`${"x".repeat(200)} tail`, 20)).toBe("x".repeat(20));
  });
});

describe("downloadName", () => {
  it("joins title, snapshot name, UTC day and suffix, each cut at a word", () => {
    expect(downloadName({ title: "Reading group", takenAt: "2026-12-06T14:05:00.000Z", extension: "json" })).toBe("reading-group-2026-12-06.json");
    expect(downloadName({ title: "Reading group", name: "Round 1", takenAt: "2026-12-06T14:05:00.000Z", suffix: "stats", extension: "csv" })).toBe(
      "reading-group-round-1-2026-12-06-stats.csv",
    );
    expect(downloadName({ title: LONG_TITLE, name: "Before the break", takenAt: "2026-12-06T14:05:00.000Z", extension: "md" })).toBe(
      "reading-group-defining-alignment-before-the-break-2026-12-06.md",
    );
    // The day is the UTC day, whatever offset the time was written with.
    expect(downloadName({ title: "Late", takenAt: "2026-12-06T23:30:00-05:00", extension: "csv" })).toBe("late-2026-12-07.csv");
    expect(downloadName({ title: "Week 3", suffix: "timeline", extension: "csv" })).toBe("week-3-timeline.csv");
  });
});

describe("picture file names in the browser", () => {
  it("are the export API's names with the picture's extension", () => {
    const state = sampleState();
    const snapshot = buildSnapshot(BOARD_ID, { ...state, meta: { ...state.meta, title: `Café — ${LONG_TITLE}` } }, EXPORTED_AT);
    const api = (extension: string, name?: string) => downloadName({ title: snapshot.board.title, name, takenAt: snapshot.exportedAt, extension });
    expect(pictureFileName(snapshot, "png")).toBe("cafe-reading-group-defining-alignment-research-and-what-it-2026-02-12.png");
    expect(pictureFileName(snapshot, "png")).toBe(api("png"));
    expect(pictureFileName(snapshot, "svg", "Round 1")).toBe(api("svg", "Round 1"));
    expect(pictureFileName(snapshot, "svg", "Round 1")).toBe("cafe-reading-group-defining-alignment-round-1-2026-02-12.svg");
  });
});
