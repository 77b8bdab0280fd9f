#!/usr/bin/env bash
# Builds the headless pidgin-sipe driver and its three shims (libxml2, rand's seed, libpurple's circular
# buffer) into $1 (default target/sipe).
# Needs Debian's pidgin-sipe, libpurple-dev, libglib2.0-dev, libxml2-dev and gcc.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-target/sipe}"
mkdir -p "$out"
gcc -O2 -Wall -fPIC -shared -o "$out/sax1-shim.so" "$here/sax1-shim.c" \
    $(pkg-config --cflags libxml-2.0) -ldl
gcc -O2 -Wall -fPIC -shared -o "$out/same-seed-shim.so" "$here/same-seed-shim.c" -ldl
gcc -O2 -Wall -fPIC -shared -o "$out/circbuffer-shim.so" "$here/circbuffer-shim.c" \
    $(pkg-config --cflags purple) $(pkg-config --cflags --libs glib-2.0)
gcc -O2 -Wall -o "$out/sipe-driver" "$here/sipe-driver.c" $(pkg-config --cflags --libs purple glib-2.0)
