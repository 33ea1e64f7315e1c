#!/usr/bin/env bats
# health_patrol.sh.template: one status line per run, read-only.

load test_helper

setup() {
  common_setup
  HP="$SCRIPTS_DIR/health_patrol.sh.template"
  export FAKE_NVSMI_SCENARIO=healthy
  export RUN_PATTERN='^patrol_train_job'
  export LOG_FILE="$WORK/run logs/cell a.log"
  export WATCH_DIR="$WORK"
  mkdir -p "$WORK/run logs"
  printf 'Epoch 1/20 loss 0.9\nEpoch 2/20 loss 0.7\n' >"$LOG_FILE"
}

teardown() {
  kill_recorded
}

one_line() {
  [ "${#lines[@]}" -eq 1 ] || { printf 'expected one line, got %d:\n%s\n' "${#lines[@]}" "$output" >&2; return 1; }
}

@test "patrol: --help exits 0; an argument exits 2" {
  run bash "$HP" --help
  assert_success
  run bash "$HP" extra
  assert_failure 2
}

@test "patrol: healthy run prints exactly one OK line" {
  start_bg patrol_train_job 120 >/dev/null
  run --separate-stderr bash "$HP"
  assert_success
  one_line
  assert_output --regexp '^PATROL .* status=OK proc=1 log=fresh:[0-9]+s disk=[0-9]+% inode=[0-9]+% gpu=0:97%:54C,1:0%:41C crash=0$'
  [ -z "$stderr" ]
}

@test "patrol: vanished process without a done marker is one ALERT line" {
  run --separate-stderr bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'status=ALERT proc=0'
}

@test "patrol: vanished process with the done marker is DONE" {
  : >"$WORK/QUEUE_DONE"
  DONE_MARKER="$WORK/QUEUE_DONE" run --separate-stderr bash "$HP"
  assert_success
  one_line
  assert_output --partial 'status=DONE'
}

@test "patrol: a silent log while the process lives is a WARN" {
  start_bg patrol_train_job 120 >/dev/null
  touch -d '2 hours ago' "$LOG_FILE"
  run --separate-stderr bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'status=WARN'
  assert_output --partial 'log=stale:'
}

@test "patrol: a quiet log with a fresh checkpoint stays OK (buffered stdout)" {
  start_bg patrol_train_job 120 >/dev/null
  touch -d '2 hours ago' "$LOG_FILE"
  mkdir -p "$WORK/ckpt dir"
  : >"$WORK/ckpt dir/latest.pth"
  ARTIFACT_DIR="$WORK/ckpt dir" run --separate-stderr bash "$HP"
  assert_success
  one_line
  assert_output --partial 'status=OK'
  assert_output --regexp 'ckpt=fresh:[0-9]+s'
  assert_output --partial 'artifacts are fresh'
}

@test "patrol: crash text in the run's log raises an ALERT" {
  start_bg patrol_train_job 120 >/dev/null
  printf 'Traceback (most recent call last):\ntorch.OutOfMemoryError: CUDA out of memory.\n' >>"$LOG_FILE"
  run --separate-stderr bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'status=ALERT'
  assert_output --partial 'crash=2'
}

@test "patrol: disk over the threshold raises an ALERT" {
  start_bg patrol_train_job 120 >/dev/null
  DISK_MAX_PCT=0 run --separate-stderr bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'disk '
}

@test "patrol: nvidia-smi failure shows as gpu=ERR" {
  start_bg patrol_train_job 120 >/dev/null
  FAKE_NVSMI_SCENARIO=broken run --separate-stderr bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'gpu=ERR'
}

@test "patrol: changes nothing on disk" {
  start_bg patrol_train_job 120 >/dev/null
  before=$(find "$WORK" -printf '%p %s %T@\n' | sort)
  run bash "$HP"
  after=$(find "$WORK" -printf '%p %s %T@\n' | sort)
  [ "$before" = "$after" ]
}

@test "patrol: the ssh form (bash -s on stdin) never counts its own command line as the run" {
  # the parent command line below contains the pattern; only a real process may count
  run --separate-stderr bash -c 'env RUN_PATTERN=patrol_train_job bash -s <"$0"' "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'proc=0'
  start_bg patrol_train_job 120 >/dev/null
  run --separate-stderr bash -c 'env RUN_PATTERN=patrol_train_job bash -s <"$0"' "$HP"
  assert_success
  one_line
  assert_output --partial 'proc=1'
}

@test "patrol: a hanging nvidia-smi is cut off after NVSMI_TIMEOUT and raised as a GPU fault" {
  start_bg patrol_train_job 120 >/dev/null
  # the outer timeout only keeps a regression from hanging the suite
  FAKE_NVSMI_HANG=1 NVSMI_TIMEOUT=1 run --separate-stderr timeout 30 bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'status=ALERT'
  assert_output --partial 'gpu=HUNG'
  assert_output --partial 'GPU fault: nvidia-smi did not answer within 1s'
}

@test "patrol: a bad NVSMI_TIMEOUT is a usage error" {
  NVSMI_TIMEOUT=soon run bash "$HP"
  assert_failure 2
  assert_output --partial 'NVSMI_TIMEOUT must be a positive whole number'
}

@test "patrol: a hung df is cut off and raises an alert; the one status line still comes out" {
  start_bg patrol_train_job 120 >/dev/null
  FAKE_DF_HANG=1 TOOL_TIMEOUT=1 run --separate-stderr timeout 30 bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial 'status=ALERT'
  assert_output --partial "df did not answer within 1s on $WORK"
  assert_output --partial 'disk=?%'
}

@test "patrol: a hung tail on the log is cut off and named the same way" {
  mkdir -p "$WORK/bin"
  printf '#!/usr/bin/env bash\nexec /bin/sleep 3600\n' >"$WORK/bin/tail"
  chmod +x "$WORK/bin/tail"
  start_bg patrol_train_job 120 >/dev/null
  PATH="$WORK/bin:$PATH" TOOL_TIMEOUT=1 run --separate-stderr timeout 30 bash "$HP"
  assert_failure 1
  one_line
  assert_output --partial "tail did not answer within 1s on $LOG_FILE"
}
