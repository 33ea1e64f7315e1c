#!/usr/bin/env bash
# Turn the patch of refreshed `checked:`/`verified:` stamps from `kb-lint verify --fix` into a pull request.
#
#   stamps-pr.sh PATCH_FILE BASE_BRANCH
#
# The branch is `verify/stamps-YYYY-MM` (one a month); a re-run force-pushes it and reuses the open pull
# request instead of opening a second. The patch may only touch content/*.md: anything else is refused, so a
# tampered artifact cannot change code. The checkout keeps no token (persist-credentials: false), so the push
# passes GH_TOKEN for that one command only. $GH overrides the gh binary, $GIT the git binary (tests).
set -Eeuo pipefail

gh_bin=${GH:-gh}
git_bin=${GIT:-git}
fail() {
  printf 'stamps-pr: %s\n' "$*" >&2
  exit 2
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,10s/^# \{0,1\}//p' "$0"
  exit 0
fi
[[ $# -eq 2 ]] || fail "expected PATCH_FILE BASE_BRANCH, got $# argument(s)"
patch=$1
base=$2
[[ -f $patch && -r $patch ]] || fail "cannot read the patch '$patch'"
[[ $base =~ ^[A-Za-z0-9._/-]+$ ]] || fail "unexpected base branch name '$base'"
if [[ ! -s $patch ]]; then
  printf 'stamps-pr: no stamp changed; nothing to do\n'
  exit 0
fi

# Every file the patch touches, from its headers; each must be a Markdown file under content/.
while IFS= read -r path; do
  [[ $path =~ ^content/[A-Za-z0-9._/-]+\.md$ && $path != *..* ]] || fail "the patch touches '$path', outside content/*.md; refusing it"
done < <(sed -n -E 's#^diff --git a/(.*) b/.*$#\1#p' "$patch")

month=$(date -u +%Y-%m)
branch="verify/stamps-$month"
"$git_bin" config user.name 'github-actions[bot]'
"$git_bin" config user.email '41898282+github-actions[bot]@users.noreply.github.com'
"$git_bin" checkout -B "$branch"
"$git_bin" apply --index "$patch"
"$git_bin" commit -m "Refresh checked/verified stamps of quotes still on their page ($month)"

auth=$(printf 'x-access-token:%s' "${GH_TOKEN:?GH_TOKEN is required}" | base64 | tr -d '\n')
"$git_bin" -c "http.https://github.com/.extraheader=AUTHORIZATION: basic $auth" push --force origin "HEAD:refs/heads/$branch"

existing=$("$gh_bin" pr list --head "$branch" --state open --json number --jq '.[0].number // empty')
if [[ -n $existing ]]; then
  printf 'stamps-pr: updated the branch of #%s\n' "$existing"
  exit 0
fi
body="\`kb-lint verify --fix\` found these quoted passages still on their pages and moved their \`checked:\` and the files' \`verified:\` to $month. Only files a person had already checked are touched; drifted and unreachable sources are in the run summary and the \`source-drift\` issue."
url=$("$gh_bin" pr create --base "$base" --head "$branch" --title "Refresh verified stamps ($month)" --body "$body")
printf 'stamps-pr: opened %s\n' "$url"
