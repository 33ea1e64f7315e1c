#!/usr/bin/env bats
# diagnose_log.sh: a log against the signatures file; ranked matches, bounded reading, clear exit codes.

load test_helper

setup() {
  common_setup
  DL="$SCRIPTS_DIR/diagnose_log.sh"
  SIGS="$BATS_TEST_DIRNAME/fixtures/signatures.tsv"
  printf 'step 1 loss 2.3\nNVRM: Xid (PCI:0000:3b:00): 79, GPU has fallen off the bus\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB\n\033[31mKilled\n' >"$WORK/train log.txt"
}

@test "diagnose: ranks the latest match first, prints id, title, url and the matched line" {
  run --separate-stderr bash "$DL" -s "$SIGS" "$WORK/train log.txt"
  assert_success
  assert_line --index 0 'U9  Host RAM OOM kill'
  assert_line --index 1 '    /gotchas/u9/'
  assert_line --index 3 'U3  CUDA OOM at the first batch'
  assert_line --index 5 '    matched: RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB'
  assert_line --index 6 'U21  GPU fell off the bus'
  refute_output --partial $'\033'
  [[ $stderr == *'line 5: pattern rejected'* && $stderr == *'line 6: expected 5 TAB-separated fields'* ]]
}

@test "diagnose: reads stdin, -n limits the list" {
  run bash "$DL" -s "$SIGS" -n 1 - <"$WORK/train log.txt"
  assert_success
  [ "$(grep -c '^U' <<<"$output")" -eq 1 ]
}

@test "diagnose: only the last -l lines are read" {
  run bash "$DL" -s "$SIGS" -l 1 "$WORK/train log.txt"
  assert_success
  refute_output --partial 'U3'
  assert_output --partial 'U9'
}

@test "diagnose: no match exits 1; usage errors exit 2" {
  printf 'all fine\n' >"$WORK/ok.log"
  run bash "$DL" -s "$SIGS" "$WORK/ok.log"
  assert_failure 1
  assert_output --partial 'no known signature matched'
  run bash "$DL" -s "$WORK/absent.tsv" "$WORK/ok.log"
  assert_failure 2
  run bash "$DL" -s "$SIGS" -n zero "$WORK/ok.log"
  assert_failure 2
  run bash "$DL" -s "$SIGS" "$WORK/no such.log"
  assert_failure 2
}

@test "diagnose: literals match as the site's engine does (any case, folded spaces, whole words); regex-i ignores case" {
  printf 'P1\tliteral\tout of  memory\tSpaced literal\t/gotchas/p1/\nP2\tliteral\tKilled\tWhole word\t/gotchas/p2/\nP3\tregex-i\tnccl (error|warn)\tNo case\t/gotchas/p3/\nP4\tliteral\ta.b\tDot is a dot\t/gotchas/p4/\n' >"$WORK/sigs.tsv"
  printf 'CUDA OUT   OF MEMORY here\nthe job was skilled\nNCCL WARN socket\naxb\n' >"$WORK/case.log"
  run --separate-stderr bash "$DL" -s "$WORK/sigs.tsv" "$WORK/case.log"
  assert_success
  assert_output --partial 'P1  Spaced literal'
  assert_output --partial 'P3  No case'
  refute_output --partial 'P2'
  refute_output --partial 'P4'
}
