#!/usr/bin/env bats
# run_queue.sh.template: cell numbering ignores comments and blank lines; failures are collected.

load test_helper

setup() {
  common_setup
  export RUN_ONE="$FAKES_DIR/fake-run-one"
  export FAKE_RUN_LOG="$WORK/ran.log"
  QUEUE="$WORK/my queue.txt"
  RUN_QUEUE="$SCRIPTS_DIR/run_queue.sh.template"
  # 5 real cells, with comments, blank lines, indentation, a trailing comment and a CRLF line mixed in.
  printf '%s\n' \
    '# sweep of five cells' \
    '' \
    'cfg/c1.yaml seg 20' \
    '   # indented comment' \
    'cfg/c2.yaml det' \
    '' \
    '' \
    $'cfg/c3.yaml seg 30\r' \
    '# another comment' \
    '	cfg/c4.yaml cls 5   # trailing note' \
    'cfg/c5.yaml seg' >"$QUEUE"
}

ran_configs() { cut -d'|' -f1 "$FAKE_RUN_LOG" | paste -sd' ' -; }

@test "run_queue: --help exits 0" {
  run bash "$RUN_QUEUE" --help
  assert_success
  assert_output --partial 'START_INDEX  1-based cell number'
}

@test "run_queue: no arguments exits 2" {
  run bash "$RUN_QUEUE"
  assert_failure 2
  assert_output --partial 'expected QUEUE_FILE [START_INDEX]'
}

@test "run_queue: runs every cell in order, default epochs filled in, CR stripped" {
  run bash "$RUN_QUEUE" "$QUEUE"
  assert_success
  assert_output --partial 'QUEUE DONE'
  run cat "$FAKE_RUN_LOG"
  assert_output "$(printf '%s\n' 'cfg/c1.yaml|seg|20' 'cfg/c2.yaml|det|20' 'cfg/c3.yaml|seg|30' 'cfg/c4.yaml|cls|5' 'cfg/c5.yaml|seg|20')"
}

@test "run_queue: resume at index N skips exactly N-1 cells, whatever comments precede them" {
  for n in 1 2 3 4 5; do
    rm -f "$FAKE_RUN_LOG"
    run bash "$RUN_QUEUE" "$QUEUE" "$n"
    assert_success
    assert_output --partial "skipping $((n - 1))"
    [ "$(wc -l <"$FAKE_RUN_LOG")" -eq $((6 - n)) ]
    [ "$(head -n 1 "$FAKE_RUN_LOG" | cut -d'|' -f1)" = "cfg/c$n.yaml" ]
  done
}

@test "run_queue: adding comments does not move the cell a START_INDEX points at" {
  run bash "$RUN_QUEUE" "$QUEUE" 4
  first_before=$(head -n 1 "$FAKE_RUN_LOG")
  { printf '# new header\n\n# more\n'; cat "$QUEUE"; } >"$WORK/q2.txt"
  rm -f "$FAKE_RUN_LOG"
  run bash "$RUN_QUEUE" "$WORK/q2.txt" 4
  [ "$(head -n 1 "$FAKE_RUN_LOG")" = "$first_before" ]
}

@test "run_queue: a start index past the last cell exits 2 and runs nothing" {
  run bash "$RUN_QUEUE" "$QUEUE" 6
  assert_failure 2
  assert_output --partial 'past the last cell (5)'
  [ ! -e "$FAKE_RUN_LOG" ]
}

@test "run_queue: a zero or non-numeric start index exits 2" {
  run bash "$RUN_QUEUE" "$QUEUE" 0
  assert_failure 2
  run bash "$RUN_QUEUE" "$QUEUE" two
  assert_failure 2
}

@test "run_queue: continues past failed cells, lists all of them, exits non-zero" {
  export FAKE_FAIL_CFG='cfg/c2.yaml cfg/c4.yaml'
  run bash "$RUN_QUEUE" "$QUEUE"
  assert_failure 1
  [ "$(ran_configs)" = 'cfg/c1.yaml cfg/c2.yaml cfg/c3.yaml cfg/c4.yaml cfg/c5.yaml' ]
  assert_output --partial '2 FAILED'
  assert_output --partial 'cell 2 (cfg/c2.yaml det) exit=5'
  assert_output --partial 'cell 4 (cfg/c4.yaml cls) exit=5'
}

@test "run_queue: a malformed line stops the run before any cell starts" {
  printf 'cfg/c6.yaml seg 10 extra-field\n' >>"$QUEUE"
  run bash "$RUN_QUEUE" "$QUEUE"
  assert_failure 2
  assert_output --partial 'line 12'
  [ ! -e "$FAKE_RUN_LOG" ]
}

@test "run_queue: a missing RUN_ONE wrapper is reported as bad usage" {
  RUN_ONE="$WORK/nowhere/run_one.sh" run bash "$RUN_QUEUE" "$QUEUE"
  assert_failure 2
  assert_output --partial 'per-cell wrapper not found'
}

@test "run_queue: RUN_ONE defaults to run_one.sh beside the queue runner (paths with spaces)" {
  unset RUN_ONE
  local box="$WORK/scripts dir"
  mkdir -p "$box"
  cp "$RUN_QUEUE" "$box/run_queue.sh"
  cp "$FAKES_DIR/fake-run-one" "$box/run_one.sh"
  # Started from elsewhere, with DURABLE_DIR pointing at a folder with no run_one.sh: beside wins.
  DURABLE_DIR="$WORK" run bash "$box/run_queue.sh" "$QUEUE" 5
  assert_success
  [ "$(ran_configs)" = 'cfg/c5.yaml' ]
}

@test "run_queue: with no run_one.sh beside it, says how to place it" {
  unset RUN_ONE
  local box="$WORK/lonely"
  mkdir -p "$box"
  cp "$RUN_QUEUE" "$box/run_queue.sh"
  run bash "$box/run_queue.sh" "$QUEUE"
  assert_failure 2
  assert_output --partial "save run_one.sh.template beside this script as run_one.sh"
}

@test "run_queue + run_one end to end: a trainer failure in one cell does not stop the others" {
  export RUN_ONE="$SCRIPTS_DIR/run_one.sh.template"
  export DATA_DIR="$WORK/data disk" DURABLE_DIR="$WORK/durable fs" PROXY_HOOK=':' CRED_FILE='' MIN_FREE_GB=0
  # a trainer that fails only for the det task
  printf '#!/usr/bin/env bash\n[[ $2 == det ]] && exit 9\nexec "%s" "$@"\n' "$FAKES_DIR/fake-train" >"$WORK/trainer"
  chmod +x "$WORK/trainer"
  export TRAIN_CMD="$WORK/trainer"
  run bash "$RUN_QUEUE" "$QUEUE" 2
  assert_failure 1
  assert_output --partial 'cell 2 (cfg/c2.yaml det) exit=9'
  assert_output --partial '1 FAILED'
  for c in cfg_c3-seg cfg_c4-cls cfg_c5-seg; do
    src=("$DATA_DIR/checkpoints/$c"-*/best.pth) dst=("$DURABLE_DIR/final_ckpts/$c"-*/best.pth)
    cmp "${src[0]}" "${dst[0]}"
  done
  [ -z "$(find "$DURABLE_DIR/final_ckpts" -name 'cfg_c1-seg-*')" ]
}

# A cell whose "trainer" is a sleep loop that records its PID: it never ends by itself.
looping_cell() {
  cat >"$WORK/loop-run-one" <<'SH'
#!/usr/bin/env bash
printf '%s\n' "$1" >>"$FAKE_RUN_LOG"
bash -c 'echo $$ >>"$0"; while :; do /bin/sleep 0.2; done' "$LOOP_TRAINERS" &
wait
SH
  chmod +x "$WORK/loop-run-one"
  export RUN_ONE="$WORK/loop-run-one" LOOP_TRAINERS="$WORK/trainers"
}

teardown() {
  local g
  g=$(sed -n 's/^cell_group=//p' "$QUEUE.run" 2>/dev/null || true)
  [[ -n $g ]] && kill -KILL -- "-$g" 2>/dev/null || true
  kill_recorded
}

@test "run_queue: after kill -9 of the runner, a resume refuses to start a second trainer beside the orphan" {
  looping_cell
  bash "$RUN_QUEUE" "$QUEUE" >/dev/null 2>&1 &
  runner=$!
  for _ in $(seq 1 100); do [[ -s $WORK/trainers ]] && break; /bin/sleep 0.1; done
  [ -s "$WORK/trainers" ]
  kill -9 "$runner"
  wait "$runner" || true
  trainer=$(head -n 1 "$WORK/trainers")
  kill -0 "$trainer"                              # the orphan trains on
  # the timeout only keeps a regression (a second looping trainer) from hanging the suite
  run timeout 20 bash "$RUN_QUEUE" "$QUEUE" 2
  assert_failure 3
  assert_output --partial 'still running without its runner'
  assert_output --partial 'kill -TERM -- -'
  [ "$(wc -l <"$WORK/trainers")" -eq 1 ]          # no second trainer was started
  [ "$(ran_configs)" = 'cfg/c1.yaml' ]
  # once the orphan's group is stopped, the resume goes ahead and clears the stale record
  group=$(sed -n 's/^cell_group=//p' "$QUEUE.run")
  kill -TERM -- "-$group"
  for _ in $(seq 1 50); do kill -0 "$trainer" 2>/dev/null || break; /bin/sleep 0.1; done
  export RUN_ONE="$FAKES_DIR/fake-run-one"
  run bash "$RUN_QUEUE" "$QUEUE" 2
  assert_success
  assert_output --partial 'removing stale'
  [ ! -e "$QUEUE.run" ]
}

@test "run_queue: a second runner of a queue that is running is refused; TERM stops the cell's whole group" {
  looping_cell
  bash "$RUN_QUEUE" "$QUEUE" >/dev/null 2>&1 &
  runner=$!
  echo "$runner" >>"$WORK/pids"
  for _ in $(seq 1 100); do [[ -s $WORK/trainers ]] && break; /bin/sleep 0.1; done
  run timeout 20 bash "$RUN_QUEUE" "$QUEUE"
  assert_failure 3
  assert_output --partial 'already running'
  trainer=$(head -n 1 "$WORK/trainers")
  kill -TERM "$runner"
  wait "$runner" || true
  for _ in $(seq 1 50); do kill -0 "$trainer" 2>/dev/null || break; /bin/sleep 0.1; done
  run kill -0 "$trainer"
  assert_failure
  [ ! -e "$QUEUE.run" ]
}

@test "run_queue: a cell group left only as zombies (PID 1 that never reaps) counts as gone" {
  # The parent execs into sleep and never waits, so the group leader it started stays a zombie. The
  # leader lives for a second so that it exits after the exec: had it exited first, bash would have
  # reaped it before exec-ing (on a loaded CI box that race was lost and no zombie was left).
  bash -c 'setsid /bin/sleep 1 & echo $! >"$0"; exec /bin/sleep 30' "$WORK/zgroup" &
  holder=$!
  echo "$holder" >>"$WORK/pids"
  for _ in $(seq 1 150); do
    [[ -s $WORK/zgroup && $(ps -o stat= -p "$(cat "$WORK/zgroup")" 2>/dev/null) == Z* ]] && break
    /bin/sleep 0.1
  done
  zombie=$(cat "$WORK/zgroup")
  [[ $(ps -o stat= -p "$zombie") == Z* ]]
  kill -0 -- "-$zombie"                            # the check a zombie fools
  printf 'runner=999999\ncell_group=%s\n' "$zombie" >"$QUEUE.run"
  run bash "$RUN_QUEUE" "$QUEUE" 5
  assert_success
  assert_output --partial 'removing stale'
  kill "$holder" 2>/dev/null || true
}

# race_stale_takeover TRIALS: each trial leaves a stale .run file of a dead runner, starts two runners of
# a one-cell queue at the same moment, and checks that exactly one ran the cell and the other was refused.
race_stale_takeover() {
  printf 'cfg/only.yaml seg 1\n' >"$WORK/one.txt"
  # a cell that lasts long enough for the two runners to overlap
  printf '#!/usr/bin/env bash\nprintf "%%s\\n" "$1" >>"$FAKE_RUN_LOG"\n/bin/sleep 0.5\n' >"$WORK/short-cell"
  chmod +x "$WORK/short-cell"
  export RUN_ONE="$WORK/short-cell"
  # ps as slow as on a busy box (thousands of processes): both runners are judging the stale file at once
  mkdir -p "$WORK/slow-ps"
  printf '#!/usr/bin/env bash
/bin/sleep 0.2
exec %q "$@"
' "$(type -P ps)" >"$WORK/slow-ps/ps"
  chmod +x "$WORK/slow-ps/ps"
  local PATH="$WORK/slow-ps:$PATH" trial rc_a rc_b
  for trial in $(seq 1 "$1"); do
    rm -f "$FAKE_RUN_LOG"
    printf 'runner=999999\ncell_group=999999\n' >"$WORK/one.txt.run"
    bash "$RUN_QUEUE" "$WORK/one.txt" >"$WORK/a.out" 2>&1 &
    a=$!
    bash "$RUN_QUEUE" "$WORK/one.txt" >"$WORK/b.out" 2>&1 &
    b=$!
    rc_a=0 rc_b=0
    wait "$a" || rc_a=$?
    wait "$b" || rc_b=$?
    [ "$(wc -l <"$FAKE_RUN_LOG")" -eq 1 ] || fail "trial $trial: the cell ran $(wc -l <"$FAKE_RUN_LOG") times"
    [ "$((rc_a + rc_b))" -eq 3 ] || fail "trial $trial: exit codes $rc_a and $rc_b, expected 0 and 3"
    [ ! -e "$WORK/one.txt.run" ] || fail "trial $trial: the winner left its .run file"
  done
}

@test "run_queue: two runners started together over a stale .run file: exactly one takes it over" {
  race_stale_takeover 10
}

@test "run_queue: without flock the takeover is still won by exactly one runner" {
  PATH=$(path_without flock)
  ! command -v flock
  race_stale_takeover 10
  [ ! -e "$WORK/one.txt.run.lock.d" ]
}

@test "run_queue: a hung ps while judging a stale .run file is cut off, and the runner refuses rather than guess" {
  mkdir -p "$WORK/bin"
  printf '#!/usr/bin/env bash\nexec /bin/sleep 3600\n' >"$WORK/bin/ps"
  chmod +x "$WORK/bin/ps"
  printf 'runner=999999\ncell_group=999999\n' >"$QUEUE.run"
  PATH="$WORK/bin:$PATH" TOOL_TIMEOUT=1 run timeout 30 bash "$RUN_QUEUE" "$QUEUE"
  assert_failure 3
  assert_output --partial 'ps did not answer within 1s'
  assert_output --partial 'still running without its runner'
  [ ! -e "$FAKE_RUN_LOG" ]
  grep -qx 'runner=999999' "$QUEUE.run"          # the record is left for the user to judge
}
