#!/usr/bin/env bash
# ---
# title: Resumable download loop
# purpose: Fetches one large file over HTTP(S) or one folder over SSH with every attempt capped by a timeout, resuming from the bytes already on disk and retrying with exponential backoff, so a stalled link costs minutes instead of the whole transfer.
# usage: download_loop.sh [--sha256 HEX] [--size BYTES] [--tries N] [--timeout SECONDS] SOURCE DEST
# env:
#   MAX_TRIES:
#     default: "8"
#     description: Attempts before giving up; --tries overrides it.
#   ATTEMPT_TIMEOUT:
#     default: "600"
#     description: Seconds one attempt may run before it is killed and resumed; --timeout overrides it.
#   BACKOFF_BASE:
#     default: "5"
#     description: Seconds to wait after the first failed attempt; doubles after each further failure.
#   BACKOFF_MAX:
#     default: "300"
#     description: Upper bound for the wait between attempts.
#   DOWNLOADER:
#     default: "auto"
#     description: For URLs, `curl`, `wget`, or `auto` (curl when installed, else wget).
# promises:
#   - "DEST appears only after a transfer that ended cleanly and, when they were given, matched --size and --sha256; until then the bytes sit in DEST.part and each retry resumes from them."
#   - "A partial file already larger than --size is treated as corrupt and fetched again from zero, never resumed."
#   - "Each attempt is capped by a timeout, so a stalled link costs minutes rather than the whole transfer."
# refuses:
#   - "It will not start a second download into a destination another run is still writing (exit 3)."
#   - "It will not keep a finished file whose SHA-256 differs from --sha256; that file is thrown away and fetched again."
# gotchas: [U12, U13, U15, U17]
# principles: [1, 7]
# ---
#
# SOURCE forms
#   https://host/path/file  (also http://, ftp://)  -> DEST is the output FILE. Bytes land in DEST.part;
#                           curl -C - / wget -c continue from its size on every attempt; DEST appears only
#                           after the transfer ended cleanly (and, with --sha256, matched).
#   host:/remote/path       -> rsync over ssh with --partial --append-verify into DEST (a folder), so a
#                           half-sent file continues instead of restarting. ssh keep-alives bound a dead link.
# A stall is not a failure: the timeout kills the attempt, and the next attempt picks up where it stopped.
# Progress therefore accumulates across attempts. A size alone is not proof of a complete file; pass
# --sha256 when the publisher gives one, and --size too: a partial file already larger than the size is
# corrupt and is started again from zero instead of resumed, and the final rename waits for both checks.
#
# One download per destination: a second run into the same DEST while the first is still going is
# refused (exit 3), because two writers appending to one partial file corrupt it. The lock is flock on
# DEST.lock (DEST/.download_loop.lock for a folder), which stays in place; where flock is not installed,
# a lock folder that a crashed run leaves behind and that is then named for you to remove.
#
# Exit codes: 0 complete (and verified when asked) | 1 gave up after the last attempt | 2 bad usage
#             3 another download into DEST is running.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [--sha256 HEX] [--size BYTES] [--tries N] [--timeout SECONDS] SOURCE DEST

Download with per-attempt timeout, resume and exponential backoff.
  SOURCE  a URL (DEST = output file) or host:/path for rsync over ssh (DEST = folder)
  --sha256 HEX       verify the finished file (URL mode)
  --size BYTES       the file's published size: checked before the final rename (URL mode)
  --tries N          attempts (default \$MAX_TRIES or 8)
  --timeout SECONDS  cap per attempt (default \$ATTEMPT_TIMEOUT or 600)
Backoff: BACKOFF_BASE (5 s) doubling up to BACKOFF_MAX (300 s).
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

tries=${MAX_TRIES:-8}
attempt_timeout=${ATTEMPT_TIMEOUT:-600}
backoff=${BACKOFF_BASE:-5}
backoff_max=${BACKOFF_MAX:-300}
tool=${DOWNLOADER:-auto}
want_sha=''
want_size=''
pos=()
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --sha256) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; want_sha=${2,,}; shift 2 ;;
    --size) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; want_size=$2; shift 2 ;;
    --tries) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; tries=$2; shift 2 ;;
    --timeout) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; attempt_timeout=$2; shift 2 ;;
    --) shift; pos+=("$@"); break ;;
    -*) bad_usage "unknown option: $1" ;;
    *) pos+=("$1"); shift ;;
  esac
done
((${#pos[@]} == 2)) || bad_usage "expected SOURCE and DEST, got ${#pos[@]} operand(s)"
source_ref=${pos[0]}
dest=${pos[1]}
[[ $tries =~ ^[1-9][0-9]*$ ]] || bad_usage "tries must be a positive integer"
[[ $attempt_timeout =~ ^[1-9][0-9]*$ ]] || bad_usage "timeout must be a positive number of seconds"
[[ $backoff =~ ^[0-9]+$ && $backoff_max =~ ^[0-9]+$ ]] || bad_usage "BACKOFF_BASE and BACKOFF_MAX take whole seconds"
[[ -z $want_sha || $want_sha =~ ^[0-9a-f]{64}$ ]] || bad_usage "--sha256 takes 64 hex characters"
[[ -z $want_size || $want_size =~ ^[1-9][0-9]*$ ]] || bad_usage "--size takes a positive number of bytes"

case "$source_ref" in
  http://* | https://* | ftp://*) mode=url ;;
  *://*) bad_usage "unsupported URL scheme: $source_ref" ;;
  *:*) mode=rsync ;;
  *) bad_usage "SOURCE must be a URL or host:/path, got '$source_ref'" ;;
esac

if [[ $mode == url ]]; then
  case "$tool" in
    auto) if command -v curl >/dev/null 2>&1; then tool=curl; elif command -v wget >/dev/null 2>&1; then tool=wget; else bad_usage "neither curl nor wget is installed"; fi ;;
    curl | wget) command -v "$tool" >/dev/null 2>&1 || bad_usage "$tool is not installed" ;;
    *) bad_usage "DOWNLOADER must be curl, wget or auto" ;;
  esac
else
  command -v rsync >/dev/null 2>&1 || bad_usage "rsync is not installed (needed on both ends)"
  [[ $want_sha == '' && $want_size == '' ]] || bad_usage "--sha256 and --size apply to URL downloads only"
fi

sha_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum -- "$1" | awk '{ print $1 }'; else shasum -a 256 -- "$1" | awk '{ print $1 }'; fi
}
size_of() { if [[ -f $1 ]]; then wc -c <"$1" | tr -d '[:space:]'; else echo 0; fi; }
stamp() { date '+%H:%M:%S'; }

part="$dest.part"
if [[ $mode == url ]]; then
  mkdir -p -- "$(dirname -- "$dest")"
  lock="$dest.lock"
else
  mkdir -p -- "$dest"
  lock="$dest/.download_loop.lock"
fi

# --- one writer per destination -----------------------------------------------------------------
own_lock_dir=''
# shellcheck disable=SC2317  # reached through the trap
drop_lock_dir() { if [[ -n $own_lock_dir ]]; then rm -rf -- "$own_lock_dir"; fi; }
trap drop_lock_dir EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if command -v flock >/dev/null 2>&1; then
  exec 9>>"$lock"
  if ! flock -n 9; then
    echo "$prog: another download into $dest is running (lock $lock is held); not starting a second writer" >&2
    exit 3
  fi
else
  # mkdir creates the folder for exactly one run. A crash leaves it behind; it is named, never removed here.
  if ! mkdir -- "$lock.d" 2>/dev/null; then
    echo "$prog: another download into $dest is running, or one crashed: lock folder $lock.d exists (flock is not installed)." >&2
    echo "If no download into $dest is running, remove it: rm -r -- $(printf '%q' "$lock.d")" >&2
    exit 3
  fi
  own_lock_dir="$lock.d"
fi

# complete FILE: true when FILE passes every check that was asked for.
complete() {
  [[ -f $1 ]] || return 1
  [[ -z $want_size || $(size_of "$1") == "$want_size" ]] || return 1
  [[ -z $want_sha || $(sha_of "$1") == "$want_sha" ]]
}
if [[ $mode == url ]] && complete "$dest"; then
  echo "[$(stamp)] $dest already complete; nothing to do"
  exit 0
fi

one_attempt() {
  if [[ $mode == rsync ]]; then
    timeout "$attempt_timeout" rsync -a --partial --append-verify \
      -e 'ssh -o ConnectTimeout=15 -o ServerAliveInterval=15 -o ServerAliveCountMax=4' \
      -- "$source_ref" "$dest/"
  elif [[ $tool == curl ]]; then
    timeout "$attempt_timeout" curl --fail --location --silent --show-error --continue-at - --output "$part" -- "$source_ref"
  else
    timeout "$attempt_timeout" wget --quiet --continue --output-document="$part" -- "$source_ref"
  fi
}

delay=$backoff
for ((n = 1; n <= tries; n++)); do
  if [[ $mode == url && -n $want_size ]] && (($(size_of "$part") > want_size)); then
    echo "[$(stamp)] $part holds $(size_of "$part") bytes, more than the file's $want_size: corrupt (two writers?); starting from zero" >&2
    rm -f -- "$part"
  fi
  before=$(size_of "$part")
  rc=0
  one_attempt </dev/null || rc=$?
  if ((rc == 0)); then
    if [[ $mode == rsync ]]; then
      echo "[$(stamp)] attempt $n/$tries: rsync finished; $dest is in step with $source_ref"
      exit 0
    fi
    got=$(size_of "$part")
    if [[ -n $want_size ]] && ((got < want_size)); then
      echo "[$(stamp)] attempt $n/$tries: the server stopped at $got of $want_size bytes; resuming" >&2
    elif [[ -n $want_size ]] && ((got > want_size)); then
      echo "[$(stamp)] attempt $n/$tries: finished with $got bytes, more than $want_size; discarding the partial file" >&2
      rm -f -- "$part"
    elif [[ -n $want_sha && $(sha_of "$part") != "$want_sha" ]]; then
      echo "[$(stamp)] attempt $n/$tries: finished but sha256 differs; discarding the partial file" >&2
      rm -f -- "$part"
    else
      mv -f -- "$part" "$dest"
      echo "[$(stamp)] attempt $n/$tries: done, $(size_of "$dest") bytes in $dest${want_size:+ (size checked)}${want_sha:+ (sha256 verified)}"
      exit 0
    fi
  else
    case "$rc" in
      124) why="timed out after ${attempt_timeout}s" ;;
      33) why="server refused to resume (no range support); restarting from zero"; rm -f -- "$part" ;;
      *) why="exit $rc" ;;
    esac
    if [[ $mode == url ]]; then
      echo "[$(stamp)] attempt $n/$tries: $why; partial file $before -> $(size_of "$part") bytes" >&2
    else
      echo "[$(stamp)] attempt $n/$tries: $why" >&2
    fi
  fi
  if ((n < tries)); then
    echo "[$(stamp)] retrying in ${delay}s" >&2
    sleep "$delay"
    delay=$((delay * 2))
    ((delay > backoff_max)) && delay=$backoff_max
  fi
done

if [[ $mode == url ]]; then
  echo "[$(stamp)] gave up after $tries attempt(s); $(size_of "$part") bytes kept in $part; re-run the same command to continue" >&2
else
  echo "[$(stamp)] gave up after $tries attempt(s); rsync kept its partial files; re-run the same command to continue" >&2
fi
exit 1
