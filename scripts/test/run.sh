#!/usr/bin/env bash
# Runs the script test-suite: makes sure shellcheck exists, runs every .bats file here with TAP output,
# and ends with exactly one summary line "N passed, N failed". Exit status is non-zero on any failure.
# Usage: scripts/test/run.sh [BATS_FILE...]   (default: every scripts/test/*.bats)
set -Eeuo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

case "${1:-}" in
  -h | --help)
    echo "Usage: scripts/test/run.sh [BATS_FILE...]"
    echo "Runs shellcheck presence check, then bats --formatter tap; prints 'N passed, N failed'."
    exit 0 ;;
esac

if ! command -v shellcheck >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "# shellcheck missing; installing it with apt-get" >&2
    apt-get install -y shellcheck >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y shellcheck >/dev/null 2>&1; } || true
  fi
  if ! command -v shellcheck >/dev/null 2>&1; then
    echo "shellcheck is required: install it with 'sudo apt-get install -y shellcheck' (Debian/Ubuntu) or 'brew install shellcheck' (macOS)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

bats=$repo/node_modules/bats/bin/bats
if [[ ! -x $bats ]]; then
  bats=$(command -v bats || true)
  [[ -n $bats ]] || { echo "bats not found: run 'npm ci' first" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

if (($# > 0)); then
  files=("$@")
else
  files=("$here"/*.bats)
fi

tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
rc=0
"$bats" --formatter tap "${files[@]}" | tee "$tap" || rc=$?

passed=$(grep -cE '^ok [0-9]+' "$tap" || true)
failed=$(grep -cE '^not ok [0-9]+' "$tap" || true)
planned=$(sed -nE 's/^1\.\.([0-9]+)$/\1/p' "$tap" | head -n 1)
# Tests that never reported (a crash mid-run) count as failed.
if [[ $planned =~ ^[0-9]+$ ]] && ((passed + failed < planned)); then
  failed=$((planned - passed))
fi
if ((rc != 0 && failed == 0)); then
  failed=1
fi
echo "$passed passed, $failed failed"
((failed == 0))
