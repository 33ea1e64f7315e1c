#!/usr/bin/env bats
# gpu_health.sh against recorded nvidia-smi / dmesg scenarios.

load test_helper

setup() {
  common_setup
  GH="$SCRIPTS_DIR/gpu_health.sh"
}

@test "gpu_health: --help exits 0; a bad option exits 2" {
  run bash "$GH" --help
  assert_success
  run bash "$GH" -n zero
  assert_failure 2
  run bash "$GH" --frobnicate
  assert_failure 2
}

@test "gpu_health: healthy box passes" {
  FAKE_NVSMI_SCENARIO=healthy run bash "$GH" -n 3 -t 0
  assert_success
  assert_output --partial 'RESULT: PASS'
}

@test "gpu_health: Xid 79 in the kernel log fails and says re-rent" {
  FAKE_NVSMI_SCENARIO=xid run bash "$GH" -n 1 -t 0
  assert_failure 1
  assert_output --partial 'Xid 79'
  assert_output --partial 'RESULT: FAIL'
}

@test "gpu_health: thermal throttling fails" {
  FAKE_NVSMI_SCENARIO=hot run bash "$GH" -i 0 -n 2 -t 0
  assert_failure 1
  assert_output --partial 'thermal throttling'
  assert_output --partial 'HW Thermal Slowdown'
}

@test "gpu_health: utilisation pinned with no process warns" {
  FAKE_NVSMI_SCENARIO=stuck run bash "$GH" -n 3 -t 0
  assert_success
  assert_output --partial 'gpu1: utilisation 100%'
  assert_output --partial 'RESULT: WARN'
}

@test "gpu_health: unreadable kernel log is a warning, never a silent pass" {
  FAKE_NVSMI_SCENARIO=denied run bash "$GH" -n 1 -t 0
  assert_success
  assert_output --partial 'kernel log unreadable'
  assert_output --partial 'RESULT: WARN'
}

@test "gpu_health: a driver that lost the GPU fails" {
  FAKE_NVSMI_SCENARIO=broken run bash "$GH"
  assert_failure 1
  assert_output --partial 'RESULT: FAIL'
}

@test "gpu_health: samples utilisation the requested number of times" {
  export FAKE_NVSMI_LOG="$WORK/calls.log"
  FAKE_NVSMI_SCENARIO=healthy run bash "$GH" -n 4 -t 0
  assert_success
  [ "$(grep -c -- '--query-gpu=' "$FAKE_NVSMI_LOG")" -eq 4 ]
}

@test "gpu_health: a hanging nvidia-smi fails as a GPU fault within the bound" {
  FAKE_NVSMI_HANG=1 NVSMI_TIMEOUT=1 run timeout 30 bash "$GH"
  assert_failure 1
  assert_output --partial 'did not answer within 1s'
  assert_output --partial 'RESULT: FAIL - GPU fault'
}

@test "gpu_health: a hung dmesg is cut off and reported like a hung nvidia-smi; the check still ends" {
  FAKE_NVSMI_SCENARIO=healthy FAKE_DMESG_HANG=1 TOOL_TIMEOUT=1 run timeout 30 bash "$GH" -n 1 -t 0
  assert_success
  assert_output --partial '[WARN] dmesg did not answer within 1s'
  assert_output --partial 'RESULT: WARN'
}
