#!/usr/bin/env bash
# ---
# title: Results manifest
# purpose: Writes a manifest of a results folder before delivery - every file with its size, SHA-256, modification time and the command that produced it - so a pulled copy can be checked against it.
# usage: make_manifest.sh [--force] [--command CMD] [-o MANIFEST] RESULTS_DIR
# env: {}
# promises:
#   - "The manifest is written under a temporary name beside its final one and renamed, so it is whole or absent; the results folder is only read."
# refuses:
#   - "It will not replace an existing manifest unless --force is given."
#   - "It will not list a broken symbolic link as if it were a file; that is an error."
# gotchas: [U7]
# principles: [7]
# ---
#
# Format (TSV, UTF-8): a first line "# results-manifest v1", a header line, then one row per file, sorted
# by path:   path <TAB> size_bytes <TAB> sha256 <TAB> mtime_utc <TAB> command
#   path     relative to RESULTS_DIR; names holding a TAB or a newline are refused (they would break rows)
#   command  from a sidecar FILE.cmd beside the file (its first line) when present, else --command, else "-"
# A symbolic link to a file is listed under its own name with the content it points to, since that is what a
# copy made with rsync -L or scp holds; a broken link is an error. A link to a folder is named on stderr and
# not followed (it often points at a dataset or cache outside the results).
# The manifest is written under a temporary name beside its final one and renamed, so it is complete or
# absent. An existing manifest is never replaced unless --force is given. The folder is only read.
#
# Exit codes: 0 manifest written | 1 a file could not be read or named | 2 bad usage or manifest exists.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [--force] [--command CMD] [-o MANIFEST] RESULTS_DIR

List every file of RESULTS_DIR with size, sha256, mtime and producing command (TSV).
  -o MANIFEST    where to write it (default RESULTS_DIR/MANIFEST.tsv; that file is not listed)
  --command CMD  command recorded for files without a FILE.cmd sidecar
  --force        replace an existing manifest
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

force=0
command_arg=-
out=''
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --force) force=1; shift ;;
    --command) [[ $# -ge 2 ]] || bad_usage "--command needs a value"; command_arg=$2; shift 2 ;;
    -o) [[ $# -ge 2 ]] || bad_usage "-o needs a file"; out=$2; shift 2 ;;
    -?*) bad_usage "unknown option: $1" ;;
    *) break ;;
  esac
done
(($# == 1)) || bad_usage "expected one RESULTS_DIR"
dir=${1%/}
[[ -d $dir ]] || bad_usage "results folder not found: $dir"
out=${out:-$dir/MANIFEST.tsv}
if [[ -e $out && $force -eq 0 ]]; then
  bad_usage "$out already exists; pass --force to replace it"
fi
one_line() { local t=${1//$'\t'/ }; printf '%s' "${t//$'\n'/ }"; }

out_abs=$(readlink -f -- "$out")
tmp=$(mktemp "$(dirname -- "$out_abs")/.manifest.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
skip_tmp=$(readlink -f -- "$tmp")
problems=0
{
  echo '# results-manifest v1'
  printf 'path\tsize_bytes\tsha256\tmtime_utc\tcommand\n'
} >"$tmp"
listing=$(mktemp)
trap 'rm -f -- "$tmp" "$listing"' EXIT
if ! (cd -- "$dir" && find . \( -type f -o -type l \) -print0) >"$listing"; then
  printf '%s: could not list all of %s (errors above)\n' "$prog" "$dir" >&2
  problems=$((problems + 1))
fi
while IFS= read -r -d '' rel; do
  rel=${rel#./}
  file="$dir/$rel"
  real=$(readlink -f -- "$file") || real=''
  [[ $real == "$out_abs" || $real == "$skip_tmp" ]] && continue # the manifest and its temp file
  if [[ -L $file ]]; then
    if [[ -d $file ]]; then
      printf '%s: %s: link to a folder, not listed\n' "$prog" "$rel" >&2
      continue
    elif [[ ! -f $file ]]; then
      printf '%s: %s: broken link (its target is gone)\n' "$prog" "$rel" >&2
      problems=$((problems + 1))
      continue
    fi
  fi
  if [[ $rel == *$'\t'* || $rel == *$'\n'* ]]; then
    printf '%s: %q holds a TAB or newline; rename it first\n' "$prog" "$rel" >&2
    problems=$((problems + 1))
    continue
  fi
  if ! sum=$(sha256sum -- "$file" | cut -d' ' -f1) || ! size=$(stat -L -c %s -- "$file"); then
    problems=$((problems + 1))
    continue
  fi
  mtime=$(date -u -r "$file" +%Y-%m-%dT%H:%M:%SZ)
  cmd=$command_arg
  [[ -f $file.cmd ]] && cmd=$(head -n 1 -- "$file.cmd")
  printf '%s\t%s\t%s\t%s\t%s\n' "$rel" "$size" "$sum" "$mtime" "$(one_line "$cmd")"
done < <(sort -z -- "$listing") >>"$tmp"

if ((problems > 0)); then
  printf '%s: %d problem(s); no manifest written\n' "$prog" "$problems" >&2
  exit 1
fi
chmod 0644 -- "$tmp"
mv -f -- "$tmp" "$out"
printf 'wrote %s: %d file(s)\n' "$out" "$(($(wc -l <"$out") - 2))"
