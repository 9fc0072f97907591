# trustladder's API and worker: one image, two commands (see docker-compose.yml).
# The Temporal cluster and PostgreSQL run elsewhere; nothing here starts them.

FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only, and no install scripts: the Temporal CLI set-up
# is for `npm start` on a laptop, and the embedded PostgreSQL is not used when
# DATABASE_URL is set. The Temporal SDK's native module ships prebuilt.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/trustladder \
    LADDERS_DIR=/app/ladders
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
# What ships, in one step: .dockerignore leaves out what only serves development
# (tools/, test/, bench/, docs/) and what a checkout accumulates.
COPY . .
# Bundled once here, so a worker starts without webpack in its memory.
RUN node --import tsx worker/bundle-workflows.ts /app/workflow-bundle.js \
 && mkdir -p /var/lib/trustladder && chown node:node /var/lib/trustladder
ENV WORKFLOW_BUNDLE=/app/workflow-bundle.js
USER node
EXPOSE 3000
# The API's readiness: PostgreSQL and Temporal both answer. The worker's
# service in docker-compose.yml checks its metrics address instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "api/main.ts"]
