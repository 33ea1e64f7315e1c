#!/usr/bin/env bash
# ---
# title: Manifest check of a pulled copy
# purpose: Checks a pulled or delivered copy of a results folder against the manifest written on the box - missing files, extra files, size and SHA-256 mismatches, each reported - and never changes or deletes anything.
# usage: verify_manifest.sh MANIFEST COPY_DIR
# env: {}
# promises:
#   - "It never changes or deletes anything in the copy or the manifest."
# refuses:
#   - "It will not report a copy as matching when a file is missing, extra, or differs in size or SHA-256; each problem is one line and the exit status is 1."
# gotchas: [U7]
# principles: [7]
# ---
#
# Reads the TSV written by make_manifest.sh ("# results-manifest v1"). Each problem is one line:
#   MISSING path | EXTRA path | SIZE path (want N, got M) | HASH path (sha256 differs)
# The manifest file itself, or a file in COPY_DIR with the same bytes (the copy's own MANIFEST.tsv when you
# check against one fetched separately), is not counted as extra. Links are treated as make_manifest.sh
# treats them: a link to a file stands for its content, a link to a folder is not looked into.
#
# Exit codes: 0 the copy matches | 1 at least one problem | 2 bad usage or unreadable manifest.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog MANIFEST COPY_DIR

Compare COPY_DIR with MANIFEST (from make_manifest.sh): missing, extra, size and hash mismatches.
Read-only; exit 0 only when every file matches and nothing is extra.
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
esac
(($# == 2)) || bad_usage "expected MANIFEST COPY_DIR"
manifest=$1
dir=${2%/}
[[ -f $manifest && -r $manifest ]] || bad_usage "manifest not found or unreadable: $manifest"
[[ -d $dir ]] || bad_usage "copy folder not found: $dir"
[[ $(head -n 1 -- "$manifest") == '# results-manifest v1' ]] || bad_usage "$manifest is not a results-manifest v1 file"

manifest_abs=$(readlink -f -- "$manifest")
problems=0
checked=0
declare -A listed=()
line_no=0
while IFS=$'\t' read -r path size sum _; do
  line_no=$((line_no + 1))
  ((line_no <= 2)) && continue
  if [[ -z $path || ! $size =~ ^[0-9]+$ || ! $sum =~ ^[0-9a-f]{64}$ ]]; then
    printf '%s: %s line %d: malformed row\n' "$prog" "$manifest" "$line_no" >&2
    exit 2
  fi
  listed[$path]=1
  checked=$((checked + 1))
  file="$dir/$path"
  if [[ ! -f $file ]]; then
    printf 'MISSING %s\n' "$path"
    problems=$((problems + 1))
  elif got=$(stat -L -c %s -- "$file") && [[ $got != "$size" ]]; then
    printf 'SIZE    %s (want %s bytes, got %s)\n' "$path" "$size" "$got"
    problems=$((problems + 1))
  elif [[ $(sha256sum -- "$file" | cut -d' ' -f1) != "$sum" ]]; then
    printf 'HASH    %s (sha256 differs)\n' "$path"
    problems=$((problems + 1))
  fi
done <"$manifest"

listing=$(mktemp)
trap 'rm -f -- "$listing"' EXIT
if ! (cd -- "$dir" && find . \( -type f -o -type l \) -print0) >"$listing"; then
  printf 'UNLISTED %s: find reported errors; extra files may be missed\n' "$dir"
  problems=$((problems + 1))
fi
while IFS= read -r -d '' rel; do
  rel=${rel#./}
  [[ -n ${listed[$rel]:-} ]] && continue
  [[ -L $dir/$rel && -d $dir/$rel ]] && continue
  [[ $(readlink -f -- "$dir/$rel") == "$manifest_abs" ]] && continue
  cmp -s -- "$dir/$rel" "$manifest" && continue
  printf 'EXTRA   %s\n' "$rel"
  problems=$((problems + 1))
done < <(sort -z -- "$listing")

if ((problems > 0)); then
  printf '%s: %d problem(s) in %s against %d listed file(s)\n' "$prog" "$problems" "$dir" "$checked" >&2
  exit 1
fi
printf 'OK: %d file(s) match %s\n' "$checked" "$manifest"
