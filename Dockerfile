# syntax=docker/dockerfile:1
# The hall assessment service as one image: `node dist/server.mjs` (API and
# scheduler, the default), `node dist/migrate.mjs` (one-shot migrations) and
# `node dist/cli.mjs` (operator and auditor commands). README "Production".
ARG NODE_VERSION=24
ARG PNPM_VERSION=10.34.9

# 1. Build: every dependency, the bundle (dist/) and the board front end (web/dist/).
FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG PNPM_VERSION
RUN npm install --global pnpm@${PNPM_VERSION}
WORKDIR /src
# The lockfile alone decides what is fetched, so this layer stays cached until it changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile --offline \
 && pnpm build \
 && pnpm --filter hall-assessment --prod --offline --ignore-scripts deploy --legacy /app

# 2. Run: the deployed files only (dist/, migrations/, web/dist/, production node_modules), as a non-root user.
FROM node:${NODE_VERSION}-bookworm-slim
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
# Only the data directory is writable by the service; the code is root's.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no shell, no pnpm): SIGTERM reaches the service, which drains and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.mjs"]
