#!/usr/bin/env bash
# Install the Debian packages that tests need, once. Idempotent and quiet.
set -euo pipefail
need=()
# (filled in as features need them; see api/ for PostgreSQL)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "sysdeps: need root to install: ${need[*]}" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
