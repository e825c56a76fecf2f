"use client";

import { useMemo } from "react";
import { QUIET, qrMatrix } from "./qr-matrix";

/** The dark modules as one SVG path of unit squares: x is the column, y the row, both past the quiet zone. */
export function modulesPath(dark: boolean[][]): string {
  let d = "";
  dark.forEach((cells, row) =>
    cells.forEach((on, col) => {
      if (on) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    }),
  );
  return d;
}

/**
 * A QR code for a join link, drawn as one SVG path from the code's modules
 * (no markup from the library reaches the page). Medium error correction, a
 * mask that leaves no false corner (./qr-matrix.ts) and a quiet zone of four
 * modules, so phone cameras read it off a projector.
 */
export function JoinQr({ url, label }: { url: string; label: string }) {
  const { size, path } = useMemo(() => {
    const dark = qrMatrix(url);
    return { size: dark.length + 2 * QUIET, path: modulesPath(dark) };
  }, [url]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} className="size-full" shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#0f172a" />
    </svg>
  );
}
