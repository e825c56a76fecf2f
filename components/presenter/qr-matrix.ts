import { create, type QRCodeMaskPattern } from "qrcode";

/** A QR code's modules as [row][col], true where dark. */
export type QrModules = boolean[][];

/** The code for `text` with medium error correction, under `mask` or, without one, the mask the library scores best. */
function encode(text: string, mask?: QRCodeMaskPattern): QrModules {
  const { modules } = create(text, { errorCorrectionLevel: "M", ...(mask === undefined ? {} : { maskPattern: mask }) });
  // The library's matrix is get(row, col); reading it as (x, y) would draw the code's mirror image.
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => !!modules.get(row, col)));
}

interface Run {
  dark: boolean;
  start: number;
  length: number;
}

/** Modules of light margin around the code: the quiet zone readers need to find it. */
export const QUIET = 4;

/** The runs of like modules along a line, its quiet zone included (so the first run starts before 0). */
function runsOf(line: readonly boolean[]): Run[] {
  const margin = Array<boolean>(QUIET).fill(false);
  const runs: Run[] = [];
  [...margin, ...line, ...margin].forEach((dark, i) => {
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) last.length++;
    else runs.push({ dark, start: i - QUIET, length: 1 });
  });
  return runs;
}

/**
 * Whether five runs (dark, light, dark, light, dark) read as a finder pattern's 1:1:3:1:1 to a
 * reader that, as ZXing's detector does, allows each run half a module either way of its share.
 */
function finderRatio(runs: readonly Run[]): boolean {
  const total = runs.reduce((sum, run) => sum + run.length, 0);
  const module = total / 7;
  const slack = module / 2;
  return runs.every((run, i) => Math.abs(run.length - (i === 2 ? 3 : 1) * module) < (i === 2 ? 3 : 1) * slack);
}

/**
 * The five runs centred on the dark run holding `at` along a line, when they read as a finder
 * pattern across it, no run but the centre longer than `longest` and in all about as long as
 * `total` (within `within` of it) as a reader cross-checking a first sighting requires; else null.
 */
function finderAcross(line: readonly boolean[], at: number, longest: number, total: number, within: number): Run[] | null {
  const runs = runsOf(line);
  const i = runs.findIndex((run) => at >= run.start && at < run.start + run.length);
  if (i < 2 || i + 2 >= runs.length || !runs[i]!.dark) return null;
  const window = runs.slice(i - 2, i + 3);
  const length = window.reduce((sum, run) => sum + run.length, 0);
  const bounded = window.every((run, k) => k === 2 || run.length <= longest);
  return bounded && Math.abs(length - total) < within * total && finderRatio(window) ? window : null;
}

/** The module at the middle of a run. */
const middleOf = (run: Run) => run.start + Math.floor(run.length / 2);

/**
 * How many places in the code, outside its three real finder patterns, a reader's search for
 * corners would take for a fourth: 1:1:3:1:1 runs along a row, confirmed down the column through
 * their middle and along the row again, with the tolerances of ZXing's detector. A reader that
 * picks such a place as a corner misjudges the code's size and reads nothing, whatever the camera.
 */
export function falseFinders(dark: QrModules): number {
  const n = dark.length;
  const inRealFinder = (row: number, col: number) => (row < 8 && col < 8) || (row < 8 && col >= n - 8) || (row >= n - 8 && col < 8);
  const columns = Array.from({ length: n }, (_, col) => dark.map((line) => line[col]!));
  const found = new Set<number>();
  dark.forEach((line, row) => {
    const runs = runsOf(line);
    for (let i = 0; i + 4 < runs.length; i++) {
      const window = runs.slice(i, i + 5);
      if (!window[0]!.dark || !finderRatio(window)) continue;
      const total = window.reduce((sum, run) => sum + run.length, 0);
      const col = middleOf(window[2]!);
      if (col < 0 || col >= n) continue;
      const down = finderAcross(columns[col]!, row, window[2]!.length, total, 0.4);
      if (!down) continue;
      const centreRow = middleOf(down[2]!);
      if (centreRow < 0 || centreRow >= n || !finderAcross(dark[centreRow]!, col, window[2]!.length, total, 0.2)) continue;
      if (!inRealFinder(centreRow, col)) found.add(centreRow * n + col);
    }
  });
  return found.size;
}

const MASKS: readonly QRCodeMaskPattern[] = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * The code's dark modules for `text`, as [row][col], with medium error correction. Of the eight
 * masks the standard allows, the library's choice is kept unless it leaves a false finder pattern
 * in the data; then the first mask that leaves none (or the fewest) is used instead.
 */
export function qrMatrix(text: string): QrModules {
  const preferred = encode(text);
  if (falseFinders(preferred) === 0) return preferred;
  let best = { modules: preferred, finders: falseFinders(preferred) };
  for (const mask of MASKS) {
    const modules = encode(text, mask);
    const finders = falseFinders(modules);
    if (finders === 0) return modules;
    if (finders < best.finders) best = { modules, finders };
  }
  return best.modules;
}
