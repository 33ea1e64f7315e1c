#!/usr/bin/env bats
# aggregate_to_fs.sh: a file under its final name is complete or absent, even after kill -9.

load test_helper

setup() {
  common_setup
  SRC="$WORK/data disk/checkpoints"
  DEST="$WORK/durable fs/final_ckpts"
  AGG="$SCRIPTS_DIR/aggregate_to_fs.sh"
  mkdir -p "$SRC/cell a" "$SRC/cell b"
  head -c 2000000 /dev/urandom >"$SRC/cell a/best.pth"
  echo '{"acc": 0.9}' >"$SRC/cell a/best_metrics.json"
  head -c 4096 /dev/urandom >"$SRC/cell a/latest.pth"
  head -c 300000 /dev/urandom >"$SRC/cell b/best.pth"
}

teardown() {
  if [[ -n ${GROUP:-} ]]; then kill -9 -- "-$GROUP" 2>/dev/null || true; fi
}

@test "aggregate: --help exits 0, unknown option exits 2" {
  run bash "$AGG" --help
  assert_success
  run bash "$AGG" --bogus
  assert_failure 2
}

@test "aggregate: copies only the kept files, byte-identical, then is idempotent" {
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  assert_output --partial '3 copied, 0 already up to date, 0 failed'
  cmp "$SRC/cell a/best.pth" "$DEST/cell a/best.pth"
  cmp "$SRC/cell b/best.pth" "$DEST/cell b/best.pth"
  [ ! -e "$DEST/cell a/latest.pth" ]
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  assert_output --partial '0 copied, 3 already up to date'
}

@test "aggregate: with neither DEST_DIR nor DURABLE_DIR it stops instead of guessing a platform's path" {
  unset DURABLE_DIR
  DATA_DIR="$WORK/data disk" run bash "$AGG"
  assert_failure 2
  assert_output --partial "no destination"
}

@test "aggregate: defaults come from DATA_DIR and DURABLE_DIR" {
  DATA_DIR="$WORK/data disk" DURABLE_DIR="$WORK/durable fs" run bash "$AGG"
  assert_success
  cmp "$SRC/cell b/best.pth" "$DEST/cell b/best.pth"
}

@test "aggregate: disk full mid-copy fails, leaves neither a final nor a temp file" {
  FAKE_CP_MODE=enospc FAKE_CP_MATCH='.agg-tmp' run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'FAIL cell a/best.pth'
  [ ! -e "$DEST/cell a/best.pth" ]
  run find "$DEST" -name '.agg-tmp.*'
  assert_output ''
}

@test "aggregate: a copy that lies about success is rejected by the checksum" {
  FAKE_CP_MODE=lie FAKE_CP_MATCH='.agg-tmp' run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  [ ! -e "$DEST/cell a/best.pth" ]
}

# Start the aggregator in its own process group with a copy that stalls half-way, then kill -9 the group.
kill_mid_copy() {
  export FAKE_CP_MODE=slow FAKE_CP_MATCH='.agg-tmp' FAKE_CP_PIDFILE="$WORK/cp.pid"
  setsid bash "$AGG" "$SRC" "$DEST" >"$WORK/agg.out" 2>&1 &
  GROUP=$!
  for _ in $(seq 1 100); do
    [[ -s $FAKE_CP_PIDFILE ]] && break
    sleep 0.1
  done
  [[ -s $FAKE_CP_PIDFILE ]]
  kill -9 -- "-$GROUP"
  wait "$GROUP" 2>/dev/null || true
  unset FAKE_CP_MODE FAKE_CP_MATCH FAKE_CP_PIDFILE
}

@test "aggregate: kill -9 during the copy leaves no partial file under the final name" {
  kill_mid_copy
  [ ! -e "$DEST/cell a/best.pth" ]
  # the half-written temp file is the only trace, and the next run removes it and finishes the job
  run find "$DEST" -name '.agg-tmp.*'
  assert_output --partial 'best.pth'
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  assert_output --partial 'removed stale temp'
  cmp "$SRC/cell a/best.pth" "$DEST/cell a/best.pth"
  run find "$DEST" -name '.agg-tmp.*'
  assert_output ''
}

@test "aggregate: kill -9 while replacing an older result keeps the older file intact" {
  mkdir -p "$DEST/cell a"
  head -c 1000 /dev/urandom >"$DEST/cell a/best.pth"
  cp "$DEST/cell a/best.pth" "$WORK/old.pth"
  kill_mid_copy
  cmp "$WORK/old.pth" "$DEST/cell a/best.pth"
}

@test "aggregate: nothing matching INCLUDE is a failure, not a silent success" {
  INCLUDE='*.safetensors' run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'nothing aggregated'
}

# Tests run as root, and root reads a chmod 000 folder anyway; so an unreadable folder is simulated by a
# find on PATH that lists what the real one lists, then reports the error a permission problem gives.
fake_tools() {
  mkdir -p "$WORK/bin"
  printf '#!/usr/bin/env bash\n/usr/bin/find "$@"\necho "find: %s: Permission denied" >&2\nexit 1\n' "$SRC/cell b/secret" >"$WORK/bin/find"
  # a sync that works for --help (feature probe) but fails to fsync anything named
  printf '#!/usr/bin/env bash\n[[ $1 == --help ]] && exec /usr/bin/sync --help\necho "sync: error syncing $2: Input/output error" >&2\nexit 1\n' >"$WORK/bin/sync"
  chmod +x "$WORK/bin/find" "$WORK/bin/sync"
}

@test "aggregate: a find error (unreadable subfolder) fails the run even though the rest is copied" {
  fake_tools
  rm "$WORK/bin/sync"
  PATH="$WORK/bin:$PATH" run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'Permission denied'
  assert_output --partial 'could not be listed'
  cmp "$SRC/cell a/best.pth" "$DEST/cell a/best.pth"
}

@test "aggregate: an fsync error fails the run; nothing is reported as copied" {
  fake_tools
  rm "$WORK/bin/find"
  PATH="$WORK/bin:$PATH" run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'FAIL fsync'
  refute_output --partial 'OK   '
  assert_output --partial '0 copied'
}

@test "aggregate: a file already up to date is fsynced again, and its fsync error counts" {
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  fake_tools
  rm "$WORK/bin/find"
  PATH="$WORK/bin:$PATH" run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'FAIL fsync'
}

@test "aggregate: a truncated source never replaces a longer durable copy without --replace" {
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  cp "$DEST/cell a/best.pth" "$WORK/good.pth"
  # the data disk's copy gets cut to 1,000 bytes (a crashed re-run, a disk that filled up)
  head -c 1000 "$WORK/good.pth" >"$SRC/cell a/best.pth"
  run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'FAIL cell a/best.pth: source is shorter than the durable copy (1000 < 2000000 bytes)'
  assert_output --partial '--replace'
  cmp "$WORK/good.pth" "$DEST/cell a/best.pth"
  # asked for explicitly, the copy is made and the durable file it replaces is kept beside it
  run bash "$AGG" --replace "$SRC" "$DEST"
  assert_success
  assert_output --partial 'the replaced copy is kept as best.pth.before-'
  cmp "$SRC/cell a/best.pth" "$DEST/cell a/best.pth"
  cmp "$WORK/good.pth" "$DEST/cell a/"best.pth.before-*
}

# zip_ckpt FILE BYTES: a file laid out like a torch.save checkpoint: zip header, payload, zip end record.
zip_ckpt() {
  { printf 'PK\003\004'; head -c "$2" /dev/urandom; printf 'PK\005\006'; head -c 18 /dev/zero; } >"$1"
}

@test "aggregate: a cut-off zip checkpoint does not replace a whole one, even when it is not shorter" {
  mkdir -p "$DEST/cell b"
  zip_ckpt "$DEST/cell b/best.pth" 100000
  cp "$DEST/cell b/best.pth" "$WORK/good.pth"
  zip_ckpt "$WORK/newer.pth" 400000
  head -c 300000 "$WORK/newer.pth" >"$SRC/cell b/best.pth"     # a real cut: the end record is gone
  run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'FAIL cell b/best.pth: source is cut off'
  cmp "$WORK/good.pth" "$DEST/cell b/best.pth"
  # a whole newer checkpoint replaces it as usual
  cp "$WORK/newer.pth" "$SRC/cell b/best.pth"
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  cmp "$WORK/newer.pth" "$DEST/cell b/best.pth"
}

@test "aggregate: a symlinked best.pth is copied as the bytes it points to; a dangling one fails" {
  mv "$SRC/cell a/best.pth" "$SRC/cell a/epoch_3.pth"
  ln -s epoch_3.pth "$SRC/cell a/best.pth"
  run bash "$AGG" "$SRC" "$DEST"
  assert_success
  [ ! -L "$DEST/cell a/best.pth" ]
  cmp "$SRC/cell a/epoch_3.pth" "$DEST/cell a/best.pth"
  rm "$SRC/cell a/epoch_3.pth"
  run bash "$AGG" "$SRC" "$DEST"
  assert_failure 1
  assert_output --partial 'FAIL cell a/best.pth: a link to nothing'
}

@test "aggregate: SRC_DIR with a trailing slash lands files under the same relative names" {
  run bash "$AGG" "$SRC/" "$DEST"
  assert_success
  cmp "$SRC/cell a/best.pth" "$DEST/cell a/best.pth"
  run find "$DEST" -mindepth 1 -maxdepth 1
  assert_output "$(printf '%s\n' "$DEST/cell a" "$DEST/cell b" | sort)"
}

@test "aggregate: a hung df in the closing report is cut off; the verified copies still count" {
  FAKE_DF_HANG=1 TOOL_TIMEOUT=1 run timeout 30 bash "$AGG" "$SRC" "$DEST"
  assert_success
  assert_output --partial 'df did not answer within 1s'
  cmp "$SRC/cell a/best.pth" "$DEST/cell a/best.pth"
}
