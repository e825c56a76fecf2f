"use client";

import { create } from "qrcode";
import { useMemo } from "react";

/**
 * A QR code for a join link, drawn as one SVG path from the code's modules
 * (no markup from the library reaches the page). Medium error correction and
 * a quiet zone of four modules, so phone cameras read it off a projector.
 */
export function JoinQr({ url, label }: { url: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = create(url, { errorCorrectionLevel: "M" });
    const n = code.modules.size;
    let d = "";
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) if (code.modules.get(x, y)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    }
    return { size: n + 8, path: d };
  }, [url]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} className="size-full" shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#0f172a" />
    </svg>
  );
}
