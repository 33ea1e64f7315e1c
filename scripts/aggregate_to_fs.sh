#!/usr/bin/env bash
# ---
# title: Atomic aggregate to durable storage
# purpose: Copies finished results from the instance's data disk to durable storage so that a file under its final name is always complete - written under a temporary name in the destination folder, flushed, checked by size and sha256, then renamed.
# usage: aggregate_to_fs.sh [--replace] [SRC_DIR [DEST_DIR]]
# env:
#   DATA_DIR:
#     default: "/root/autodl-tmp"
#     description: Data disk; SRC_DIR defaults to its checkpoints folder.
#   DURABLE_DIR:
#     description: Durable mount; DEST_DIR defaults to its final_ckpts folder. No default of its own (another platform's path would be a folder that dies with the box), so with neither set the script stops.
#   INCLUDE:
#     default: "best.pth *.json *.log"
#     description: File-name patterns, space separated, of the files worth keeping; everything else is left on the data disk.
#   TOOL_TIMEOUT:
#     default: "20"
#     description: Seconds df may take for the closing space report before it is killed and reported as hung.
# promises:
#   - "A file under its final durable name is always whole - written under a temporary name in the same folder, flushed, checked by size and SHA-256, then renamed."
#   - "Exit 0 means every file matching INCLUDE is on durable storage and verified, files reached through a symbolic link included (the bytes the link leads to are copied)."
#   - "Nothing in SRC_DIR is changed or deleted; in DEST_DIR only its own temporary files of runs that are gone are removed."
# refuses:
#   - "It will not replace a durable file with a shorter one, or a whole zip-format checkpoint with a cut-off one, unless --replace is given, and then the old file stays beside the new as NAME.before-TIME."
#   - "It will not report success when a link leads nowhere, a folder cannot be listed, an fsync fails, or no file matched."
#   - "It will not run where sync cannot flush single files (coreutils before 8.24), since it could not promise the data reached the disk."
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
# A durable file is a result someone may rely on, so it is not replaced by a copy that is shorter, or by
# a checkpoint that fails its own check (a zip-format file, as torch.save writes, must end with the zip
# end record; a cut-off one does not). Such files are reported as FAIL and the durable one stays. With
# --replace they are copied anyway, and the durable file they replace is kept beside it as
# NAME.before-<UTC time>. A symbolic link in SRC_DIR is followed: the bytes it points to are copied;
# a link that leads nowhere is a FAIL.
#
# Exit codes: 0 every matching file is on durable storage and verified | 1 a copy failed, a replacement
#             was refused, or nothing matched | 2 bad usage.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [--replace] [SRC_DIR [DEST_DIR]]

Copy result files (INCLUDE patterns) from SRC_DIR to DEST_DIR, atomically and verified.
  SRC_DIR    default \$DATA_DIR/checkpoints
  DEST_DIR   default \$DURABLE_DIR/final_ckpts
  --replace  also replace durable files with shorter or cut-off copies (the old file is kept
             beside it as NAME.before-<time>)
Environment: DATA_DIR, DURABLE_DIR, INCLUDE (default "best.pth *.json *.log"), TOOL_TIMEOUT.
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

replace=0
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --replace) replace=1; shift ;;
    --) shift; break ;;
    -*) bad_usage "unknown option: $1" ;;
    *) break ;;
  esac
done
(($# <= 2)) || bad_usage "expected at most SRC_DIR and DEST_DIR, got $# arguments"

src=${1:-${DATA_DIR:-/root/autodl-tmp}/checkpoints}
[[ -n ${2:-} || -n ${DURABLE_DIR:-} ]] || bad_usage "no destination: give DEST_DIR or set DURABLE_DIR to the folder that outlives this platform's teardown"
dest=${2:-$DURABLE_DIR/final_ckpts}
include=${INCLUDE-best.pth *.json *.log}
tool_timeout=${TOOL_TIMEOUT:-20}
[[ $tool_timeout =~ ^[1-9][0-9]*$ ]] || bad_usage "TOOL_TIMEOUT must be a positive whole number of seconds, got '$tool_timeout'"
# "src/" and "src" name the same folder; without this, "src/" would leave the whole path in every
# relative name and land files under DEST_DIR/<absolute source path>.
while [[ $src == */ && $src != / ]]; do src=${src%/}; done

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
# cut_off FILE: true for a zip-format file (torch.save since PyTorch 1.6) whose zip end record is missing
# from its last 64 KiB: the file was cut short. Files in other formats have no such check and pass.
# Bytes are compared as " xx" tokens so that a match cannot straddle two bytes.
cut_off() {
  local head_hex tail_hex
  head_hex=$(head -c 4 -- "$1" | od -An -tx1 | tr -s ' \n' ' ')
  [[ $head_hex == ' 50 4b 03 04'* ]] || return 1
  tail_hex=$(tail -c 65558 -- "$1" | od -An -v -tx1 | tr -s ' \n' ' ')
  [[ $tail_hex != *' 50 4b 05 06'* ]]
}
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
if ! find "$src" \( -type f -o -type l \) \( "${name_test[@]}" \) ! -name '.agg-tmp.*' -print0 >"$list"; then
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
  if [[ ! -f $file ]]; then
    printf 'FAIL %s: a link to nothing (or to something that is not a file); nothing to copy\n' "$rel" >&2
    failed=$((failed + 1))
    continue
  fi
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

  backup=''
  if [[ -f $target ]]; then
    why=''
    if ((want_size < $(byte_count "$target"))); then
      why="shorter than the durable copy ($want_size < $(byte_count "$target") bytes)"
    elif cut_off "$file" && ! cut_off "$target"; then
      why="cut off (its zip end record is missing) while the durable copy is whole"
    fi
    if [[ -n $why ]] && ((!replace)); then
      printf 'FAIL %s: source is %s; durable copy kept. Pass --replace to copy it anyway.\n' "$rel" "$why" >&2
      failed=$((failed + 1))
      continue
    fi
    if [[ -n $why ]]; then
      backup="$target.before-$(date -u +%Y%m%dT%H%M%SZ)"
      # a hard link keeps the old bytes under a second name without copying; cp where links are refused
      if ! ln -- "$target" "$backup" 2>/dev/null && ! cp -p -- "$target" "$backup"; then
        printf 'FAIL %s: could not keep the durable copy as %s; nothing replaced\n' "$rel" "$backup" >&2
        failed=$((failed + 1))
        continue
      fi
    fi
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
    printf 'OK   %s (%s bytes)%s\n' "$rel" "$want_size" "${backup:+; the replaced copy is kept as ${backup##*/}}"
    copied=$((copied + 1))
  else
    rm -f -- "$tmp"
    inflight=''
    printf 'FAIL %s: copy incomplete or differs from the source (space? inodes? quota?)\n' "$rel" >&2
    failed=$((failed + 1))
  fi
done < <(sort -z -- "$list")

echo "== aggregate: $copied copied, $same already up to date, $failed failed, into $dest"
# df on a sick mount can block for good; the copies are done by now, so a hang only costs the report.
for kind in -h -i; do
  df_rc=0
  usage_line=$(timeout -k 5 "$tool_timeout" df "$kind" -- "$dest" 2>/dev/null) || df_rc=$?
  if ((df_rc == 124 || df_rc == 137)); then
    printf '   df did not answer within %ss on %s (hung mount?); space not reported\n' "$tool_timeout" "$dest"
    break
  fi
  printf '%s\n' "$usage_line" | awk -v k="$kind" 'NR == 2 { print "   " (k == "-h" ? "bytes: " : "inodes:") " " $5 " used, " $4 " free" }'
done

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
