#!/usr/bin/env bash
# Keep a single GitHub issue in step with the monthly staleness report.
#
#   staleness-issue.sh REPORT_FILE STALE_EXIT_CODE
#
# STALE_EXIT_CODE is the exit status of `npm run stale`:
#   1  something is past the limit: update the tracking issue (reopening or creating it when needed)
#   0  nothing is past the limit: close the tracking issue if one is open
#   *  the report itself failed: touch nothing and fail
#
# The tracking issue is the one carrying the label $STALE_LABEL (default `staleness-report`); an open one is
# preferred, then the most recently created closed one, so the history of re-checks stays in one thread.
# STALE_TITLE, STALE_LABEL_DESCRIPTION and STALE_DONE_COMMENT reword it for another report (verify.yml uses
# it for drifted quotes: exit 1 there means "a quote drifted").
# gh reads GH_TOKEN (and GH_REPO outside a checkout) from the environment. $GH overrides the gh binary.
# When GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID are set, the body links the workflow run.
# The report quotes content (titles, claims), so title and body are made inert first: no @mention notifies
# anyone, no image loads, no raw HTML renders (see `inert` below).
set -Eeuo pipefail

readonly MAX_BODY_BYTES=60000 # GitHub refuses issue bodies over 65536 characters
label=${STALE_LABEL:-staleness-report}
title=${STALE_TITLE:-Facts due for a re-check (staleness report)}
label_description=${STALE_LABEL_DESCRIPTION:-Facts whose verified month is older than the limit}
done_comment=${STALE_DONE_COMMENT:-Every stamped fact is within the limit again.}
gh_bin=${GH:-gh}

# A zero-width joiner after the `@` of a would-be mention: it reads the same and notifies nobody. Only an `@`
# that starts a word counts (GitHub ignores `a@b` and `/@scope` in URLs, so those stay intact). `![` becomes
# `[` (the image is a plain link then) and `<` an entity, so no tag renders.
zwj=$(printf '\342\200\215')
inert() {
  LC_ALL=C sed -E -e "s/(^|[^[:alnum:]/._-])@([[:alnum:]_])/\1@${zwj}\2/g" -e 's/!\[/[/g' -e 's/</\&lt;/g'
}

say() { printf 'staleness-issue: %s\n' "$*"; }
fail() {
  printf 'staleness-issue: %s\n' "$*" >&2
  exit 2
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,15s/^# \{0,1\}//p' "$0"
  exit 0
fi
[[ $# -eq 2 ]] || fail "expected REPORT_FILE STALE_EXIT_CODE, got $# argument(s)"
report=$1
code=$2
[[ -f $report && -r $report ]] || fail "cannot read the report file '$report'"
case $code in
  0 | 1) ;;
  *) fail "the stale report failed (exit status '$code'); leaving the tracking issue as it is" ;;
esac

run_url=''
if [[ -n ${GITHUB_SERVER_URL:-} && -n ${GITHUB_REPOSITORY:-} && -n ${GITHUB_RUN_ID:-} ]]; then
  run_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
fi

# "NUMBER STATE" of the tracking issue, or nothing when there has never been one.
tracking=$("$gh_bin" issue list --label "$label" --state all --limit 50 --json number,state,createdAt \
  --jq '(map(select(.state == "OPEN")) | sort_by(.createdAt) | reverse) + (sort_by(.createdAt) | reverse) | first // empty | "\(.number) \(.state)"')
number=''
state=''
if [[ -n $tracking ]]; then
  read -r number state <<<"$tracking"
  [[ $number =~ ^[0-9]+$ ]] || fail "unexpected answer from gh issue list: '$tracking'"
fi

if [[ $code == 0 ]]; then
  if [[ $state == OPEN ]]; then
    summary=$(grep -m1 '^\*\*' "$report" | tr -d '*' || true)
    "$gh_bin" issue close "$number" --reason completed \
      --comment "$done_comment ${summary:-} The next monthly run reopens this issue if anything comes up again."
    say "closed #$number: nothing is stale"
  else
    say "nothing is stale and no tracking issue is open; nothing to do"
  fi
  exit 0
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT
if (($(wc -c <"$report") > MAX_BODY_BYTES)); then
  # Cut at a byte budget, then drop the last line, which may be a half row.
  head -c "$MAX_BODY_BYTES" "$report" | sed '$d' | inert >"$body"
  printf '\n\n_This list was shortened to fit in an issue.%s_\n' "${run_url:+ The whole report is in the summary of the run linked below.}" >>"$body"
else
  inert <"$report" >"$body"
fi
if [[ -n $run_url ]]; then
  printf '\n---\nWritten by [this run of the staleness workflow](%s).\n' "$run_url" >>"$body"
fi

title=$(printf '%s' "$title" | tr -d '\000-\037' | inert)
if [[ -z $number ]]; then
  "$gh_bin" label create "$label" --force --color FBCA04 \
    --description "$label_description"
  url=$("$gh_bin" issue create --title "$title" --label "$label" --body-file "$body")
  say "opened ${url:-a new tracking issue}"
else
  if [[ $state != OPEN ]]; then
    "$gh_bin" issue reopen "$number"
  fi
  "$gh_bin" issue edit "$number" --title "$title" --body-file "$body"
  say "updated #$number"
fi
