# syntax=docker/dockerfile:1
# cvapp production image.
#   build:   pinned Python requirements + bun (from the npm registry) -> static frontend bundle
#   runtime: Python only; granian serves the bundle, the websocket and /api/v1 on one port.
#
#   docker build --build-arg CVAPP_PUBLIC_URL=https://cv.example.org -t cvapp .
# The public URL is baked into the frontend (it is where the browser opens the event websocket).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- bun, from the npm registry -------------------------------------------------------------
FROM node:20-bookworm-slim AS bun
RUN npm install --no-save --no-fund --no-audit --prefix /opt/bun bun@1.4.5 \
    && /opt/bun/node_modules/.bin/bun --version

# --- base: Python plus the libraries WeasyPrint loads (Pango) and fonts for the CV templates --
FROM ${PYTHON_IMAGE} AS base
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
        fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*

# --- build: Python dependencies and the frontend bundle ------------------------------------
FROM base AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    REFLEX_BUN_PATH=/opt/bun/node_modules/.bin/bun \
    REFLEX_TELEMETRY_ENABLED=0 \
    REFLEX_CHECK_LATEST_VERSION=0
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt
COPY --from=bun /opt/bun /opt/bun

WORKDIR /app
COPY . .
ARG CVAPP_PUBLIC_URL=http://localhost:3000
# Optional: the npm registry to use (skips Reflex's probe of registries).
ARG NPM_CONFIG_REGISTRY
# The frontend is built against the committed reflex.lock/ (bun installs it frozen).
# The throw-away data dir keeps the build's generated dev secret out of the image.
RUN CVAPP_PUBLIC_URL="$CVAPP_PUBLIC_URL" CVAPP_DATA_DIR=/tmp/build-data \
    reflex export --frontend-only --no-zip --env prod \
    && test -f .web/build/client/index.html

# --- runtime ------------------------------------------------------------------------------
FROM base AS runtime
RUN useradd --create-home --uid 10001 cvapp \
    && mkdir -p /app /data && chown cvapp:cvapp /app /data

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=cvapp:cvapp rxconfig.py alembic.ini ./
COPY --chown=cvapp:cvapp alembic ./alembic
COPY --chown=cvapp:cvapp assets ./assets
COPY --chown=cvapp:cvapp cvapp ./cvapp
COPY --from=build --chown=cvapp:cvapp /app/.web/build/client ./.web/build/client
COPY --from=build --chown=cvapp:cvapp /app/.web/backend ./.web/backend

# REFLEX_ENV_MODE, __REFLEX_SKIP_COMPILE and __REFLEX_MOUNT_FRONTEND_COMPILED_APP are what
# `reflex run --env prod` sets for its own granian server: serve the prebuilt bundle, don't
# recompile. State lives in Redis (REFLEX_REDIS_URL / CVAPP_REDIS_URL) so workers and nodes
# can share it; without Redis keep GRANIAN_WORKERS=1.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CVAPP_ENV=production \
    CVAPP_DATA_DIR=/data \
    REFLEX_ENV_MODE=prod \
    __REFLEX_SKIP_COMPILE=true \
    __REFLEX_MOUNT_FRONTEND_COMPILED_APP=true \
    REFLEX_TELEMETRY_ENABLED=0 \
    REFLEX_CHECK_LATEST_VERSION=0 \
    REFLEX_STATES_WORKDIR=/data/states \
    PORT=3000 \
    GRANIAN_WORKERS=2 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/cvapp-metrics

USER cvapp
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/api/v1/health\", timeout=4)"]

# Migrations run once per deploy (`python -m cvapp.cli migrate`, the compose `migrate` service),
# not in every replica.
# /metrics adds up every worker's series from PROMETHEUS_MULTIPROC_DIR, emptied at each start.
CMD ["sh", "-c", "rm -rf \"$PROMETHEUS_MULTIPROC_DIR\" && mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\" && exec granian --interface asgi --factory --host 0.0.0.0 --port \"$PORT\" --workers \"$GRANIAN_WORKERS\" cvapp.cvapp:app"]
