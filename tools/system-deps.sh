#!/usr/bin/env bash
# Makes sure the system packages the tests need are present: Debian's Chromium (browser tests drive it through
# playwright-core; Playwright's own browser download cannot work offline) and shellcheck. Installs them with
# apt-get when running as root, otherwise stops with the command to run. jq is used by the staleness
# workflow helper and its tests.
set -Eeuo pipefail

missing=()
[[ -x /usr/bin/chromium || -x /usr/lib/chromium/chromium ]] || missing+=(chromium)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v jq >/dev/null 2>&1 || missing+=(jq)
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
