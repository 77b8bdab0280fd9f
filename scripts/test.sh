#!/usr/bin/env bash
# Builds everything and runs every test: unit tests, then the EAR on a managed WildFly 39 driven
# by sipp (a real SIP client) on loopback, then the short compliance fault test (a server killed
# with kill -9 twice). Ports used: offsets 100 (SIP 5160, HTTP 8180, management 10090) and 400
# for the fault test, so a dev server on the default ports can keep running. Extra arguments go to
# Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

# sipp is the one thing Maven cannot bring: Debian's sip-tester package.
if ! command -v sipp >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing sipp (Debian package sip-tester)..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq sip-tester >/dev/null
    else
        echo "sipp is missing: install the Debian package sip-tester (sudo apt-get install sip-tester)" >&2
        exit 1
    fi
fi

mvn -B verify "$@"
SKIP_BUILD=yes scripts/fault-test.sh --short
