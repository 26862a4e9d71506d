#!/usr/bin/env bash
# System packages the tests drive for real, installed only when missing:
# Debian's Chromium for the browser tests (Playwright's own browser download fails here)
# and PostgreSQL, whose throwaway server the store's tests start.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
