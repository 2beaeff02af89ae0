#!/usr/bin/env bash
# Every check, from a fresh Debian machine with Node: system packages, npm ci, lint, typecheck,
# unit tests, build, and end-to-end tests in Debian's Chromium against real brokers.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "==> apt-get install ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing system packages: ${need[*]}. Run: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

echo "==> npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "==> lint (Biome)"
npx biome ci .
echo "==> typecheck (tsc --noEmit)"
npm run --silent typecheck
echo "==> unit tests (Vitest)"
npx vitest run
echo "==> build"
npx vite build --logLevel warn
echo "==> end-to-end tests (Playwright, /usr/bin/chromium, real Mosquitto)"
npx playwright test
