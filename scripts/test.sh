#!/usr/bin/env bash
# Builds everything and runs every test: unit tests, then the EAR on a managed WildFly 39 driven
# by sipp (a real SIP client) on loopback. Ports used: SIP 5160, HTTP 8180, management 10090
# (offset 100), so a dev server on the default ports can keep running. Extra arguments go to Maven.
# Then the short compliance fault tests: one node (scripts/fault-test.sh --short, offset 400, about
# 1.5 min) and a pool of two (scripts/fault-test.sh --pool --short, offsets 1100 and 1200,
# PostgreSQL 6432, about 5 min). FAULT_TEST=no leaves them out.
set -euo pipefail
cd "$(dirname "$0")/.."

# What Maven cannot bring, from Debian: sipp (package sip-tester), the SIP peer of the tests,
# chromium with its chromedriver, the browser of the admin console's test, kamailio with its TLS
# module, the SIP front end of the proxy tests (openssl makes its key pair), and pidgin-sipe with what its headless driver is compiled with
# (libpurple-dev, libglib2.0-dev, libxml2-dev, gcc, pkg-config), the real client of the interop test,
# and postgresql, the database of the suite's second run and of the cluster test (started on
# loopback by the build itself, scripts/run-postgresql.sh; Debian's own service is not used), and
# slapd, the OpenLDAP server of the directory tests (its own, started by the build on loopback,
# scripts/run-slapd.sh).
missing=()
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)
[ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so ] || missing+=(kamailio-tls-modules)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -f /usr/lib/purple-2/libsipe.so ] || missing+=(pidgin-sipe)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/slapd ] || missing+=(slapd)
pkg-config --exists purple 2>/dev/null || missing+=(libpurple-dev libglib2.0-dev)
pkg-config --exists libxml-2.0 2>/dev/null || missing+=(libxml2-dev)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing ${missing[*]}..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi

mvn -B verify "$@"

if [ "${FAULT_TEST:-yes}" != no ]; then
    SKIP_BUILD=yes scripts/fault-test.sh --short
    SKIP_BUILD=yes scripts/fault-test.sh --pool --short
fi
