import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

/**
 * zod compiles its object parsers with `new Function` when it may; the page's policy forbids
 * eval, and the browser reports even zod's probe for it as a violation. zod reads this shared
 * setting before building its first schema, and parses the same without the compiled path.
 */
const ZOD_WITHOUT_EVAL = "(globalThis.__zod_globalConfig??={}).jitless=true";

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

/**
 * The server gives every page a Content-Security-Policy with a fresh nonce (server/http/security-headers.ts)
 * and puts it on the request too, where Next.js finds it for its own scripts. Reading it here also makes
 * every page render per request: a page built ahead of time would carry no nonce at all.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const policy = (await headers()).get("content-security-policy") ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/_=-]+)'/.exec(policy)?.[1];
  return (
    <html lang="en">
      <head>
        {/* The browser hides a nonce from the DOM once it has checked it, so the hydrated attribute differs by design. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
      </head>
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
