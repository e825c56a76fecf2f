/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dev server is often opened as 127.0.0.1 rather than localhost.
  allowedDevOrigins: ["127.0.0.1"],
  // The development server logs each request it serves; a board's link carries its key, which is never logged.
  logging: { incomingRequests: { ignore: [/[?&]key=/] } },
  serverExternalPackages: ["better-sqlite3", "yjs"],
  // No Buffer polyfill in the browser: see lib/client/no-buffer.js.
  turbopack: {
    resolveAlias: {
      buffer: { browser: "./lib/client/no-buffer.js" },
      "node:buffer": { browser: "./lib/client/no-buffer.js" },
      "next/dist/compiled/buffer": { browser: "./lib/client/no-buffer.js" },
      // csv-stringify needs a real Buffer at load: its browser build carries its own, in the pages that export CSV.
      "csv-stringify/sync": { browser: "csv-stringify/browser/esm/sync" },
    },
  },
  // Security headers (CSP with a nonce, framing, referrer, permissions) are set by the server for
  // every response, pages included: server/http/security-headers.ts.
};

export default nextConfig;
