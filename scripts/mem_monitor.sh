#!/usr/bin/env bash
# ---
# title: Memory sampler
# purpose: Appends host RAM, container (cgroup) memory, the cgroup OOM-kill counter and per-GPU VRAM to a tab-separated log at a fixed interval, so a later crash can be matched against what memory was doing.
# usage: mem_monitor.sh [-i SECONDS] [-n COUNT] [-o FILE|-]
# env:
#   DATA_DIR:
#     default: "/root/autodl-tmp"
#     description: Data disk; the default log lives under its runs folder.
#   MEM_LOG:
#     default: "$DATA_DIR/runs/mem_monitor.tsv"
#     description: Log file the samples are appended to; `-` writes to stdout.
#   CGROUP_DIR:
#     default: "/sys/fs/cgroup"
#     description: Root of this container's cgroup files (v2 memory.current or v1 memory/ folder).
#   MEM_WARN_PCT:
#     default: "90"
#     description: Warn on stderr when container memory reaches this share of its limit.
#   NVSMI_TIMEOUT:
#     default: "20"
#     description: Seconds any single nvidia-smi call may take; a call that takes longer is killed and reported as a GPU fault (after an Xid 79 nvidia-smi hangs for good).
# promises:
#   - "It only reads memory counters and appends rows to its own log; a header is written once, into an empty log, and nothing else is touched."
#   - "A hung nvidia-smi is cut off by NVSMI_TIMEOUT and logged as HUNG, so sampling goes on."
# refuses:
#   - "It will not kill, throttle or restart anything, whatever the numbers say."
# gotchas: [U9, U10, U41, U3]
# principles: [3, 5]
# ---
#
# Columns: time_utc host_used_mib host_total_mib host_avail_mib cg_used_mib cg_limit_mib oom_kills gpu_vram
#   host_*     from /proc/meminfo: the whole physical machine, neighbours included on a shared host
#   cg_*       this container's own use and limit ("max" when unlimited, "-" when unreadable)
#   oom_kills  the cgroup's oom_kill counter; a rise means the kernel killed something of yours
#   gpu_vram   "index:used/total" per GPU in MiB, ";"-separated, "-" without nvidia-smi
# Judge a container by the cg_* and oom_kills columns, not the host ones.
# Run it detached beside the job, e.g.  nohup mem_monitor.sh -i 30 </dev/null >/dev/null 2>&1 &
#
# Exit codes: 0 finished COUNT samples or stopped by a signal | 2 bad usage.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [-i SECONDS] [-n COUNT] [-o FILE|-]

Sample host RAM, cgroup memory, OOM kills and VRAM into a TSV log.
  -i SECONDS  interval between samples (default 30)
  -n COUNT    number of samples, 0 = until stopped (default 0)
  -o FILE     log file (default \$MEM_LOG or \$DATA_DIR/runs/mem_monitor.tsv); '-' for stdout
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

interval=30
count=0
out=${MEM_LOG:-${DATA_DIR:-/root/autodl-tmp}/runs/mem_monitor.tsv}
cg=${CGROUP_DIR:-/sys/fs/cgroup}
warn_pct=${MEM_WARN_PCT:-90}

while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -i) [[ $# -ge 2 ]] || bad_usage "-i needs a value"; interval=$2; shift 2 ;;
    -n) [[ $# -ge 2 ]] || bad_usage "-n needs a value"; count=$2; shift 2 ;;
    -o) [[ $# -ge 2 ]] || bad_usage "-o needs a value"; out=$2; shift 2 ;;
    *) bad_usage "unknown argument: $1" ;;
  esac
done
[[ $interval =~ ^[0-9]+([.][0-9]+)?$ ]] || bad_usage "-i takes seconds"
[[ $count =~ ^[0-9]+$ ]] || bad_usage "-n takes a whole number"
[[ $warn_pct =~ ^[0-9]+$ ]] || bad_usage "MEM_WARN_PCT must be a whole number"

if [[ $out != - ]]; then
  mkdir -p -- "$(dirname -- "$out")"
  [[ -s $out ]] || printf 'time_utc\thost_used_mib\thost_total_mib\thost_avail_mib\tcg_used_mib\tcg_limit_mib\toom_kills\tgpu_vram\n' >>"$out"
fi

emit() {
  if [[ $out == - ]]; then printf '%s\n' "$1"; else printf '%s\n' "$1" >>"$out"; fi
}

mib_of_bytes() { [[ $1 =~ ^[0-9]+$ ]] && echo $(($1 / 1048576)) || echo "$1"; }
read_first() { [[ -r $1 ]] && head -n 1 -- "$1" 2>/dev/null || echo -; }

host_mem() { # prints: used total available (MiB)
  awk '/^MemTotal:/ { t = $2 } /^MemAvailable:/ { a = $2 }
       END { printf "%d %d %d", (t - a) / 1024, t / 1024, a / 1024 }' /proc/meminfo 2>/dev/null || echo '- - -'
}

cgroup_mem() { # prints: used limit oom_kills
  local used limit kills=-
  if [[ -r $cg/memory.current ]]; then
    used=$(read_first "$cg/memory.current")
    limit=$(read_first "$cg/memory.max")
    [[ -r $cg/memory.events ]] && kills=$(awk '$1 == "oom_kill" { print $2 }' "$cg/memory.events")
  elif [[ -r $cg/memory/memory.usage_in_bytes ]]; then
    used=$(read_first "$cg/memory/memory.usage_in_bytes")
    limit=$(read_first "$cg/memory/memory.limit_in_bytes")
    # v1 reports "no limit" as a huge number close to 2^63.
    [[ ${#limit} -ge 18 ]] && limit=max
    [[ -r $cg/memory/memory.oom_control ]] && kills=$(awk '$1 == "oom_kill" { print $2 }' "$cg/memory/memory.oom_control")
  else
    echo '- - -'
    return
  fi
  printf '%s %s %s' "$(mib_of_bytes "$used")" "$(mib_of_bytes "$limit")" "${kills:--}"
}

# gpu_mem: the VRAM column; "HUNG" (and a warning on stderr) when nvidia-smi does not answer in time.
gpu_mem() {
  local rows rc=0
  command -v nvidia-smi >/dev/null 2>&1 || { echo -; return; }
  rows=$(smi --query-gpu=index,memory.used,memory.total --format=csv,noheader,nounits 2>/dev/null) || rc=$?
  if hung "$rc"; then
    printf '%s: GPU fault: nvidia-smi did not answer within %ss (wedged driver, Xid 79?); check dmesg\n' "$prog" "$nvsmi_timeout" >&2
    echo HUNG
    return
  fi
  ((rc == 0)) || { echo ERR; return; }
  printf '%s\n' "$rows" |
    awk -F', *' 'NF >= 3 { printf "%s%s:%s/%s", sep, $1, $2, $3; sep = ";" } END { if (NR == 0) printf "ERR" }'
}

running=1
trap 'running=0' INT TERM

first_kills=''
taken=0
while ((running)); do
  read -r h_used h_total h_avail <<<"$(host_mem)"
  read -r c_used c_limit kills <<<"$(cgroup_mem)"
  vram=$(gpu_mem)
  emit "$(date -u +%Y-%m-%dT%H:%M:%SZ)"$'\t'"$h_used"$'\t'"$h_total"$'\t'"$h_avail"$'\t'"$c_used"$'\t'"$c_limit"$'\t'"$kills"$'\t'"$vram"

  if [[ $c_used =~ ^[0-9]+$ && $c_limit =~ ^[0-9]+$ ]] && ((c_limit > 0 && c_used * 100 >= c_limit * warn_pct)); then
    printf '%s: container memory %s of %s MiB (>= %s%%): OOM kill is close\n' "$prog" "$c_used" "$c_limit" "$warn_pct" >&2
  fi
  if [[ $kills =~ ^[0-9]+$ ]]; then
    [[ -z $first_kills ]] && first_kills=$kills
    if ((kills > first_kills)); then
      printf '%s: cgroup oom_kill counter rose from %s to %s: the kernel killed a process in this container\n' "$prog" "$first_kills" "$kills" >&2
      first_kills=$kills
    fi
  fi

  taken=$((taken + 1))
  ((count > 0 && taken >= count)) && break
  # sleep in the background and wait for it, so a stop signal ends the loop at once
  sleep "$interval" &
  wait "$!" || true
done
exit 0
