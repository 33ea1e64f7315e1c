#!/usr/bin/env bash
# ---
# title: GPU health check
# purpose: Pre-flight verdict on a freshly rented GPU before paying for a long run - Xid errors in the kernel log, uncorrectable ECC and row-remap state, temperature and throttling, utilisation stuck at 100 % with nothing running.
# usage: gpu_health.sh [-i INDEX] [-n SAMPLES] [-t SECONDS]
# env:
#   NVSMI_TIMEOUT:
#     default: "20"
#     description: Seconds any single nvidia-smi call may take; a call that takes longer is killed and reported as a GPU fault (after an Xid 79 nvidia-smi hangs for good).
#   TOOL_TIMEOUT:
#     default: "20"
#     description: Seconds dmesg may take; one that takes longer is killed and the kernel log is reported as unread.
# promises:
#   - "It only reads; nothing on the GPU or the box is changed."
#   - "Every nvidia-smi and dmesg call runs under a time limit - a hung nvidia-smi is a FAIL, a hung or unreadable dmesg a WARN, and neither ends as a clean result."
# refuses:
#   - "It will not pass a box whose kernel log holds Xid 48 or 79, or whose GPUs show uncorrectable ECC errors, a failed row remap or hardware throttling."
#   - "It will not treat a kernel log it could not read as free of Xid errors."
# gotchas: [U21, U22, U23, U11, U3]
# principles: [1, 2, 3]
# ---
#
# Reads only; changes nothing on the GPU. Checks, per GPU:
#   Xid      kernel log lines "NVRM: Xid". 48 (double-bit ECC) and 79 (fell off the bus) mean the card is
#            gone: stop the instance and rent a different one. Other codes are reported as warnings.
#   ECC      ecc.errors.uncorrected.volatile.total above zero fails; "[N/A]" (no ECC) is skipped.
#   remap    nvidia-smi -q row remapper: a pending remap needs a GPU reset (warn); a remap failure fails.
#   heat     83 C or more warns; hot and SM clock under 70 % of its maximum fails (thermal throttling).
#   throttle "HW Slowdown", "HW Thermal Slowdown", "HW Power Brake Slowdown", "SW Thermal Slowdown"
#            reported Active in nvidia-smi -q fail. ("SW Power Cap" under load is normal and ignored.)
#   stuck    utilisation at 99 % or more in every sample while no compute process uses that GPU warns:
#            a wedged context or a holder nvidia-smi cannot see (run reap_vram_zombies.sh).
# Utilisation alone says little (a trickle of kernels reads as 100 %); it is sampled several times.
#
# Output: one finding per line, then "RESULT: PASS|WARN|FAIL ...".
# Exit codes: 0 PASS or WARN | 1 FAIL (do not launch here) | 2 bad usage.
set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [-i INDEX] [-n SAMPLES] [-t SECONDS]

Check GPU health before a long run. Read-only.
  -i INDEX     check one GPU (nvidia-smi index); default: every GPU
  -n SAMPLES   utilisation/temperature samples per GPU (default 5)
  -t SECONDS   pause between samples (default 1; 0 is allowed)
Exit 0 = PASS or WARN, 1 = FAIL (re-rent), 2 = bad usage.
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
tool_timeout=${TOOL_TIMEOUT:-20}
[[ $tool_timeout =~ ^[1-9][0-9]*$ ]] || bad_usage "TOOL_TIMEOUT must be a positive whole number of seconds, got '$tool_timeout'"

only_gpu=''
samples=5
pause=1
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -i | --gpu) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; only_gpu=$2; shift 2 ;;
    -n | --samples) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; samples=$2; shift 2 ;;
    -t | --interval) [[ $# -ge 2 ]] || bad_usage "$1 needs a value"; pause=$2; shift 2 ;;
    *) bad_usage "unknown argument: $1" ;;
  esac
done
[[ -z $only_gpu || $only_gpu =~ ^[0-9]+$ ]] || bad_usage "-i takes a GPU index such as 0"
[[ $samples =~ ^[1-9][0-9]*$ ]] || bad_usage "-n takes a positive integer"
[[ $pause =~ ^[0-9]+([.][0-9]+)?$ ]] || bad_usage "-t takes a number of seconds"

temp_hot_c=83  # throttle onset on H100/A100-class boards
clock_floor_pct=70

verdict=PASS
finding() { # finding LEVEL TEXT
  printf '  [%s] %s\n' "$1" "$2"
  case "$1:$verdict" in
    FAIL:*) verdict=FAIL ;;
    WARN:PASS) verdict=WARN ;;
  esac
}

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "RESULT: FAIL - nvidia-smi not found: no NVIDIA driver here, or the container was started without GPUs"
  exit 1
fi
smi_rc=0
listing=$(smi -L 2>&1) || smi_rc=$?
if hung "$smi_rc"; then
  printf '  [FAIL] nvidia-smi -L did not answer within %ss\n' "$nvsmi_timeout"
  echo "RESULT: FAIL - GPU fault: nvidia-smi hangs (wedged driver; after Xid 79 this is typical); re-rent"
  exit 1
fi
if ((smi_rc != 0)) || [[ -z $listing ]]; then
  printf '  [FAIL] nvidia-smi -L failed: %s\n' "$(printf '%s' "$listing" | head -n 1)"
  echo "RESULT: FAIL - the driver cannot talk to the GPU (after Xid 79 this is typical); re-rent"
  exit 1
fi

fields=index,uuid,name,temperature.gpu,utilization.gpu,clocks.sm,clocks.max.sm,ecc.errors.uncorrected.volatile.total
query() {
  local sel=()
  [[ -n $only_gpu ]] && sel=(-i "$only_gpu")
  smi "${sel[@]}" --query-gpu="$fields" --format=csv,noheader,nounits
}
hang_fail() { # hang_fail WHAT: a call that timed out ends the check as a GPU fault
  echo "RESULT: FAIL - GPU fault: nvidia-smi $1 did not answer within ${nvsmi_timeout}s (wedged driver, Xid 79?); re-rent"
  exit 1
}

smi_rc=0
first=$(query 2>/dev/null) || smi_rc=$?
hung "$smi_rc" && hang_fail "--query-gpu"
if ((smi_rc != 0)) || [[ -z $first ]]; then
  echo "RESULT: FAIL - nvidia-smi could not query GPU ${only_gpu:-list}"
  exit 1
fi

# Collect the samples: one block of rows per sample.
all_rows=$first
for ((s = 2; s <= samples; s++)); do
  sleep "$pause"
  smi_rc=0
  more=$(query 2>/dev/null) || smi_rc=$?
  hung "$smi_rc" && hang_fail "--query-gpu"
  all_rows+=$'\n'$more
done

smi_rc=0
apps=$(smi --query-compute-apps=gpu_uuid,pid --format=csv,noheader 2>/dev/null) || smi_rc=$?
hung "$smi_rc" && hang_fail "--query-compute-apps"

echo "== $prog: $(printf '%s\n' "$listing" | grep -c '^GPU') GPU(s) listed, $samples sample(s) each =="

while IFS=', ' read -r idx uuid _; do
  [[ -n $idx ]] || continue
  rows=$(printf '%s\n' "$all_rows" | awk -F', *' -v i="$idx" '$1 == i')
  name=$(printf '%s\n' "$rows" | awk -F', *' 'NR == 1 { print $3 }')
  stats=$(printf '%s\n' "$rows" | awk -F', *' '
    { t = $4 + 0; u = $5 + 0
      if (NR == 1 || t > tmax) tmax = t
      if (NR == 1 || u < umin) umin = u
      clk = $6; cmax = $7; ecc = $8 }
    END { printf "%d %d %s %s %s", tmax, umin, clk, cmax, ecc }')
  read -r tmax umin clk cmax ecc <<<"$stats"
  printf 'GPU %s (%s): max temp %sC, min util %s%%, sm clock %s/%s MHz, uncorrected ECC %s\n' \
    "$idx" "$name" "$tmax" "$umin" "$clk" "$cmax" "$ecc"

  if [[ $ecc =~ ^[0-9]+$ ]] && ((ecc > 0)); then
    finding FAIL "gpu$idx: $ecc uncorrectable ECC error(s) since boot"
  fi

  if ((tmax >= temp_hot_c)); then
    if [[ $clk =~ ^[0-9]+$ && $cmax =~ ^[0-9]+$ ]] && ((cmax > 0 && clk * 100 < cmax * clock_floor_pct)); then
      finding FAIL "gpu$idx: ${tmax}C with SM clock ${clk} MHz below ${clock_floor_pct}% of ${cmax} MHz: thermal throttling"
    else
      finding WARN "gpu$idx: running hot (${tmax}C >= ${temp_hot_c}C); watch the clocks"
    fi
  fi

  if ((umin >= 99)) && ! printf '%s\n' "$apps" | grep -qF -- "$uuid"; then
    finding WARN "gpu$idx: utilisation ${umin}%+ in every sample with no compute process listed: stuck context or hidden holder"
  fi

  smi_rc=0
  detail=$(smi -q -i "$idx" 2>/dev/null) || smi_rc=$?
  hung "$smi_rc" && hang_fail "-q -i $idx"
  active=$(printf '%s\n' "$detail" |
    grep -E '^[[:space:]]*(HW Slowdown|HW Thermal Slowdown|HW Power Brake Slowdown|SW Thermal Slowdown)[[:space:]]*:[[:space:]]*Active' |
    sed -E 's/^[[:space:]]+//; s/[[:space:]]*:.*//' | paste -sd, - || true)
  [[ -n $active ]] && finding FAIL "gpu$idx: clocks held down by: $active"
  if printf '%s\n' "$detail" | grep -qE 'Remapping Failure Occurred[[:space:]]*:[[:space:]]*Yes'; then
    finding FAIL "gpu$idx: row remapping failed: memory is failing"
  elif printf '%s\n' "$detail" | grep -qE '^[[:space:]]*Pending[[:space:]]*:[[:space:]]*Yes'; then
    finding WARN "gpu$idx: a row remap is pending; the GPU needs a reset before it is trustworthy"
  fi
done < <(printf '%s\n' "$first")

# Kernel log: needs permission on many boxes; unreadable is reported, never taken as clean.
dmesg_rc=0
kernel=$(timeout -k 5 "$tool_timeout" dmesg 2>/dev/null) || dmesg_rc=$?
if hung "$dmesg_rc"; then
  finding WARN "dmesg did not answer within ${tool_timeout}s: kernel log unread, an Xid hardware fault cannot be ruled out"
elif ((dmesg_rc == 0)) && [[ -n $kernel ]]; then
  xid_lines=$(printf '%s\n' "$kernel" | grep -E 'NVRM: Xid' || true)
  if [[ -n $xid_lines ]]; then
    codes=$(printf '%s\n' "$xid_lines" | sed -nE 's/.*Xid[[:space:]]*(\([^)]*\))?:?[[:space:]]*([0-9]+).*/\2/p' | sort -un | paste -sd' ' -)
    hard=''
    for c in $codes; do
      [[ $c == 48 || $c == 79 ]] && hard+="$c "
    done
    if [[ -n $hard ]]; then
      finding FAIL "kernel log has Xid ${hard% } (48 = double-bit ECC, 79 = fell off the bus): hardware fault, re-rent"
    else
      finding WARN "kernel log has Xid code(s) $codes; often an application fault, read: dmesg | grep -F 'NVRM: Xid'"
    fi
  fi
else
  finding WARN "kernel log unreadable (needs root?): an Xid hardware fault cannot be ruled out"
fi

case "$verdict" in
  FAIL) echo "RESULT: FAIL - do not launch here; stop this instance and rent a different box"; exit 1 ;;
  WARN) echo "RESULT: WARN - usable, but read the findings above before a long run"; exit 0 ;;
  *) echo "RESULT: PASS - no Xid, no uncorrectable ECC, no throttling, utilisation sane"; exit 0 ;;
esac
