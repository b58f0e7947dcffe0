#!/usr/bin/env bash
# What the site checks (`healthsite verify`) need beyond the Python venv, on a fresh Debian
# machine, run as root (`healthsite system-deps` runs this file): Debian's Chromium, a Java
# runtime for the Nu HTML Checker, and Node.js with npm (`healthsite verify` installs the npm
# packages it needs itself). Idempotent: each step is skipped when what it installs is already
# there. Works from any directory. Nothing here downloads a browser of its own.
set -euo pipefail

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
