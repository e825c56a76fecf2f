# syntax=docker/dockerfile:1
# Cruxboard: one process serving the web app, the HTTP API and the sync endpoint on port 3000.
#   docker build -t cruxboard .
#   docker run -p 3000:3000 -v cruxboard-data:/app/data cruxboard            (SQLite, one node)
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e REDIS_URL=redis://… cruxboard   (several nodes)

FROM node:20-bookworm-slim AS base
WORKDIR /app
# Builds and the server run offline as often as not; the telemetry ping would only wait and fail.
ENV NEXT_TELEMETRY_DISABLED=1

# better-sqlite3 is a native module: npm fetches a prebuilt binary when one exists for this Node and
# platform and otherwise compiles it, which needs these. Only installing stages have them; the
# runtime image gets the compiled module, not the compiler.
FROM base AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Every dependency, dev ones included (TypeScript, Tailwind, the bundler): what the build needs.
# Only the lockfile invalidates this layer, so source edits do not reinstall.
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The Next app (.next) and the server bundle (build/server.js). Next's build cache only speeds up
# the next build and has no place in the image.
FROM deps AS build
COPY . .
RUN npm run build && rm -rf .next/cache

# Production dependencies alone, compiled against the same Debian and Node as the runtime image.
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json next.config.mjs ./
COPY --from=build /app/build ./build
# Next writes its page and fetch caches under .next at run time, so the server's user owns it;
# everything else stays root's and read-only to the server.
COPY --from=build --chown=node:node /app/.next ./.next
# `npm run backup` (an online copy of the SQLite store) runs from its TypeScript sources with tsx.
COPY scripts/backup.ts ./scripts/
COPY lib/env.ts ./lib/
COPY server/storage/sqlite-backup.ts ./server/storage/
# The SQLite default lives here. With DATABASE_URL set the directory stays empty.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data

# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# 200 while the node can serve; 503 naming Postgres or Redis when one it needs is unreachable.
# The slim image has no curl; Node's fetch does the same.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=4", "build/server.js"]
