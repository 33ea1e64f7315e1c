#!/usr/bin/env bats
# mem_monitor.sh: one TSV row per sample, cgroup-aware, warns before an OOM kill.

load test_helper

setup() {
  common_setup
  MM="$SCRIPTS_DIR/mem_monitor.sh"
  export FAKE_NVSMI_SCENARIO=healthy
  export CGROUP_DIR="$WORK/cgroup v2"
  mkdir -p "$CGROUP_DIR"
  echo $((900 * 1048576)) >"$CGROUP_DIR/memory.current"
  echo $((1000 * 1048576)) >"$CGROUP_DIR/memory.max"
  printf 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n' >"$CGROUP_DIR/memory.events"
  LOG="$WORK/logs dir/mem.tsv"
}

@test "mem_monitor: --help exits 0; a bad count exits 2" {
  run bash "$MM" --help
  assert_success
  run bash "$MM" -n many
  assert_failure 2
}

@test "mem_monitor: writes a header and one row per sample with cgroup and VRAM columns" {
  run bash "$MM" -i 0 -n 3 -o "$LOG"
  assert_success
  [ "$(wc -l <"$LOG")" -eq 4 ]
  head -n 1 "$LOG" | grep -q '^time_utc	host_used_mib'
  run awk -F'\t' 'NR == 2 { print $5, $6, $7, $8 }' "$LOG"
  assert_output '900 1000 0 0:61234/81920;1:4/81920'
}

@test "mem_monitor: appends to an existing log without a second header" {
  bash "$MM" -i 0 -n 1 -o "$LOG" 2>/dev/null
  bash "$MM" -i 0 -n 2 -o "$LOG" 2>/dev/null
  [ "$(grep -c '^time_utc' "$LOG")" -eq 1 ]
  [ "$(wc -l <"$LOG")" -eq 4 ]
}

@test "mem_monitor: warns near the cgroup limit" {
  run bash "$MM" -i 0 -n 1 -o "$LOG"
  assert_success
  assert_output --partial 'OOM kill is close'
}

@test "mem_monitor: cgroup v1 layout and no nvidia-smi still produce a row" {
  export CGROUP_DIR="$WORK/cgroup v1"
  mkdir -p "$CGROUP_DIR/memory"
  echo $((10 * 1048576)) >"$CGROUP_DIR/memory/memory.usage_in_bytes"
  echo 9223372036854771712 >"$CGROUP_DIR/memory/memory.limit_in_bytes"
  PATH="/usr/bin:/bin" run /usr/bin/env bash "$MM" -i 0 -n 1 -o -
  assert_success
  assert_output --regexp $'\t10\tmax\t-\t-$'
}

@test "mem_monitor: a hanging nvidia-smi gives a HUNG column and a GPU-fault warning, and sampling goes on" {
  FAKE_NVSMI_HANG=1 NVSMI_TIMEOUT=1 run --separate-stderr timeout 30 bash "$MM" -i 0 -n 2 -o "$LOG"
  assert_success
  [[ $stderr == *'GPU fault: nvidia-smi did not answer within 1s'* ]]
  [ "$(wc -l <"$LOG")" -eq 3 ]
  run awk -F'\t' 'NR > 1 { print $8 }' "$LOG"
  assert_output $'HUNG\nHUNG'
}
