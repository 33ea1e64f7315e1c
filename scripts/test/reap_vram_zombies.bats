#!/usr/bin/env bats
# reap_vram_zombies.sh: lists by default; kills only with --kill plus a yes.

load test_helper

setup() {
  common_setup
  REAP="$SCRIPTS_DIR/reap_vram_zombies.sh"
  export FAKE_NVSMI_SCENARIO=zombie MIN_AGE_SECONDS=0 NVIDIA_DEV_DIR="$WORK/no devices"
  FAKE_TRAIN_PID=$(start_bg fake_train_run 120)
  FAKE_ZOMBIE_PID=$(start_bg leftover_worker 120)
  export FAKE_TRAIN_PID FAKE_ZOMBIE_PID
}

teardown() {
  kill_recorded
}

alive() { kill -0 "$1" 2>/dev/null && [[ $(ps -o stat= -p "$1") != Z* ]]; }
dead() { if alive "$1"; then echo "process $1 is still alive" >&2; return 1; fi; }

@test "reap: --help exits 0; --yes without --kill is bad usage" {
  run bash "$REAP" --help
  assert_success
  run bash "$REAP" --yes
  assert_failure 2
  assert_output --partial '--yes only makes sense together with --kill'
}

@test "reap: default run lists the holder that is not the training run and kills nothing" {
  run bash "$REAP" --keep-pattern fake_train_run
  assert_success
  assert_output --partial "$FAKE_ZOMBIE_PID"
  assert_output --partial 'CANDIDATE'
  assert_output --partial 'Nothing killed'
  assert_line --regexp "^$FAKE_TRAIN_PID .* keep "
  alive "$FAKE_ZOMBIE_PID"
  alive "$FAKE_TRAIN_PID"
}

@test "reap: --kill without confirmation (answer n, or no answer) kills nothing" {
  run bash -c 'echo n | bash "$0" --keep-pattern fake_train_run --kill' "$REAP"
  assert_failure 1
  assert_output --partial 'not confirmed; nothing killed'
  alive "$FAKE_ZOMBIE_PID"
  run bash "$REAP" --keep-pattern fake_train_run --kill </dev/null
  assert_failure 1
  alive "$FAKE_ZOMBIE_PID"
}

@test "reap: --kill with y kills the zombie and spares the training run" {
  run bash -c 'echo y | bash "$0" --keep-pattern fake_train_run --kill --grace 3' "$REAP"
  assert_success
  assert_output --partial "killed $FAKE_ZOMBIE_PID"
  dead "$FAKE_ZOMBIE_PID"
  alive "$FAKE_TRAIN_PID"
}

@test "reap: --kill --yes needs no prompt; --keep-pid protects a process" {
  run bash "$REAP" --keep-pid "$FAKE_ZOMBIE_PID" --keep-pattern fake_train_run --kill --yes
  assert_success
  assert_output --partial 'no candidate holders'
  alive "$FAKE_ZOMBIE_PID"
  run bash "$REAP" --keep-pattern fake_train_run --kill --yes --grace 3
  assert_success
  dead "$FAKE_ZOMBIE_PID"
}

@test "reap: young holders are left alone" {
  MIN_AGE_SECONDS=3600 run bash "$REAP" --keep-pattern fake_train_run --kill --yes
  assert_success
  assert_output --partial 'too-young'
  alive "$FAKE_ZOMBIE_PID"
}

@test "reap: a holder visible only through /dev/nvidia* is found" {
  export FAKE_NVSMI_SCENARIO=healthy NVIDIA_DEV_DIR="$WORK/dev dir"
  mkdir -p "$NVIDIA_DEV_DIR" && : >"$NVIDIA_DEV_DIR/nvidia0"
  # a fake fuser that reports the hidden holder the way fuser does: PIDs with access letters
  printf '#!/usr/bin/env bash\necho " %sm %sm"\n' "$FAKE_ZOMBIE_PID" "$FAKE_TRAIN_PID" >"$WORK/fuser"
  chmod +x "$WORK/fuser"
  PATH="$WORK:$PATH" run bash "$REAP" --keep-pattern fake_train_run
  assert_success
  assert_line --regexp "^$FAKE_ZOMBIE_PID +- .* dev +CANDIDATE"
}

@test "reap: a hanging nvidia-smi is a GPU fault (exit 4) and nothing is killed" {
  FAKE_NVSMI_HANG=1 NVSMI_TIMEOUT=1 run timeout 30 bash "$REAP" --kill --yes --keep-pattern fake_train_run
  assert_failure 4
  assert_output --partial 'GPU fault'
  alive "$FAKE_ZOMBIE_PID"
  alive "$FAKE_TRAIN_PID"
}
