# The console as a container: `docker build -t audit-checks-console .`, then see README "Deploy".
# Stage 1 installs everything (dev dependencies build the app), stage 2 builds the standalone folder
# (.next/standalone: server.mjs, Next's traced runtime files, migrations), stage 3 is that folder alone on a slim
# Node image: no dev dependencies, no sources, a non-root user.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall generates the Prisma client from the schema; it runs below, once the sources are there.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run db:generate && npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    ACC_DATA_DIR=/tmp/acc
WORKDIR /app
# The image's `node` user (uid 1000) owns nothing but may read everything.
COPY --from=build --chown=root:root /app/.next/standalone ./
USER node
EXPOSE 3000
# /healthz: the process answers (no database, no AWS); a load balancer should probe /readyz instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations run at start under an advisory lock (two replicas starting together migrate once); set
# ACC_MIGRATE=off and run `node server.mjs migrate` as a one-off task to migrate as a separate deployment step.
CMD ["node", "server.mjs"]
