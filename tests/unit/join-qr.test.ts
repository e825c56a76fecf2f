import { create } from "qrcode";
import { describe, expect, it } from "vitest";
import { modulesPath } from "../../components/presenter/join-qr";
import { falseFinders, qrMatrix } from "../../components/presenter/qr-matrix";
import { rasterize, readQr } from "../qr-reader";
import { makeRandom } from "../random";

const LINK = "https://cruxboard.example/b/3vQ8dXzR7kLmN2pT5wYh1a?key=Zk3mP8qR2sT5vW8yB1cD4fG7";

/** The modules an SVG path of unit squares draws, back as [row][col]. */
function drawn(path: string, n: number): boolean[][] {
  const dark = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark[Number(y) - 4]![Number(x) - 4] = true;
  return dark;
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Join links as the server makes them: a port, a 22-character board id and a 32-character key. */
function joinLinks(count: number, seed: number): string[] {
  const random = makeRandom(seed);
  const text = (length: number) => Array.from({ length }, () => BASE64URL[Math.floor(random() * 64)]).join("");
  return Array.from({ length: count }, () => `http://127.0.0.1:${30000 + Math.floor(random() * 30000)}/b/${text(22)}?key=${text(32)}`);
}

/** Whether the strict reader reads the code, drawn at six pixels a module. */
function reads(dark: boolean[][], text: string): boolean {
  const { rgba, width, height } = rasterize(dark);
  try {
    return readQr(rgba, width, height) === text;
  } catch {
    return false;
  }
}

/** The code as the library makes it, under the mask it scores best. */
function libraryCode(text: string): boolean[][] {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => !!modules.get(row, col)));
}

const transpose = (m: boolean[][]) => m.map((row, r) => row.map((_, c) => m[c]![r]!));

describe("the join QR code", () => {
  it("draws a code that reads the right way round", () => {
    const matrix = qrMatrix(LINK);
    const { rgba, width, height } = rasterize(drawn(modulesPath(matrix), matrix.length));
    expect(readQr(rgba, width, height)).toBe(LINK);
  });

  it("is checked by a reader that refuses the mirror image a retrying reader accepts", () => {
    const mirrored = rasterize(transpose(qrMatrix(LINK)));
    expect(readQr(mirrored.rgba, mirrored.width, mirrored.height, { mirrorRetry: true })).toBe(LINK);
    expect(() => readQr(mirrored.rgba, mirrored.width, mirrored.height)).toThrow();
  });

  it("reads for every join link, including those whose library mask leaves a false corner", () => {
    const links = joinLinks(200, 7);
    // About one link in twenty gets a code from the library that this reader cannot find the corners of.
    const unreadable = links.filter((link) => !reads(libraryCode(link), link));
    expect(unreadable.length).toBeGreaterThan(0);
    for (const link of unreadable) expect(falseFinders(libraryCode(link))).toBeGreaterThan(0);
    expect(links.filter((link) => !reads(qrMatrix(link), link))).toEqual([]);
  });

  it("keeps the library's mask when it leaves no false corner", () => {
    const clean = joinLinks(50, 11).filter((link) => falseFinders(libraryCode(link)) === 0);
    expect(clean.length).toBeGreaterThan(0);
    for (const link of clean) expect(qrMatrix(link)).toEqual(libraryCode(link));
  });
});
