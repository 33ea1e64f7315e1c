#!/usr/bin/env bats
# make_manifest.sh and verify_manifest.sh: a results folder listed on the box, its pulled copy checked.

load test_helper

setup() {
  common_setup
  MK="$SCRIPTS_DIR/make_manifest.sh"
  VF="$SCRIPTS_DIR/verify_manifest.sh"
  RES="$WORK/results dir"
  mkdir -p "$RES/cell a"
  head -c 5000 /dev/urandom >"$RES/cell a/best.pth"
  echo '{"acc": 0.9}' >"$RES/metrics.json"
  echo 'python train.py --config configs/a.yaml --seed 1' >"$RES/cell a/best.pth.cmd"
}

@test "manifest: lists every file with size, sha256, mtime and the producing command" {
  run bash "$MK" --command 'bash eval.sh' "$RES"
  assert_success
  assert_output --partial '3 file(s)'
  run sed -n 1,2p "$RES/MANIFEST.tsv"
  assert_output $'# results-manifest v1\npath\tsize_bytes\tsha256\tmtime_utc\tcommand'
  row=$(grep -P '^cell a/best.pth\t' "$RES/MANIFEST.tsv")
  IFS=$'\t' read -r p size sum mtime cmd <<<"$row"
  [ "$size" = 5000 ]
  [ "$sum" = "$(sha256sum <"$RES/cell a/best.pth" | cut -d' ' -f1)" ]
  [[ $mtime =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$ ]]
  [ "$cmd" = 'python train.py --config configs/a.yaml --seed 1' ]
  grep -qP '^metrics.json\t13\t[0-9a-f]{64}\t[^\t]+\tbash eval.sh$' "$RES/MANIFEST.tsv"
  run grep -c MANIFEST "$RES/MANIFEST.tsv"
  assert_output 0
}

@test "manifest: an existing manifest is kept unless --force" {
  bash "$MK" "$RES" >/dev/null
  echo 'my notes' >"$RES/MANIFEST.tsv"
  run bash "$MK" "$RES"
  assert_failure 2
  assert_output --partial 'already exists'
  [ "$(cat "$RES/MANIFEST.tsv")" = 'my notes' ]
  run bash "$MK" --force "$RES"
  assert_success
  head -n 1 "$RES/MANIFEST.tsv" | grep -qx '# results-manifest v1'
}

@test "verify: an identical copy passes" {
  bash "$MK" "$RES" >/dev/null
  cp -a "$RES" "$WORK/pulled"
  run bash "$VF" "$WORK/pulled/MANIFEST.tsv" "$WORK/pulled"
  assert_success
  assert_output --partial 'OK: 3 file(s)'
}

@test "verify: missing, extra, size and hash problems are each reported; nothing is deleted" {
  bash "$MK" "$RES" >/dev/null
  cp -a "$RES" "$WORK/pulled"
  rm "$WORK/pulled/cell a/best.pth.cmd"
  echo extra >"$WORK/pulled/stray.txt"
  echo '{"acc": 0.1}' >"$WORK/pulled/metrics.json"                  # same size, other bytes
  head -c 10 /dev/urandom >>"$WORK/pulled/cell a/best.pth"
  run bash "$VF" "$RES/MANIFEST.tsv" "$WORK/pulled"
  assert_failure 1
  assert_line 'MISSING cell a/best.pth.cmd'
  assert_line 'EXTRA   stray.txt'
  assert_line 'HASH    metrics.json (sha256 differs)'
  assert_line 'SIZE    cell a/best.pth (want 5000 bytes, got 5010)'
  [ -f "$WORK/pulled/stray.txt" ]
}

@test "verify: a file that is not a manifest is a usage error" {
  echo 'hello' >"$WORK/notes.tsv"
  run bash "$VF" "$WORK/notes.tsv" "$RES"
  assert_failure 2
  assert_output --partial 'not a results-manifest v1 file'
}

@test "manifest: a link to a file is listed with its content; a broken link stops it; a link to a folder is named and skipped" {
  ln -s metrics.json "$RES/latest.json"
  ln -s "$RES/cell a" "$RES/cell link"
  run bash "$MK" "$RES"
  assert_success
  assert_output --partial '4 file(s)'
  assert_output --partial 'cell link: link to a folder, not listed'
  grep -qP "^latest.json\t13\t$(sha256sum <"$RES/metrics.json" | cut -d' ' -f1)\t" "$RES/MANIFEST.tsv"
  run grep -c '^cell link/' "$RES/MANIFEST.tsv"
  assert_output 0
  ln -s gone.pth "$RES/best-link.pth"
  run bash "$MK" --force "$RES"
  assert_failure 1
  assert_output --partial 'best-link.pth: broken link'
}

@test "verify: a copy whose link lost its target is MISSING it; a stray link is EXTRA" {
  ln -s metrics.json "$RES/latest.json"
  bash "$MK" "$RES" >/dev/null
  cp -a "$RES" "$WORK/pulled"
  run bash "$VF" "$RES/MANIFEST.tsv" "$WORK/pulled"
  assert_success
  rm "$WORK/pulled/metrics.json"
  ln -s metrics.json "$WORK/pulled/stray.json"
  run bash "$VF" "$RES/MANIFEST.tsv" "$WORK/pulled"
  assert_failure 1
  assert_line 'MISSING metrics.json'
  assert_line 'MISSING latest.json'
  assert_line 'EXTRA   stray.json'
}

@test "verify: the copy's own manifest is not extra when it equals the manifest checked against" {
  bash "$MK" "$RES" >/dev/null
  cp -a "$RES" "$WORK/pulled"
  cp "$RES/MANIFEST.tsv" "$WORK/fetched-separately.tsv"
  run bash "$VF" "$WORK/fetched-separately.tsv" "$WORK/pulled"
  assert_success
  assert_output --partial 'OK: 3 file(s)'
  printf 'edited\n' >>"$WORK/pulled/MANIFEST.tsv"
  run bash "$VF" "$WORK/fetched-separately.tsv" "$WORK/pulled"
  assert_failure 1
  assert_line 'EXTRA   MANIFEST.tsv'
}
