#!/usr/bin/env bats
# staleness-issue.sh against a fake gh: one tracking issue is opened, updated, reopened or closed, never two.

load '../../../node_modules/bats-support/load'
load '../../../node_modules/bats-assert/load'

setup() {
  command -v jq >/dev/null || command -v node >/dev/null || skip 'the fake gh needs jq (or node) to answer issue list'
  SCRIPT="$BATS_TEST_DIRNAME/../staleness-issue.sh"
  export PATH="$BATS_TEST_DIRNAME/fakes:$PATH"
  WORK="$BATS_TEST_TMPDIR/work dir"
  mkdir -p "$WORK"
  export FAKE_GH_LOG="$WORK/gh.log" FAKE_GH_BODY="$WORK/body.md"
  : >"$FAKE_GH_LOG"
  unset FAKE_GH_ISSUES FAKE_GH_EXIT GITHUB_SERVER_URL GITHUB_REPOSITORY GITHUB_RUN_ID STALE_LABEL GH
  REPORT="$WORK/report.md"
  printf '# Freshness of `verified` stamps, 2026-08\n\n**4 of 9 stamps are older than 6 months (as of 2026-08): 2 about money or data, 2 other.**\n\n| a | b |\n' >"$REPORT"
}

open_issue='[{"number":7,"state":"OPEN","createdAt":"2026-05-01T00:00:00Z"}]'
closed_issues='[{"number":3,"state":"CLOSED","createdAt":"2026-01-01T00:00:00Z"},{"number":5,"state":"CLOSED","createdAt":"2026-04-01T00:00:00Z"}]'

calls() { grep -c . "$FAKE_GH_LOG" || true; }

@test "stale, no issue yet: creates the label, then one issue with the report as body" {
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  assert_output --partial 'opened https://github.com/o/r/issues/12'
  run cat "$FAKE_GH_LOG"
  assert_line --index 0 --partial 'issue list --label staleness-report --state all'
  assert_line --index 1 --partial 'label create staleness-report --force'
  assert_line --index 2 --partial 'issue create --title Facts due for a re-check (staleness report) --label staleness-report --body-file'
  [ "$(calls)" -eq 3 ]
  cmp "$REPORT" "$FAKE_GH_BODY"
}

@test "stale, issue open: edits that issue's body and creates nothing" {
  export FAKE_GH_ISSUES="$open_issue"
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  assert_output --partial 'updated #7'
  run cat "$FAKE_GH_LOG"
  assert_line --index 1 --partial 'issue edit 7 --title'
  refute_output --partial 'issue create'
  refute_output --partial 'reopen'
  [ "$(calls)" -eq 2 ]
}

@test "stale, only closed issues: reopens the newest one instead of opening another" {
  export FAKE_GH_ISSUES="$closed_issues"
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  run cat "$FAKE_GH_LOG"
  assert_line --index 1 'issue reopen 5'
  assert_line --index 2 --partial 'issue edit 5'
  refute_output --partial 'issue create'
}

@test "the --jq filter itself picks the open issue first, then the newest closed one" {
  command -v jq >/dev/null || skip 'jq not installed'
  filter=$(grep -o "\-\-jq '[^']*'" "$SCRIPT" | sed "s/^--jq '//; s/'$//")
  [ -n "$filter" ]
  run jq -r "$filter" <<<'[{"number":2,"state":"CLOSED","createdAt":"2026-03-01T00:00:00Z"},{"number":8,"state":"OPEN","createdAt":"2026-01-01T00:00:00Z"},{"number":6,"state":"OPEN","createdAt":"2026-02-01T00:00:00Z"}]'
  assert_output '6 OPEN'
  run jq -r "$filter" <<<"$closed_issues"
  assert_output '5 CLOSED'
  run jq -r "$filter" <<<'[]'
  assert_output ''
}

@test "stale, open and closed issues: the open one wins even if older" {
  export FAKE_GH_ISSUES='[{"number":9,"state":"CLOSED","createdAt":"2026-06-01T00:00:00Z"},{"number":4,"state":"OPEN","createdAt":"2026-02-01T00:00:00Z"}]'
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  assert_output --partial 'updated #4'
}

@test "nothing stale, issue open: closes it with the summary as the comment" {
  export FAKE_GH_ISSUES="$open_issue"
  run bash "$SCRIPT" "$REPORT" 0
  assert_success
  assert_output --partial 'closed #7'
  run cat "$FAKE_GH_LOG"
  assert_line --index 1 --partial 'issue close 7 --reason completed --comment Every stamped fact is within the limit again. 4 of 9 stamps'
  [ "$(calls)" -eq 2 ]
}

@test "nothing stale, no open issue: only looks" {
  export FAKE_GH_ISSUES="$closed_issues"
  run bash "$SCRIPT" "$REPORT" 0
  assert_success
  assert_output --partial 'nothing to do'
  [ "$(calls)" -eq 1 ]
}

@test "a failed report (exit 2) changes nothing and fails" {
  run bash "$SCRIPT" "$REPORT" 2
  assert_failure 2
  assert_output --partial "exit status '2'"
  [ "$(calls)" -eq 0 ]
}

@test "wrong arguments and a missing report exit 2 without calling gh" {
  run bash "$SCRIPT" "$REPORT"
  assert_failure 2
  assert_output --partial 'expected REPORT_FILE STALE_EXIT_CODE'
  run bash "$SCRIPT" "$WORK/missing.md" 1
  assert_failure 2
  assert_output --partial 'cannot read the report file'
  [ "$(calls)" -eq 0 ]
}

@test "a gh failure fails the script" {
  export FAKE_GH_ISSUES="$open_issue" FAKE_GH_EXIT=1
  run bash "$SCRIPT" "$REPORT" 1
  assert_failure
}

@test "an oversized report is cut at a line boundary with a note, under GitHub's limit" {
  awk 'BEGIN { x = sprintf("%40s", ""); gsub(/ /, "x", x); for (i = 1; i <= 2000; i++) printf "| row %04d | %s |\n", i, x }' >>"$REPORT"
  export GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=o/r GITHUB_RUN_ID=42
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  [ "$(wc -c <"$FAKE_GH_BODY")" -lt 65536 ]
  run grep -c '^| row' "$FAKE_GH_BODY"
  [ "$output" -gt 100 ] && [ "$output" -lt 2000 ]
  # No half row survives the cut: every row line is complete.
  run bash -c "grep '^| row' \"\$1\" | grep -cvE '^\\| row [0-9]{4} \\| x{40} \\|\$'" _ "$FAKE_GH_BODY"
  assert_output '0'
  run cat "$FAKE_GH_BODY"
  assert_output --partial 'shortened to fit in an issue'
  assert_output --partial '(https://github.com/o/r/actions/runs/42)'
}

@test "a custom label is used throughout" {
  export STALE_LABEL=facts-due
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  run cat "$FAKE_GH_LOG"
  assert_line --index 0 --partial '--label facts-due'
  assert_line --index 1 --partial 'label create facts-due'
}

@test "the script and the fake are shellcheck clean" {
  command -v shellcheck >/dev/null || skip 'shellcheck not installed'
  run shellcheck "$SCRIPT" "$BATS_TEST_DIRNAME/fakes/gh"
  assert_success
}

@test "content in the report cannot mention anyone, load an image or render HTML" {
  printf '| [@octocat fix](u) | (@team) ![pixel](https://e.vil/p.png) <img src=x onerror=alert(1)> |\n| mail a@b.com, https://www.npmjs.com/package/@scope/pkg |\n' >>"$REPORT"
  export STALE_TITLE='Stale facts @maintainers'
  run bash "$SCRIPT" "$REPORT" 1
  assert_success
  zwj=$(printf '\342\200\215')
  run cat "$FAKE_GH_BODY"
  assert_output --partial "[@${zwj}octocat fix](u)"
  assert_output --partial "(@${zwj}team)"
  assert_output --partial '[pixel](https://e.vil/p.png)'
  assert_output --partial '&lt;img src=x'
  assert_output --partial 'a@b.com'
  assert_output --partial 'https://www.npmjs.com/package/@scope/pkg'
  refute_output --partial '![pixel]'
  refute_output --partial '<img'
  refute_output --regexp '(^|[^[:alnum:]/._-])@[[:alnum:]]'
  run cat "$FAKE_GH_LOG"
  assert_output --partial "--title Stale facts @${zwj}maintainers"
}
