#!/usr/bin/env bats
# run_one.sh.template: the success line appears only after a verified durable copy.

load test_helper

setup() {
  common_setup
  export DATA_DIR="$WORK/data disk"
  export DURABLE_DIR="$WORK/durable fs"
  export PROXY_HOOK=':'
  export CRED_FILE=''
  export MIN_FREE_GB=0
  export TRAIN_CMD="$FAKES_DIR/fake-train"
  unset WANDB_API_KEY
  RUN_ONE="$SCRIPTS_DIR/run_one.sh.template"
}

teardown() {
  kill_recorded
  if [[ -n ${MOUNTED:-} ]]; then umount "$MOUNTED" || true; fi
}

cell_ckpt() { echo "$DATA_DIR/checkpoints/configs_dir_baseline_a-seg-77e9a49889"; }
cell_dest() { echo "$DURABLE_DIR/final_ckpts/configs_dir_baseline_a-seg-77e9a49889"; }

@test "run_one: --help exits 0 and shows usage" {
  run bash "$RUN_ONE" --help
  assert_success
  assert_output --partial 'Usage: run_one.sh.template CONFIG TASK [EPOCHS]'
}

@test "run_one: missing arguments exit 2 with a message" {
  run bash "$RUN_ONE" only-one-arg
  assert_failure 2
  assert_output --partial 'expected CONFIG TASK [EPOCHS]'
}

@test "run_one: a non-numeric epoch count exits 2" {
  run bash "$RUN_ONE" configs/a.yaml seg ten
  assert_failure 2
  assert_output --partial 'EPOCHS must be a positive integer'
}

@test "run_one: success syncs best checkpoint byte-identical, prints SYNCED, prunes scratch" {
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'SYNCED configs_dir_baseline_a-seg-77e9a49889'
  cmp "$(cell_ckpt)/best.pth" "$(cell_dest)/best.pth"
  cmp "$(cell_ckpt)/best_metrics.json" "$(cell_dest)/best_metrics.json"
  [ -f "$(cell_dest)/configs_dir_baseline_a-seg-77e9a49889.log" ]
  [ ! -e "$(cell_ckpt)/latest.pth" ]
  [ ! -e "$(cell_ckpt)/epoch_1.pth" ]
  [ -f "$(cell_ckpt)/best.pth" ]
  # no temporary copies left behind
  run find "$(cell_dest)" -name '.*partial*'
  assert_output ''
}

@test "run_one: a failing copy (cp error) exits 3 and never prints the success line" {
  export FAKE_CP_MODE=fail FAKE_CP_MATCH='durable fs'
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 3
  refute_output --partial 'SYNCED'
  assert_output --partial 'SYNC FAILED'
  [ -f "$(cell_ckpt)/latest.pth" ]   # nothing pruned when the sync failed
}

@test "run_one: disk full mid-copy exits 3, no success line, no partial file under the final name" {
  export FAKE_CP_MODE=enospc FAKE_CP_MATCH='durable fs'
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 3
  refute_output --partial 'SYNCED'
  [ ! -e "$(cell_dest)/best.pth" ]
}

@test "run_one: a copy that claims success but is truncated is caught by the checksum" {
  export FAKE_CP_MODE=lie FAKE_CP_MATCH='durable fs'
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 3
  refute_output --partial 'SYNCED'
  [ ! -e "$(cell_dest)/best.pth" ]
}

@test "run_one: a failing trainer passes its exit status through; its checkpoint is salvaged, nothing pruned" {
  export FAKE_TRAIN_RC=7
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 7
  refute_output --partial 'SYNCED'
  assert_output --partial 'training failed'
  assert_output --partial 'SALVAGED'
  cmp "$(cell_ckpt)/best.pth" "$(cell_dest)/best.pth"
  [ -f "$(cell_ckpt)/latest.pth" ]
}

@test "run_one: a salvaged checkpoint never replaces the durable one of an earlier good run" {
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  cp "$(cell_dest)/best.pth" "$WORK/good.pth"
  FAKE_TRAIN_RC=7 run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 7
  assert_output --partial 'kept the durable best.pth of an earlier run'
  cmp "$WORK/good.pth" "$(cell_dest)/best.pth"
}

@test "run_one: training without a best checkpoint exits 3" {
  export FAKE_TRAIN_NOBEST=1
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 3
  refute_output --partial 'SYNCED'
}

@test "run_one: the tracker key is exported from CRED_FILE but never printed" {
  printf 'sk-VERY-SECRET-0123456789\n' >"$WORK/wandb key"
  export CRED_FILE="$WORK/wandb key"
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'key-present=yes key-length=25'
  refute_output --partial 'sk-VERY-SECRET'
  run grep -rF 'sk-VERY-SECRET' "$DATA_DIR" "$DURABLE_DIR"
  assert_failure
}

@test "run_one: a netrc-style CRED_FILE is not exported as a key and not printed" {
  printf 'machine api.wandb.ai\n  login user\n  password sk-NETRC-SECRET-42\n' >"$WORK/net rc"
  CRED_FILE="$WORK/net rc" run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'key-present=no'
  assert_output --partial 'netrc-style'
  refute_output --partial 'sk-NETRC-SECRET'
}

@test "run_one: PROXY_HOOK file is sourced, a free command line is refused" {
  printf 'export HOOK_MARK=turbo-on\n' >"$WORK/hook file.sh"
  PROXY_HOOK="source $WORK/hook file.sh" run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'hook-mark=turbo-on unbuffered=1'
  PROXY_HOOK='export http_proxy=http://10.0.0.1:3128' run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 4
  assert_output --partial 'must name a file to source'
}

@test "run_one: a hook marked optional (|| true) may be missing; a plain missing hook stops the run" {
  PROXY_HOOK="source $WORK/absent_turbo 2>/dev/null || true" run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'continuing without it'
  PROXY_HOOK="source $WORK/absent_turbo" run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 4
  refute_output --partial 'SYNCED'
}

@test "run_one: the disk gate refuses to start when the data disk is too small" {
  MIN_FREE_GB=99999999 run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 4
  assert_output --partial 'below MIN_FREE_GB'
  [ ! -e "$(cell_ckpt)/best.pth" ]
}

@test "run_one: DURABLE_DIR unset is refused before anything runs (no platform's path by default)" {
  unset DURABLE_DIR
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 2
  assert_output --partial "DURABLE_DIR is not set"
  [ ! -e /root/autodl-fs ] || [ -z "$(find /root/autodl-fs -newer "$RUN_ONE" -print -quit 2>/dev/null)" ]
  [ ! -d "$DATA_DIR/checkpoints" ] || [ -z "$(ls -A "$DATA_DIR/checkpoints")" ]
}

@test "run_one: DURABLE_DIR empty skips the sync explicitly" {
  DURABLE_DIR='' run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'sync skipped'
  refute_output --partial 'SYNCED'
}

@test "run_one: a second launch of a cell that is still running is refused" {
  mkdir -p "$(cell_ckpt)"
  flock -o "$(cell_ckpt)/.run_one.lock" "$(PATH=/usr/bin:/bin type -P sleep)" 20 </dev/null >/dev/null 2>&1 &
  holder=$!
  echo "$holder" >>"$WORK/pids"
  for _ in $(seq 1 50); do
    flock -n "$(cell_ckpt)/.run_one.lock" true || break
    sleep 0.1
  done
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  kill "$holder" 2>/dev/null || true
  assert_failure 4
  assert_output --partial 'already running'
  refute_output --partial 'fake-train'
}

@test "run_one: two configs with the same file name in different folders keep separate durable results" {
  mkdir -p "$WORK/configs/resnet" "$WORK/configs/vit"
  run bash "$RUN_ONE" configs/resnet/base.yaml seg 3
  assert_success
  first=$(find "$DURABLE_DIR/final_ckpts" -name best.pth)
  [ "$(printf '%s\n' "$first" | wc -l)" -eq 1 ]
  sum_first=$(sha256sum <"$first")
  run bash "$RUN_ONE" ./configs/vit/base.yaml seg 3
  assert_success
  [ "$(find "$DURABLE_DIR/final_ckpts" -name best.pth | wc -l)" -eq 2 ]
  [ "$(sha256sum <"$first")" = "$sum_first" ]
  assert_output --partial 'SYNCED configs_vit_base-seg-'
}

@test "run_one: a durable folder owned by another config is never overwritten" {
  run bash "$RUN_ONE" configs/resnet/base.yaml seg 3
  assert_success
  dest=$(dirname "$(find "$DURABLE_DIR/final_ckpts" -name best.pth)")
  echo 'config=configs/other.yaml task=seg' >"$dest/.cell_owner"
  sum=$(sha256sum <"$dest/best.pth")
  rm -rf "$DATA_DIR/checkpoints"
  run bash "$RUN_ONE" configs/resnet/base.yaml seg 3
  assert_failure 3
  assert_output --partial 'belongs to another cell'
  [ "$(sha256sum <"$dest/best.pth")" = "$sum" ]
}

@test "run_one: a failed job's log is diagnosed when diagnose_log.sh and signatures.tsv sit beside it" {
  mkdir -p "$WORK/box"
  cp "$RUN_ONE" "$WORK/box/run_one.sh"
  cp "$SCRIPTS_DIR/diagnose_log.sh" "$BATS_TEST_DIRNAME/fixtures/signatures.tsv" "$WORK/box/"
  printf '#!/usr/bin/env bash\necho "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB"\nexit 7\n' >"$WORK/oom-train"
  chmod +x "$WORK/oom-train"
  TRAIN_CMD="$WORK/oom-train" run bash "$WORK/box/run_one.sh" configs/a.yaml seg 3
  assert_failure 7
  assert_output --partial 'likely causes'
  assert_output --partial 'U3  CUDA OOM at the first batch'
  assert_output --partial '/gotchas/u3/'
  # without the signatures file the failure summary stays as it was
  rm "$WORK/box/signatures.tsv"
  TRAIN_CMD="$WORK/oom-train" run bash "$WORK/box/run_one.sh" configs/a.yaml seg 3
  assert_failure 7
  refute_output --partial 'likely causes'
}

# A trainer that writes its best checkpoint as epoch_3.pth and links best.pth to it, as many trainers do.
linking_trainer() {
  cat >"$WORK/link-train" <<'SH'
#!/usr/bin/env bash
out=$4
head -c 65536 /dev/urandom >"$out/epoch_3.pth"
head -c 4096 /dev/urandom >"$out/epoch_2.pth"
head -c 4096 /dev/urandom >"$out/latest.pth"
ln -sf epoch_3.pth "$out/best.pth"
SH
  chmod +x "$WORK/link-train"
  export TRAIN_CMD="$WORK/link-train"
}

@test "run_one: pruning without a durable copy keeps the epoch file that best.pth links to" {
  linking_trainer
  DURABLE_DIR='' run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'a kept name points to it'
  [ -L "$(cell_ckpt)/best.pth" ]
  [ -s "$(cell_ckpt)/best.pth" ]                 # the link still leads to the checkpoint
  [ -f "$(cell_ckpt)/epoch_3.pth" ]
  [ ! -e "$(cell_ckpt)/epoch_2.pth" ]            # other scratch is still pruned
  [ ! -e "$(cell_ckpt)/latest.pth" ]
}

@test "run_one: a linked best.pth is synced as the checkpoint's bytes, and its target survives pruning" {
  linking_trainer
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'SYNCED'
  [ ! -L "$(cell_dest)/best.pth" ]
  cmp "$(cell_ckpt)/epoch_3.pth" "$(cell_dest)/best.pth"
  [ -f "$(cell_ckpt)/epoch_3.pth" ]
}

# A trainer that announces itself, then trains for a while, so that two launches overlap.
slow_trainer() {
  printf '#!/usr/bin/env bash\necho "$$" >>"%s"\n/bin/sleep 2\nexec "%s" "$@"\n' "$WORK/trainers" "$FAKES_DIR/fake-train" >"$WORK/slow-train"
  chmod +x "$WORK/slow-train"
  export TRAIN_CMD="$WORK/slow-train"
}

@test "run_one: without flock on PATH two launches of one cell still train it once" {
  slow_trainer
  PATH=$(path_without flock)
  ! command -v flock
  bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3 >"$WORK/a.out" 2>&1 &
  first=$!
  bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3 >"$WORK/b.out" 2>&1 &
  second=$!
  rc_a=0 rc_b=0
  wait "$first" || rc_a=$?
  wait "$second" || rc_b=$?
  [ "$(wc -l <"$WORK/trainers")" -eq 1 ]
  # exactly one launch trained and synced; the other was refused with exit 4 and said why
  [ "$((rc_a + rc_b))" -eq 4 ]
  grep -h 'lock folder' "$WORK/a.out" "$WORK/b.out" | grep -q 'flock is not installed'
  [ ! -e "$(cell_ckpt)/.run_one.lock.d" ]        # released by the launch that held it
}

@test "run_one: without flock, a lock folder left by a crashed launch is reported, never broken" {
  PATH=$(path_without flock)
  mkdir -p "$(cell_ckpt)/.run_one.lock.d"
  echo 999999 >"$(cell_ckpt)/.run_one.lock.d/pid"
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 4
  assert_output --partial 'made by PID 999999'
  assert_output --partial 'rm -r -- '
  refute_output --partial 'fake-train'
  [ -d "$(cell_ckpt)/.run_one.lock.d" ]
}

@test "run_one: a hung df in the disk gate is cut off and reported; training does not start" {
  export FAKE_DF_HANG=1 TOOL_TIMEOUT=1 MIN_FREE_GB=1
  run timeout 30 bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 4
  assert_output --partial 'df did not answer within 1s'
  refute_output --partial 'fake-train'
}

@test "run_one: kill -9 mid-copy leaves a partial file that the next run removes; others' files stay" {
  export FAKE_CP_MODE=slow FAKE_CP_MATCH='.partial.' FAKE_CP_PIDFILE="$WORK/cp.pid"
  setsid bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3 >"$WORK/run.out" 2>&1 &
  group=$!
  for _ in $(seq 1 100); do [[ -s $FAKE_CP_PIDFILE ]] && break; sleep 0.1; done
  [ -s "$FAKE_CP_PIDFILE" ]
  kill -9 -- "-$group"
  wait "$group" 2>/dev/null || true
  unset FAKE_CP_MODE FAKE_CP_MATCH FAKE_CP_PIDFILE
  run find "$(cell_dest)" -name '.best.pth.partial.*'
  assert_output --partial '.best.pth.partial.'
  # a copy in progress elsewhere (live PID) and a file this script never names must survive the cleanup
  live=$(start_bg copier 30)
  echo half >"$(cell_dest)/.best.pth.partial.$live"
  echo mine >"$(cell_dest)/.notes.txt.partial.1"
  run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_success
  assert_output --partial 'removed'
  [ "$(find "$(cell_dest)" -name '.best.pth.partial.*' | wc -l)" -eq 1 ]
  [ -f "$(cell_dest)/.best.pth.partial.$live" ]
  [ -f "$(cell_dest)/.notes.txt.partial.1" ]
}

@test "run_one: a full data disk is named as the cause and the checkpoint already written is synced" {
  # The trainer saves its best checkpoint, then dies on ENOSPC while writing the next one (/dev/full
  # returns the real error); df reports the disk full.
  printf '#!/usr/bin/env bash\nhead -c 65536 /dev/urandom >"$4/best.pth"\nhead -c 4096 /dev/urandom >/dev/full || exit 1\n' >"$WORK/full-train"
  chmod +x "$WORK/full-train"
  TRAIN_CMD="$WORK/full-train" FAKE_DF_AVAIL_KIB=0 run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 1
  assert_output --partial 'DATA DISK FULL'
  refute_output --partial 'training failed'
  assert_output --partial 'SALVAGED'
  cmp "$(cell_ckpt)/best.pth" "$(cell_dest)/best.pth"
}

@test "run_one: on a real full tmpfs data disk the cause is named and the written checkpoint still reaches durable storage" {
  mkdir -p "$WORK/small disk"
  mount -t tmpfs -o size=4m tmpfs "$WORK/small disk" 2>/dev/null || skip 'mounting a tmpfs needs root and mount rights'
  MOUNTED="$WORK/small disk"
  # best.pth fits; the next checkpoint fills the disk and the trainer dies on ENOSPC
  printf '#!/usr/bin/env bash\nhead -c 65536 /dev/urandom >"$4/best.pth"\nhead -c 8388608 /dev/urandom >"$4/latest.pth" || exit 1\n' >"$WORK/filling-train"
  chmod +x "$WORK/filling-train"
  DATA_DIR="$MOUNTED" TRAIN_CMD="$WORK/filling-train" run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure
  assert_output --partial 'DATA DISK FULL'
  assert_output --partial 'SALVAGED'
  cmp "$MOUNTED/checkpoints/configs_dir_baseline_a-seg-77e9a49889/best.pth" "$(cell_dest)/best.pth"
}

@test "run_one: torch.save's own out-of-space message is recognised as a full disk" {
  printf '#!/usr/bin/env bash\nhead -c 65536 /dev/urandom >"$4/best.pth"\necho "RuntimeError: [enforce fail at inline_container.cc:603] . PytorchStreamWriter failed writing file data/12: file write failed"\nexit 1\n' >"$WORK/torch-full-train"
  chmod +x "$WORK/torch-full-train"
  TRAIN_CMD="$WORK/torch-full-train" run bash "$RUN_ONE" "configs dir/baseline a.yaml" seg 3
  assert_failure 1
  assert_output --partial 'DATA DISK FULL'
  cmp "$(cell_ckpt)/best.pth" "$(cell_dest)/best.pth"
}
