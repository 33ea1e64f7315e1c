#!/usr/bin/env bash
# ---
# title: Atomic aggregate to durable storage
# purpose: Copies finished results from the instance's data disk to durable storage so that a file under its final name is always complete - written under a temporary name in the destination folder, flushed, checked by size and sha256, then renamed.
# usage: aggregate_to_fs.sh [SRC_DIR [DEST_DIR]]
# env:
#   DATA_DIR:
#     default: "/root/autodl-tmp"
#     description: Data disk; SRC_DIR defaults to its checkpoints folder.
#   DURABLE_DIR:
#     default: "/root/autodl-fs"
#     description: Durable mount; DEST_DIR defaults to its final_ckpts folder.
#   INCLUDE:
#     default: "best.pth *.json *.log"
#     description: File-name patterns, space separated, of the files worth keeping; everything else is left on the data disk.
# gotchas: [U33, U6, U7, U12]
# principles: [3, 4, 8, 9]
# ---
#
# A safety net next to run_one.sh, which already syncs each cell: run it when a per-cell sync failed,
# or as the last pass before you release the instance. Re-running is safe: files already present with the
# same size and sha256 are skipped, changed ones are replaced atomically.
#
# Why a temporary name in the DESTINATION folder: rename(2) is atomic only inside one filesystem, so a
# temp file elsewhere would turn the final step into a slow copy. If the script is killed, even with
# kill -9, the worst left behind is a ".agg-tmp.<pid>.<name>" file; the final name either holds the old
# complete file or nothing. Left-over temp files of dead runs are removed on the next run.
# Nothing is ever deleted from SRC_DIR.
#
# Exit codes: 0 every matching file is on durable storage and verified | 1 a copy failed or nothing
#             matched | 2 bad usage.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [SRC_DIR [DEST_DIR]]

Copy result files (INCLUDE patterns) from SRC_DIR to DEST_DIR, atomically and verified.
  SRC_DIR   default \$DATA_DIR/checkpoints
  DEST_DIR  default \$DURABLE_DIR/final_ckpts
Environment: DATA_DIR, DURABLE_DIR, INCLUDE (default "best.pth *.json *.log").
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -*) bad_usage "unknown option: $1" ;;
esac
(($# <= 2)) || bad_usage "expected at most SRC_DIR and DEST_DIR, got $# arguments"

src=${1:-${DATA_DIR:-/root/autodl-tmp}/checkpoints}
dest=${2:-${DURABLE_DIR:-/root/autodl-fs}/final_ckpts}
include=${INCLUDE-best.pth *.json *.log}

[[ -d $src ]] || bad_usage "source folder not found: $src"
[[ -n $include ]] || bad_usage "INCLUDE is empty: nothing would be copied"
mkdir -p -- "$dest" || { printf '%s: cannot create %s (full? read-only? check df -i)\n' "$prog" "$dest" >&2; exit 1; }

inflight=''
# shellcheck disable=SC2317  # only reached through the traps below
cleanup() {
  if [[ -n $inflight ]]; then rm -f -- "$inflight"; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

checksum() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum -- "$1" | awk '{ print $1 }'
  else
    shasum -a 256 -- "$1" | awk '{ print $1 }'
  fi
}
byte_count() { wc -c <"$1" | tr -d '[:space:]'; }
# flush PATH: fsync one file or folder and report its error. "sync FILE" fsyncs only the named file since
# coreutils 8.24 (Debian 9 and later ship newer); an older sync ignores its operands, so it is refused
# below instead of trusting a global sync that reports no error.
flush() {
  if ! sync -- "$1"; then
    printf 'FAIL fsync %s: the data may not be on durable storage\n' "$1" >&2
    return 1
  fi
}
if ! sync --help 2>/dev/null | grep -q -- '--file-system'; then
  printf '%s: this sync cannot fsync single files (coreutils older than 8.24); cannot promise durability\n' "$prog" >&2
  exit 1
fi

# Remove temp files left by aggregator runs that no longer exist.
while IFS= read -r -d '' stale; do
  base=${stale##*/}
  owner=${base#.agg-tmp.}
  owner=${owner%%.*}
  if [[ $owner =~ ^[0-9]+$ ]] && ! kill -0 "$owner" 2>/dev/null; then
    rm -f -- "$stale" && printf 'removed stale temp %s\n' "$stale"
  fi
done < <(find "$dest" -type f -name '.agg-tmp.*' -print0 2>/dev/null)

# Build the find expression from the INCLUDE patterns: ( -name p1 -o -name p2 ... )
name_test=()
read -r -a patterns <<<"$include" || true
for pat in "${patterns[@]}"; do
  ((${#name_test[@]} > 0)) && name_test+=(-o)
  name_test+=(-name "$pat")
done

# The file list goes through a temp file so that find's own exit status is seen: an unreadable
# subfolder is an error, never a silent skip.
list=$(mktemp)
trap 'cleanup; rm -f -- "$list"' EXIT
find_failed=0
if ! find "$src" -type f \( "${name_test[@]}" \) ! -name '.agg-tmp.*' -print0 >"$list"; then
  find_failed=1
  printf 'FAIL listing %s: find reported errors (above); files it could not see were not copied\n' "$src" >&2
fi

copied=0
same=0
failed=0
found=0
while IFS= read -r -d '' file; do
  found=$((found + 1))
  rel=${file#"$src"/}
  target="$dest/$rel"
  tdir=${target%/*}
  name=${target##*/}
  want_size=$(byte_count "$file")
  want_sum=$(checksum "$file")

  if [[ -f $target && $(byte_count "$target") == "$want_size" && $(checksum "$target") == "$want_sum" ]]; then
    # an earlier run may have died between rename and fsync: flush it again before counting it
    if flush "$target" && flush "$tdir"; then same=$((same + 1)); else failed=$((failed + 1)); fi
    continue
  fi
  if ! mkdir -p -- "$tdir"; then
    printf 'FAIL %s: cannot create %s\n' "$rel" "$tdir" >&2
    failed=$((failed + 1))
    continue
  fi

  tmp="$tdir/.agg-tmp.$$.$name"
  inflight=$tmp
  if cp -- "$file" "$tmp" && flush "$tmp" &&
    [[ $(byte_count "$tmp") == "$want_size" && $(checksum "$tmp") == "$want_sum" ]] &&
    mv -f -- "$tmp" "$target"; then
    inflight=''
    if ! flush "$tdir"; then
      failed=$((failed + 1))
      continue
    fi
    printf 'OK   %s (%s bytes)\n' "$rel" "$want_size"
    copied=$((copied + 1))
  else
    rm -f -- "$tmp"
    inflight=''
    printf 'FAIL %s: copy incomplete or differs from the source (space? inodes? quota?)\n' "$rel" >&2
    failed=$((failed + 1))
  fi
done < <(sort -z -- "$list")

echo "== aggregate: $copied copied, $same already up to date, $failed failed, into $dest"
df -h -- "$dest" 2>/dev/null | awk 'NR == 2 { print "   bytes:  " $5 " used, " $4 " free" }' || true
df -i -- "$dest" 2>/dev/null | awk 'NR == 2 { print "   inodes: " $5 " used, " $4 " free" }' || true

if ((find_failed)); then
  echo "Some of $src could not be listed; fix its permissions and run again. Do not release the instance." >&2
  exit 1
fi
if ((found == 0)); then
  printf '%s: no file under %s matches INCLUDE (%s); nothing aggregated\n' "$prog" "$src" "$include" >&2
  exit 1
fi
if ((failed > 0)); then
  echo "The data-disk copies are still the only good ones for the failed files; do not release the instance." >&2
  exit 1
fi
exit 0
