#!/usr/bin/env bash
# Install the Debian packages that tests need, once. Idempotent and quiet.
set -euo pipefail
need=()
# PostgreSQL server binaries: the API tests start a throwaway cluster on loopback
# (tests/api/apifixtures.py: initdb + pg_ctl from /usr/lib/postgresql/*/bin).
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  need+=(postgresql)
fi
# runuser (util-linux) runs the cluster as the postgres user when the tests run as root.
command -v runuser >/dev/null || need+=(util-linux)
# The review page's browser tests (tests/api/test_review_browser.py): Debian's Chromium
# driven by Playwright (no browser download), and a CJK font for the page and for
# pdfium when a PDF does not embed its fonts.
[ -x /usr/bin/chromium ] || need+=(chromium chromium-driver)
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "sysdeps: need root to install: ${need[*]}" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
