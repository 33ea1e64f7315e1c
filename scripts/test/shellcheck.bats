#!/usr/bin/env bats
# Every script, fake and helper passes shellcheck -x with no finding at all (style level included).

load test_helper

@test "shellcheck: installed" {
  command -v shellcheck
}

@test "shellcheck: scripts, fakes and test runner are clean" {
  cd "$SCRIPTS_DIR"
  files=()
  while IFS= read -r f; do files+=("$f"); done < <(
    find . -maxdepth 1 -type f \( -name '*.sh' -o -name '*.sh.template' \)
    find test/fakes -maxdepth 1 -type f
    echo test/run.sh
  )
  run shellcheck -x --shell=bash --severity=style "${files[@]}"
  assert_success
  assert_output ''
}
