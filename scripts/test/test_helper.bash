# Shared setup for the script tests: assertion libraries, the fakes first on PATH, and a scratch dir.
load '../../node_modules/bats-support/load'
load '../../node_modules/bats-assert/load'
bats_require_minimum_version 1.5.0

SCRIPTS_DIR="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
FAKES_DIR="$BATS_TEST_DIRNAME/fakes"

common_setup() {
  export PATH="$FAKES_DIR:$PATH"
  # A scratch folder whose name holds a space, so every test also exercises quoting.
  WORK="$BATS_TEST_TMPDIR/work dir"
  mkdir -p "$WORK"
  cd "$WORK" || return 1
}

# Kill test-owned background processes recorded in $WORK/pids (one PID per line).
kill_recorded() {
  local pid
  [[ -f "$WORK/pids" ]] || return 0
  while read -r pid; do
    [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  done <"$WORK/pids"
}

# start_bg NAME SECONDS: a sleeping process whose command line reads "NAME SECONDS"; prints its PID.
start_bg() {
  local real_sleep pid
  real_sleep=$(PATH=/usr/bin:/bin type -P sleep)
  bash -c 'exec -a "$0" "$2" "$1"' "$1" "$2" "$real_sleep" </dev/null >/dev/null 2>&1 &
  pid=$!
  echo "$pid" >>"$WORK/pids"
  # wait until the exec has happened, so the command line already carries NAME
  for _ in $(seq 1 50); do
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == "$1 "* ]] && break
    "$real_sleep" 0.05
  done
  echo "$pid"
}

# path_without NAME...: print a PATH holding the fakes and every command of the current PATH except NAME.
# Each command is a link in one folder, so the tool is really absent, not just shadowed.
path_without() {
  local bin="$WORK/path-without-$1" dir cmd skip name
  mkdir -p "$bin"
  IFS=: read -r -a dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    [[ -d $dir && $dir != "$FAKES_DIR" ]] || continue
    for cmd in "$dir"/*; do
      name=${cmd##*/}
      skip=0
      for s in "$@"; do [[ $name == "$s" ]] && skip=1; done
      ((skip)) || [[ -e $bin/$name ]] || ln -s "$cmd" "$bin/$name"
    done
  done
  echo "$FAKES_DIR:$bin"
}
