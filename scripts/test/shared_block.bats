#!/usr/bin/env bats
# The standalone scripts are downloaded one by one, so they cannot source a common file; the lines they
# share sit between "# >>> shared block" and "# <<< shared block" in each, and must stay the same lines.

load test_helper

# The scripts that must carry the block. Any other script that adds the markers is held to the same text.
SHARING=(gpu_health.sh mem_monitor.sh reap_vram_zombies.sh)

# block FILE: the lines strictly between the markers; fails unless there is exactly one opening and one
# closing marker, in that order.
block() {
  awk -v file="$(basename "$1")" '
    /^# >>> shared block/ { opened++; if (closed) bad = 1; inside = 1; next }
    /^# <<< shared block$/ { closed++; inside = 0; next }
    inside { print }
    END {
      if (opened != 1 || closed != 1 || bad) { printf "%s: %d opening and %d closing shared-block markers, expected one of each, in that order\n", file, opened, closed; exit 1 }
    }' "$1"
}

# same_blocks DIR: every sharing script in DIR carries a non-empty block, and every script in DIR that
# carries one carries the same lines as the first sharing script; says what differs and fails otherwise.
same_blocks() {
  local dir=$1 name file status=0
  for name in "${SHARING[@]}"; do
    block "$dir/$name" >"$BATS_TEST_TMPDIR/copy" || { cat "$BATS_TEST_TMPDIR/copy"; status=1; continue; }
    grep -q 'smi()' "$BATS_TEST_TMPDIR/copy" || { echo "$name: the shared block lost smi()"; status=1; }
  done
  block "$dir/${SHARING[0]}" >"$BATS_TEST_TMPDIR/reference" || return 1
  while IFS= read -r file; do
    if ! block "$file" >"$BATS_TEST_TMPDIR/copy"; then
      cat "$BATS_TEST_TMPDIR/copy"
      status=1
    elif ! diff -u --label "${SHARING[0]}" --label "$(basename "$file")" "$BATS_TEST_TMPDIR/reference" "$BATS_TEST_TMPDIR/copy"; then
      echo "$(basename "$file"): the shared block differs from ${SHARING[0]} (diff above); change every copy together"
      status=1
    fi
  done < <(grep -l '^# >>> shared block' "$dir"/*.sh "$dir"/*.sh.template 2>/dev/null)
  return "$status"
}

# copy_sharing DIR: the sharing scripts, copied into DIR so that a test can damage one of them.
copy_sharing() {
  local name
  mkdir -p "$1"
  for name in "${SHARING[@]}"; do cp "$SCRIPTS_DIR/$name" "$1/"; done
}

@test "shared block: the sharing scripts carry the same lines between their markers" {
  run same_blocks "$SCRIPTS_DIR"
  assert_success
}

@test "shared block: a copy changed by one character is caught, naming the script" {
  local copy="$BATS_TEST_TMPDIR/scripts"
  copy_sharing "$copy"
  sed -i '/^# >>> shared block/,/^# <<< shared block$/ s/exit 2/exit 3/' "$copy/reap_vram_zombies.sh"
  run same_blocks "$copy"
  assert_failure
  assert_output --partial '+  exit 3'
  assert_output --partial 'reap_vram_zombies.sh: the shared block differs'
}

@test "shared block: a script that lost its markers is caught" {
  local copy="$BATS_TEST_TMPDIR/scripts"
  copy_sharing "$copy"
  sed -i '/^# <<< shared block$/d' "$copy/mem_monitor.sh"
  run same_blocks "$copy"
  assert_failure
  assert_output --partial 'mem_monitor.sh: 1 opening and 0 closing shared-block markers'
}
