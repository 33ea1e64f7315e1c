#!/usr/bin/env bats
# download_loop.sh: per-attempt timeout, resume from the partial file, exponential backoff.

load test_helper

setup() {
  common_setup
  DL="$SCRIPTS_DIR/download_loop.sh"
  head -c 30000 /dev/urandom >"$WORK/origin.bin"
  SHA=$(sha256sum "$WORK/origin.bin" | cut -d' ' -f1)
  export FAKE_CURL_SOURCE="$WORK/origin.bin" FAKE_CURL_LOG="$WORK/curl.log"
  export FAKE_SLEEP_LOG="$WORK/sleep.log"   # the fake sleep records backoff waits instead of waiting
  export BACKOFF_BASE=3 BACKOFF_MAX=10
  OUT="$WORK/models dir/weights.bin"
}

@test "download: --help exits 0; missing operands exit 2" {
  run bash "$DL" --help
  assert_success
  run bash "$DL" https://example.com/x
  assert_failure 2
  run bash "$DL" --sha256 nothex https://example.com/x "$OUT"
  assert_failure 2
}

@test "download: a stalling link is resumed across attempts until complete and verified" {
  export FAKE_CURL_CHUNK=10000 FAKE_CURL_STALL=30
  run bash "$DL" --timeout 1 --sha256 "$SHA" https://example.com/weights.bin "$OUT"
  assert_success
  assert_output --partial 'timed out after 1s'
  assert_output --partial 'sha256 verified'
  cmp "$WORK/origin.bin" "$OUT"
  [ ! -e "$OUT.part" ]
  # each attempt started from the bytes already on disk
  run cat "$FAKE_CURL_LOG"
  assert_output "$(printf 'offset=0 resume=yes\noffset=10000 resume=yes\noffset=20000 resume=yes')"
}

@test "download: backoff doubles and is capped" {
  export FAKE_CURL_CHUNK=5000 FAKE_CURL_STALL=30
  run bash "$DL" --timeout 1 --tries 6 https://example.com/weights.bin "$OUT"
  assert_success
  run cat "$FAKE_SLEEP_LOG"
  assert_output "$(printf '3\n6\n10\n10\n10')"
}

@test "download: gives up after the last try, keeps the partial file for the next run" {
  export FAKE_CURL_CHUNK=5000 FAKE_CURL_STALL=30
  run bash "$DL" --timeout 1 --tries 2 https://example.com/weights.bin "$OUT"
  assert_failure 1
  assert_output --partial 'gave up after 2 attempt(s)'
  [ ! -e "$OUT" ]
  [ "$(wc -c <"$OUT.part")" -eq 10000 ]
  # the next run picks up at 10000 bytes
  unset FAKE_CURL_CHUNK
  run bash "$DL" --timeout 5 https://example.com/weights.bin "$OUT"
  assert_success
  cmp "$WORK/origin.bin" "$OUT"
  [ "$(tail -n 1 "$FAKE_CURL_LOG")" = 'offset=10000 resume=yes' ]
}

@test "download: a checksum mismatch discards the file instead of keeping it" {
  run bash "$DL" --tries 2 --sha256 "$(printf '0%.0s' {1..64})" https://example.com/weights.bin "$OUT"
  assert_failure 1
  assert_output --partial 'sha256 differs'
  [ ! -e "$OUT" ]
}

@test "download: wget is used the same way when asked for" {
  export FAKE_CURL_CHUNK=15000 FAKE_CURL_STALL=30
  DOWNLOADER=wget run bash "$DL" --timeout 1 https://example.com/weights.bin "$OUT"
  assert_success
  cmp "$WORK/origin.bin" "$OUT"
}

@test "download: host:path goes through rsync with --partial and retries" {
  mkdir -p "$WORK/remote side/run1"
  echo result >"$WORK/remote side/run1/metrics.json"
  export FAKE_RSYNC_COUNTER="$WORK/rsync.count" FAKE_RSYNC_FAILS=2 FAKE_RSYNC_FROM="$WORK/remote side"
  run bash "$DL" --timeout 5 gpu-box:/root/autodl-fs/final_ckpts/ "$WORK/local copy"
  assert_success
  [ "$(cat "$FAKE_RSYNC_COUNTER")" -eq 3 ]
  grep -q -- '--partial --append-verify' "$FAKE_RSYNC_COUNTER.args"
  [ -f "$WORK/local copy/run1/metrics.json" ]
}

@test "download: a second run into the same destination is refused while the first is writing" {
  export FAKE_CURL_CHUNK=10000 FAKE_CURL_STALL=30
  bash "$DL" --timeout 2 --sha256 "$SHA" https://example.com/weights.bin "$OUT" >"$WORK/first.out" 2>&1 &
  first=$!
  for _ in $(seq 1 100); do [[ -s $OUT.part ]] && break; /bin/sleep 0.1; done
  [ -s "$OUT.part" ]
  run bash "$DL" --timeout 2 --sha256 "$SHA" https://example.com/weights.bin "$OUT"
  assert_failure 3
  assert_output --partial 'another download into'
  wait "$first"
  cmp "$WORK/origin.bin" "$OUT"
  # every attempt of the first run resumed from its own bytes: nothing was appended twice
  run cat "$FAKE_CURL_LOG"
  assert_output "$(printf 'offset=0 resume=yes\noffset=10000 resume=yes\noffset=20000 resume=yes')"
}

@test "download: without flock, the destination is guarded by a lock folder" {
  PATH=$(path_without flock)
  ! command -v flock
  export FAKE_CURL_CHUNK=10000 FAKE_CURL_STALL=30
  bash "$DL" --timeout 2 https://example.com/weights.bin "$OUT" >"$WORK/first.out" 2>&1 &
  first=$!
  for _ in $(seq 1 100); do [[ -s $OUT.part ]] && break; /bin/sleep 0.1; done
  run bash "$DL" --timeout 2 https://example.com/weights.bin "$OUT"
  assert_failure 3
  assert_output --partial 'flock is not installed'
  wait "$first"
  cmp "$WORK/origin.bin" "$OUT"
  [ ! -e "$OUT.lock.d" ]
}

@test "download: a partial file grown past --size (two writers once) is restarted, never resumed" {
  mkdir -p "$(dirname "$OUT")"
  { cat "$WORK/origin.bin"; head -c 5000 "$WORK/origin.bin"; } >"$OUT.part"   # interleaved appends
  run bash "$DL" --size 30000 --sha256 "$SHA" https://example.com/weights.bin "$OUT"
  assert_success
  assert_output --partial 'more than the file'"'"'s 30000: corrupt'
  assert_output --partial '(size checked) (sha256 verified)'
  cmp "$WORK/origin.bin" "$OUT"
  [ "$(cat "$FAKE_CURL_LOG")" = 'offset=0 resume=yes' ]
}

@test "download: a transfer that ends short of --size is resumed, not renamed into place" {
  head -c 20000 "$WORK/origin.bin" >"$WORK/short.bin"
  # the server first serves a cut copy and claims success, then the whole file
  FAKE_CURL_SOURCE="$WORK/short.bin" run bash "$DL" --tries 1 --size 30000 https://example.com/weights.bin "$OUT"
  assert_failure 1
  assert_output --partial 'stopped at 20000 of 30000 bytes'
  [ ! -e "$OUT" ]
  run bash "$DL" --size 30000 https://example.com/weights.bin "$OUT"
  assert_success
  cmp "$WORK/origin.bin" "$OUT"
}
