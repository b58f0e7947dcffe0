#!/usr/bin/env bash
# What the browser stage (`make test`) and `make audit` need beyond the Python venv, on a fresh
# Debian machine, run as root: Debian's Chromium, a Java runtime for the Nu HTML Checker, and the
# npm packages pinned in package-lock.json (axe-core, vnu-jar, lighthouse).
# Idempotent: each step is skipped when what it installs is already there. Works from any
# directory. Nothing here downloads a browser of its own.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "install_system_deps: need root to apt-get install $*" >&2
        exit 1
    fi
    if [ "$apt_updated" -eq 0 ]; then
        apt-get update -q
        apt_updated=1
    fi
    apt-get install -y -q --no-install-recommends "$@"
}

# Chromium from Debian (Playwright drives it with executable_path=/usr/bin/chromium).
if [ -x /usr/bin/chromium ]; then
    echo "install_system_deps: chromium already installed"
else
    apt_install chromium
fi

# Java 17+ for vnu.jar.
if java -version >/dev/null 2>&1; then
    echo "install_system_deps: java already installed ($(java -version 2>&1 | head -n 1))"
else
    apt_install openjdk-17-jre-headless || apt_install default-jre-headless
fi

# Node.js and npm, only if missing (the machine image normally has them).
if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

# npm packages, exactly as locked. `npm ci` writes node_modules/.package-lock.json; when that
# copy matches package-lock.json the tree is already what the lock file says. Install scripts
# are not run: vnu-jar's would fetch a Java runtime from the internet (the system one is used).
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
