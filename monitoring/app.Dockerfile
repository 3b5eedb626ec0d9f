# Builds the sample API and the notification worker from this repository (context: the repo root).
# docker-compose.yml runs one container per app from this image with `pnpm --filter <app> start`.
FROM node:20-bookworm
RUN npm install --global pnpm@12.21.0
# better-sqlite3 builds from source against the image's own Node headers.
ENV npm_config_nodedir=/usr/local
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm --filter "@periscope/sample-api..." --filter "@periscope/notification-worker..." run build
ENV NODE_ENV=production
