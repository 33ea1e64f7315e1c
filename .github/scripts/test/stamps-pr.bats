#!/usr/bin/env bats
# stamps-pr.sh with a real git (a temporary repository whose origin is a local bare one) and a fake gh.

load '../../../node_modules/bats-support/load'
load '../../../node_modules/bats-assert/load'

setup() {
  SCRIPT="$BATS_TEST_DIRNAME/../stamps-pr.sh"
  export PATH="$BATS_TEST_DIRNAME/fakes:$PATH"
  WORK="$BATS_TEST_TMPDIR/work dir"
  mkdir -p "$WORK"
  export FAKE_GH_LOG="$WORK/gh.log" FAKE_GH_BODY="$WORK/body.md" GH_TOKEN=test-token
  : >"$FAKE_GH_LOG"
  unset FAKE_GH_OPEN_PR GH GIT
  git init -q --bare "$WORK/origin.git"
  git init -q -b main "$WORK/repo"
  cd "$WORK/repo"
  git config user.name t && git config user.email t@example.com
  mkdir -p content/gotchas
  printf -- '---\nverified: 2026-03\n---\nBody.\n' >content/gotchas/a.md
  git add content && git commit -qm init
  git remote add origin "$WORK/origin.git"
  git push -q origin main
  sed -i 's/2026-03/2026-12/' content/gotchas/a.md
  git diff --binary -- content >"$WORK/stamps.patch"
  git checkout -q -- content
  MONTH=$(date -u +%Y-%m)
}

@test "applies the patch on a monthly branch, pushes it and opens one pull request" {
  run bash "$SCRIPT" "$WORK/stamps.patch" main
  assert_success
  assert_output --partial 'opened https://github.com/o/r/pull/34'
  run git --git-dir "$WORK/origin.git" show "verify/stamps-$MONTH:content/gotchas/a.md"
  assert_output --partial 'verified: 2026-12'
  run cat "$FAKE_GH_LOG"
  assert_line --index 0 --partial "pr list --head verify/stamps-$MONTH --state open"
  assert_line --index 1 --partial "pr create --base main --head verify/stamps-$MONTH --title Refresh verified stamps ($MONTH)"
  # The token is never written into the repository's config.
  run grep -r test-token .git/config
  assert_failure
}

@test "a re-run updates the branch of the open pull request instead of opening another" {
  export FAKE_GH_OPEN_PR=21
  run bash "$SCRIPT" "$WORK/stamps.patch" main
  assert_success
  assert_output --partial 'updated the branch of #21'
  run grep -c 'pr create' "$FAKE_GH_LOG"
  assert_output 0
}

@test "refuses a patch that touches anything outside content/*.md, before changing anything" {
  printf 'diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\n' >>"$WORK/stamps.patch"
  run bash "$SCRIPT" "$WORK/stamps.patch" main
  assert_failure 2
  assert_output --partial "touches '.github/workflows/ci.yml', outside content/*.md"
  run git branch --list 'verify/*'
  assert_output ''
  [ ! -s "$FAKE_GH_LOG" ]
}

@test "an empty patch does nothing; bad arguments exit 2" {
  : >"$WORK/empty.patch"
  run bash "$SCRIPT" "$WORK/empty.patch" main
  assert_success
  assert_output --partial 'nothing to do'
  run bash "$SCRIPT" "$WORK/stamps.patch" 'main; rm -rf /'
  assert_failure 2
  run bash "$SCRIPT" "$WORK/missing.patch" main
  assert_failure 2
  [ ! -s "$FAKE_GH_LOG" ]
}

@test "the script is shellcheck clean" {
  command -v shellcheck >/dev/null || skip 'shellcheck not installed'
  run shellcheck "$SCRIPT"
  assert_success
}
