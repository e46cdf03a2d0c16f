# syntax=docker/dockerfile:1
# One image for every Mercato service; MERCATO_SERVICE selects which one a container runs.
# Build: docker build -t mercato .   Run: docker run -e MERCATO_SERVICE=catalog … mercato

ARG NODE_IMAGE=node:20.19-bookworm-slim

# Only the package manifests, so the dependency layer below is rebuilt when they change, not on
# every source edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests && find . \( -name package.json -o -name package-lock.json \) -exec cp --parents -t /manifests {} +

# Production dependencies only (tsx is one: services run TypeScript through it, decision record 3).
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# The storefront and the admin, built with their dev dependencies (Vite) into static files with
# Brotli and gzip variants; only the built files reach the runtime image (the gateway serves them).
FROM ${NODE_IMAGE} AS web
WORKDIR /src
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY apps/ apps/
COPY scripts/build-apps.ts scripts/
COPY scripts/lib/build-apps.ts scripts/lib/
RUN npx tsx scripts/build-apps.ts --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    MERCATO_HOST=0.0.0.0 \
    MERCATO_PORT=3000 \
    MERCATO_TOPOLOGY_MODULE=/app/topology.ts \
    MERCATO_LOG_LEVEL=info
WORKDIR /app
COPY --from=dependencies /app/ ./
COPY topology.ts tsconfig.json ./
COPY packages/ packages/
COPY services/ services/
COPY --from=web /src/apps/storefront/dist/ apps/storefront/dist/
COPY --from=web /src/apps/admin/dist/ apps/admin/dist/
# The files stay root-owned and read-only to the service user; tsx caches compiled files under
# /tmp, the one writable path (an emptyDir where the root filesystem is read-only).
USER node
EXPOSE 3000
ENTRYPOINT ["node", "--import", "tsx", "packages/kit/src/runtime/service-process.ts"]

# Local TLS only: writes a self-signed certificate for the compose edge (HAProxy wants certificate
# and key in one PEM). `docker compose` builds and runs it once; real environments bring their own.
FROM debian:bookworm-slim AS local-tls
RUN apt-get update && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["sh", "-c", "test -s /tls/edge.pem || (openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout /tmp/key.pem -out /tmp/cert.pem && cat /tmp/cert.pem /tmp/key.pem > /tls/edge.pem && chmod 644 /tls/edge.pem)"]
