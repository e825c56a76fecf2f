import type { PictureView } from "../../lib/api/schemas";
import { downloadName } from "../../lib/snapshot/file-name";
import type { Snapshot } from "../../lib/snapshot/schema";

/** The picture's name: the stem of the export API's files of the same board or snapshot, so one export's files sort together. */
export const pictureFileName = (snapshot: Snapshot, extension: "png" | "svg", snapshotName?: string, view: PictureView = "grid"): string =>
  downloadName({ title: snapshot.board.title, name: snapshotName, takenAt: snapshot.exportedAt, suffix: view === "overview" ? "overview" : undefined, extension });

/** Browsers refuse (or silently blank) canvases much larger than this on a side. */
const MAX_CANVAS_SIDE = 8192;

/** Longer than drawing the largest board takes on a slow phone; past it, the person is told rather than left waiting. */
const LOAD_TIMEOUT_MS = 30_000;

/**
 * The drawing loaded as an image, by its load and error events and within a time limit, rather than
 * by `decode()`, which has no limit: a decode that never settled would leave "Preparing PNG…" for good.
 */
function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    const timer = setTimeout(() => reject(new Error("drawing it took too long; try again")), LOAD_TIMEOUT_MS);
    image.onload = () => {
      clearTimeout(timer);
      resolve(image);
    };
    image.onerror = () => {
      clearTimeout(timer);
      reject(new Error("the browser could not read the drawing"));
    };
    image.src = url;
  });
}

async function rasterize(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = await loadImage(url);
    const { naturalWidth: width, naturalHeight: height } = image;
    // Twice the drawing's size prints sharply; a very long legend is scaled down rather than cut off.
    const scale = Math.min(2, MAX_CANVAS_SIDE / Math.max(width, height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw pictures");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the picture was too large to draw"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the address only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves a printable picture of a board (or a snapshot of it): dots, centres,
 * spread rings and a legend, as SVG or as a PNG drawn from that SVG. The
 * drawing code is loaded on first use, so it never weighs on opening a board.
 */
export async function downloadPicture(snapshot: Snapshot, kind: "png" | "svg", snapshotName?: string, view: PictureView = "grid"): Promise<void> {
  const options = snapshotName ? { snapshotName } : {};
  const svg =
    view === "overview"
      ? (await import("../../lib/snapshot/overview-svg")).overviewSvg(snapshot, options)
      : (await import("../../lib/snapshot/svg")).snapshotSvg(snapshot, options);
  save(kind === "svg" ? new Blob([svg], { type: "image/svg+xml;charset=utf-8" }) : await rasterize(svg), pictureFileName(snapshot, kind, snapshotName, view));
}

/** Saves text made in the browser (e.g. a comparison) as a file. */
export function downloadText(text: string, type: string, fileName: string): void {
  save(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}
