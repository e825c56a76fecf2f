import { describe, expect, it } from "vitest";
import { modulesPath, qrMatrix } from "../../components/presenter/join-qr";
import { rasterize, readQr } from "../qr-reader";

const LINK = "https://cruxboard.example/b/3vQ8dXzR7kLmN2pT5wYh1a?key=Zk3mP8qR2sT5vW8yB1cD4fG7";

/** The modules an SVG path of unit squares draws, back as [row][col]. */
function drawn(path: string, n: number): boolean[][] {
  const dark = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark[Number(y) - 4]![Number(x) - 4] = true;
  return dark;
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
});
