import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Cruxboard",
  description:
    "A live board where every participant places their own copy of each item on a grid, so the group sees where it disagrees.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Edge to edge on phones with a notch or home indicator, so the docked tray can pad itself clear of them (env(safe-area-inset-*)).
  viewportFit: "cover",
  themeColor: "#4338ca",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
