#!/usr/bin/env bash
# Compiles the ws2_32 stand-in into <out>/libws2_32.so, with the names JNA looks for
# iphlpapi and ntdll under (symlinks: one library, one state). Called by the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
source="$here/ws2_32_standin.c"
if [ -f "$out/libws2_32.so" ] && [ "$out/libws2_32.so" -nt "$source" ]; then
  exit 0
fi
"$here/../../../../build-tools/ensure-tools.sh" gcc
mkdir -p "$out"
gcc -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
  -o "$out/libws2_32.so" "$source" -ldl -lpthread
ln -sf libws2_32.so "$out/libIPHlpAPI.so"
ln -sf libws2_32.so "$out/libNtDll.so"
