#!/usr/bin/env bash
# ---
# title: VRAM zombie reaper
# purpose: Lists processes that hold GPU memory but are not the training run - including holders nvidia-smi cannot attribute, found through the /dev/nvidia* device files - and kills them only when asked twice, with --kill and a yes.
# usage: reap_vram_zombies.sh [--keep-pattern REGEX] [--keep-pid PID]... [--min-age SECONDS] [--kill [--yes]] [--grace SECONDS]
# env:
#   TRAIN_PATTERN:
#     default: ""
#     description: Extended regex for the training run's command line; matching processes and their children are never candidates. --keep-pattern overrides it.
#   MIN_AGE_SECONDS:
#     default: "120"
#     description: Holders younger than this are left alone; a new process may still be building its CUDA context.
#   NVIDIA_DEV_DIR:
#     default: "/dev"
#     description: Folder holding the nvidia* device files that fuser or lsof inspect.
#   NVSMI_TIMEOUT:
#     default: "20"
#     description: Seconds any single nvidia-smi call may take; a call that takes longer is killed and reported as a GPU fault (after an Xid 79 nvidia-smi hangs for good).
# promises:
#   - "By default it only lists memory holders and exits; nothing is signalled."
#   - "This script, its parents, PID 1, the keep list and the descendants of kept processes are never candidates."
# refuses:
#   - "It will not kill without --kill and a yes typed at the prompt (or --yes for scripted use)."
#   - "It will not kill anything when nvidia-smi does not answer in time, since it cannot tell the training run from a holder."
# gotchas: [U11, U10, U1, U4]
# principles: [3, 9]
# ---
#
# Why: after a crashed multi-GPU run or a killed container, a process can keep its CUDA context and the
# memory behind it while nvidia-smi shows no owner, so the next job runs out of memory on a GPU that
# looks empty. Such a process still has /dev/nvidia* open, which is how this script finds it.
#
# Default mode lists and exits 0; nothing is touched. --kill asks "[y/N]" on the terminal (read from
# stdin), and anything but y/yes cancels. --kill --yes skips the question for scripted use. Killing sends
# SIGTERM, waits --grace seconds (default 10), then SIGKILL. This script, its parents, PID 1, the keep
# list and the descendants of kept processes are never candidates. A holder that lives in another
# container's PID namespace cannot be killed from here: restart that container.
#
# Exit codes: 0 listed, or killed everything confirmed | 1 kill cancelled or a kill failed | 2 bad usage
#             3 cannot enumerate holders (no nvidia-smi, fuser or lsof) | 4 nvidia-smi hung (GPU fault).
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [options]

List processes holding GPU memory that are not the training run. Kills nothing unless asked.
  --keep-pattern REGEX   command-line regex of the training run (default: \$TRAIN_PATTERN)
  --keep-pid PID         never touch this PID or its children (repeatable)
  --min-age SECONDS      ignore holders younger than this (default: \$MIN_AGE_SECONDS or 120)
  --kill                 offer to kill the candidates; asks y/N first
  --yes                  with --kill: do not ask
  --grace SECONDS        wait between SIGTERM and SIGKILL (default 10)
EOF
}

# >>> shared block: usage errors and a time-bounded nvidia-smi. The same lines stand in gpu_health.sh,
# mem_monitor.sh and reap_vram_zombies.sh, each downloaded on its own; scripts/test/shared_block.bats fails
# when one copy drifts, so change all three together.
bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

nvsmi_timeout=${NVSMI_TIMEOUT:-20}
[[ $nvsmi_timeout =~ ^[1-9][0-9]*$ ]] || bad_usage "NVSMI_TIMEOUT must be a positive whole number of seconds, got '$nvsmi_timeout'"
# smi ARGS...: nvidia-smi with a time bound. Exit 124 (or 137 after the follow-up KILL) means it hung.
smi() { timeout -k 5 "$nvsmi_timeout" nvidia-smi "$@"; }
hung() { (($1 == 124 || $1 == 137)); }
# <<< shared block

keep_re=${TRAIN_PATTERN:-}
min_age=${MIN_AGE_SECONDS:-120}
dev_dir=${NVIDIA_DEV_DIR:-/dev}
keep_pids=()
do_kill=0
assume_yes=0
grace=10

while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --keep-pattern) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; keep_re=$2; shift 2 ;;
    --keep-pid) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; keep_pids+=("$2"); shift 2 ;;
    --min-age) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; min_age=$2; shift 2 ;;
    --grace) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; grace=$2; shift 2 ;;
    --kill) do_kill=1; shift ;;
    --yes | -y) assume_yes=1; shift ;;
    *) bad_usage "unknown argument: $1" ;;
  esac
done
[[ $min_age =~ ^[0-9]+$ ]] || bad_usage "--min-age takes whole seconds"
[[ $grace =~ ^[0-9]+$ ]] || bad_usage "--grace takes whole seconds"
for p in "${keep_pids[@]}"; do
  [[ $p =~ ^[0-9]+$ ]] || bad_usage "--keep-pid takes a numeric PID, got '$p'"
done
((assume_yes == 0 || do_kill == 1)) || bad_usage "--yes only makes sense together with --kill"

# --- who holds GPU memory? ------------------------------------------------------------------------
declare -A vram_mib=() source_of=()

if command -v nvidia-smi >/dev/null 2>&1; then
  smi_rc=0
  apps=$(smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits 2>/dev/null) || smi_rc=$?
  if hung "$smi_rc"; then
    # a wedged driver is a GPU fault, not a zombie: killing processes would not bring the card back
    printf '%s: GPU fault: nvidia-smi did not answer within %ss (wedged driver, Xid 79?); nothing was killed. Check dmesg and re-rent.\n' "$prog" "$nvsmi_timeout" >&2
    exit 4
  fi
  while IFS=', ' read -r pid mib; do
    [[ $pid =~ ^[0-9]+$ ]] || continue
    mib=${mib//[^0-9]/}
    vram_mib[$pid]=$((${vram_mib[$pid]:-0} + ${mib:-0}))
    source_of[$pid]=smi
  done <<<"$apps"
  have_smi=1
else
  have_smi=0
fi

shopt -s nullglob
devices=("$dev_dir"/nvidia*)
shopt -u nullglob
have_dev=0
if ((${#devices[@]} > 0)); then
  holders=''
  if command -v fuser >/dev/null 2>&1; then
    holders=$(fuser -- "${devices[@]}" 2>/dev/null || true)
    have_dev=1
  elif command -v lsof >/dev/null 2>&1; then
    holders=$(lsof -t -- "${devices[@]}" 2>/dev/null || true)
    have_dev=1
  fi
  for pid in $holders; do
    pid=${pid//[^0-9]/}
    [[ -n $pid ]] || continue
    if [[ ${source_of[$pid]:-} == smi ]]; then
      source_of[$pid]=both
    else
      source_of[$pid]=dev
    fi
  done
fi

if ((have_smi == 0 && have_dev == 0)); then
  printf '%s: neither nvidia-smi nor fuser/lsof on device files is available; cannot list holders\n' "$prog" >&2
  exit 3
fi

# --- classify -------------------------------------------------------------------------------------
parent_of() { ps -o ppid= -p "$1" 2>/dev/null | tr -d ' '; }

protected=" 1 $$ "
p=$$
while p=$(parent_of "$p") && [[ -n $p ]] && ((p > 1)); do
  protected+="$p "
done
kept=" "
for p in "${keep_pids[@]}"; do kept+="$p "; done

cmd_of() {
  if [[ -r /proc/$1/cmdline ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline" | sed 's/ $//'
  else
    ps -o args= -p "$1" 2>/dev/null || true
  fi
}

# A process is part of the training run if it, or any ancestor, is kept or matches the pattern.
belongs_to_run() {
  local q=$1 guard=0
  while [[ -n $q ]] && ((q > 1 && guard < 64)); do
    [[ $kept == *" $q "* ]] && return 0
    if [[ -n $keep_re ]] && cmd_of "$q" | grep -qE -- "$keep_re"; then
      return 0
    fi
    q=$(parent_of "$q")
    guard=$((guard + 1))
  done
  return 1
}

candidates=()
printf '%-8s %-9s %-8s %-5s %-10s %s\n' PID VRAM_MIB AGE_S SEEN VERDICT COMMAND
for pid in $(printf '%s\n' "${!source_of[@]}" | sort -n); do
  [[ $protected == *" $pid "* ]] && continue
  mib=${vram_mib[$pid]:--}
  seen=${source_of[$pid]}
  if ! kill -0 "$pid" 2>/dev/null && [[ ! -d /proc/$pid ]]; then
    printf '%-8s %-9s %-8s %-5s %-10s %s\n' "$pid" "$mib" '?' "$seen" other-ns 'not in this PID namespace: restart that container'
    continue
  fi
  age=$(ps -o etimes= -p "$pid" 2>/dev/null | tr -d ' ' || true)
  age=${age:-0}
  cmd=$(cmd_of "$pid")
  cmd=${cmd:0:90}
  if belongs_to_run "$pid"; then
    verdict=keep
  elif ((age < min_age)); then
    verdict=too-young
  else
    verdict=CANDIDATE
    candidates+=("$pid")
  fi
  printf '%-8s %-9s %-8s %-5s %-10s %s\n' "$pid" "$mib" "$age" "$seen" "$verdict" "$cmd"
done

if [[ -z $keep_re && ${#keep_pids[@]} -eq 0 ]]; then
  echo "note: no --keep-pattern/--keep-pid given, so a live training run would be listed as a candidate too"
fi

if ((${#candidates[@]} == 0)); then
  echo "RESULT: no candidate holders"
  exit 0
fi

if ((do_kill == 0)); then
  echo "RESULT: ${#candidates[@]} candidate(s): ${candidates[*]}. Nothing killed (list mode); add --kill to act."
  exit 0
fi

if ((assume_yes == 0)); then
  printf 'Kill %d process(es): %s ? [y/N] ' "${#candidates[@]}" "${candidates[*]}" >&2
  answer=''
  read -r answer || true
  case "${answer,,}" in
    y | yes) ;;
    *) echo "RESULT: not confirmed; nothing killed"; exit 1 ;;
  esac
fi

failed=0
for pid in "${candidates[@]}"; do
  kill -TERM "$pid" 2>/dev/null || true
done
for ((waited = 0; waited < grace; waited++)); do
  alive=0
  for pid in "${candidates[@]}"; do
    kill -0 "$pid" 2>/dev/null && alive=1
  done
  ((alive == 0)) && break
  sleep 1
done
for pid in "${candidates[@]}"; do
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  if kill -0 "$pid" 2>/dev/null && [[ $(ps -o stat= -p "$pid" 2>/dev/null) != Z* ]]; then
    echo "could not kill $pid (other container or owner?)" >&2
    failed=1
  else
    echo "killed $pid"
  fi
done

if ((failed)); then
  echo "RESULT: some holders survived; see above"
  exit 1
fi
echo "RESULT: killed ${#candidates[@]} holder(s); re-run $prog to confirm the memory is free"
