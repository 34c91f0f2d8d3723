#!/usr/bin/env bash
# Makes sure the native tools the test suite needs are present, installing them from
# Debian's packages when this machine lets us (root), else naming the command to run.
# Usage: build-tools/ensure-tools.sh gcc [chromium]
set -euo pipefail

missing=()
for tool in "$@"; do
  case "$tool" in
    gcc) command -v gcc >/dev/null 2>&1 || missing+=(gcc) ;;
    chromium)
      command -v chromium >/dev/null 2>&1 || missing+=(chromium)
      command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver) ;;
    *) echo "ensure-tools: unknown tool '$tool'" >&2; exit 2 ;;
  esac
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The test suite needs: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "ensure-tools: installing ${missing[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
