#!/usr/bin/env bash
# ---
# title: Log diagnosis on the box
# purpose: Greps a failed run's log against the guide's published error signatures and prints the matching gotchas (id, title, page) with the log line that matched, without Node or network on the box.
# usage: diagnose_log.sh [-s SIGNATURES] [-n TOP] [-l LINES] [LOG|-]
# env:
#   DIAG_SIGNATURES:
#     default: "signatures.tsv beside this script"
#     description: Signatures file downloaded from the site (/downloads/signatures.tsv); -s overrides it.
# promises:
#   - "It only reads the log and the signatures file, and only the last LINES lines of the log, so a huge log costs the same as a small one."
# refuses:
#   - "It will not use a signature row with the wrong field count, an unknown kind or a regex grep rejects; each is reported on stderr with its line number and skipped."
# gotchas: [U3]
# principles: [3]
# ---
#
# Signatures file (the site build publishes it as /downloads/signatures.tsv): UTF-8 text, one signature
# per line, five TAB-separated fields
#     id <TAB> kind <TAB> pattern <TAB> title <TAB> url
# kind is "literal", "regex" (POSIX ERE as grep -E reads it) or "regex-i" (the same, ignoring case). A
# literal is matched as the guide's diagnosis engine matches it: ignoring case, any run of white space
# as one, and only as whole words (so "Killed" does not match "skilled"). Lines that
# are empty or start with "#" are skipped. A row with the wrong field count or kind, or a regex grep
# rejects, is reported on stderr with its line number and skipped.
#
# Only the last LINES lines of the log are read (the fatal error sits near the end), so a log of many
# gigabytes costs the same as a small one. Matches are ranked by how late in the log they occur; each is
# printed once, with the last line it matched (control characters removed, cut at 300 characters).
#
# Exit codes: 0 at least one signature matched | 1 none matched | 2 bad usage or unreadable input.
set -Eeuo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)

usage() {
  cat <<EOF
Usage: $prog [-s SIGNATURES] [-n TOP] [-l LINES] [LOG|-]

Match a log against the guide's error signatures and print the best matches.
  -s FILE   signatures TSV (default: \$DIAG_SIGNATURES, else signatures.tsv beside this script)
  -n TOP    how many matches to print (default 5)
  -l LINES  read only the last LINES lines of the log (default 20000)
  LOG       log file; "-" or nothing reads standard input
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

sigs=${DIAG_SIGNATURES:-$here/signatures.tsv}
top=5
max_lines=20000
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -s) [[ $# -ge 2 ]] || bad_usage "-s needs a file"; sigs=$2; shift 2 ;;
    -n) [[ $# -ge 2 ]] || bad_usage "-n needs a number"; top=$2; shift 2 ;;
    -l) [[ $# -ge 2 ]] || bad_usage "-l needs a number"; max_lines=$2; shift 2 ;;
    --) shift; break ;;
    -?*) bad_usage "unknown option: $1" ;;
    *) break ;;
  esac
done
(($# <= 1)) || bad_usage "takes at most one LOG argument"
log=${1:--}
[[ $top =~ ^[1-9][0-9]*$ ]] || bad_usage "-n must be a positive whole number, got '$top'"
[[ $max_lines =~ ^[1-9][0-9]*$ ]] || bad_usage "-l must be a positive whole number, got '$max_lines'"
[[ -f $sigs && -r $sigs ]] || bad_usage "signatures file not found or unreadable: $sigs (download /downloads/signatures.tsv from the guide)"
[[ $log == - || (-f $log && -r $log) ]] || bad_usage "log not found or unreadable: $log"

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
# Untrusted text: drop control characters (terminal escapes) except tab, before anything is printed.
if [[ $log == - ]]; then tail -n "$max_lines"; else tail -n "$max_lines" -- "$log"; fi |
  LC_ALL=C tr -d '\000-\010\013-\037\177' >"$work/log"

: >"$work/hits"
# A literal as an ERE: metacharacters escaped, each run of white space as [[:space:]]+.
literal_ere() {
  local text=$1 out='' ch i in_space=0
  for ((i = 0; i < ${#text}; i++)); do
    ch=${text:i:1}
    if [[ $ch == [[:space:]] ]]; then
      ((in_space)) || out+='[[:space:]]+'
      in_space=1
      continue
    fi
    in_space=0
    case $ch in
      "\\" | . | '[' | ']' | '(' | ')' | '{' | '}' | '*' | '+' | '?' | '^' | '$' | '|') out+="\\$ch" ;;
      *) out+=$ch ;;
    esac
  done
  printf '%s' "$out"
}

sig_no=0
while IFS= read -r row || [[ -n $row ]]; do
  sig_no=$((sig_no + 1))
  row=${row%$'\r'}
  [[ -z $row || $row == '#'* ]] && continue
  IFS=$'\t' read -r -a f <<<"$row"
  if ((${#f[@]} != 5)); then
    printf '%s: %s line %d: expected 5 TAB-separated fields, got %d; skipped\n' "$prog" "$sigs" "$sig_no" "${#f[@]}" >&2
    continue
  fi
  case "${f[1]}" in
    literal) mode=-Eiw pattern=$(literal_ere "${f[2]}") ;;
    regex) mode=-E pattern=${f[2]} ;;
    regex-i) mode=-Ei pattern=${f[2]} ;;
    *) printf '%s: %s line %d: kind must be literal, regex or regex-i, got %s; skipped\n' "$prog" "$sigs" "$sig_no" "${f[1]}" >&2; continue ;;
  esac
  rc=0
  found=$(grep -n "$mode" -e "$pattern" -- "$work/log" 2>/dev/null | tail -n 1) || rc=$?
  if ((rc >= 2)); then
    printf '%s: %s line %d: pattern rejected by grep %s; skipped\n' "$prog" "$sigs" "$sig_no" "$mode" >&2
    continue
  fi
  [[ -n $found ]] || continue
  # hit: log line number, id, title, url, matched text (tabs in the text become spaces)
  text=${found#*:}
  printf '%s\t%s\t%s\t%s\t%s\n' "${found%%:*}" "${f[0]}" "${f[3]}" "${f[4]}" "${text//$'\t'/ }" >>"$work/hits"
done <"$sigs"

[[ -s $work/hits ]] || { echo "no known signature matched (read the last $max_lines lines)"; exit 1; }
sort -t $'\t' -k1,1nr -- "$work/hits" | head -n "$top" |
  while IFS=$'\t' read -r _ id title url text; do
    printf '%s  %s\n    %s\n    matched: %s\n' "$id" "$title" "$url" "${text:0:300}"
  done
exit 0
