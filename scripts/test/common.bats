#!/usr/bin/env bats
# Contract every script keeps: shebang, metadata block, strict mode, --help exits 0, bad usage exits 2.

load test_helper

setup() {
  common_setup
}

each_script() {
  find "$SCRIPTS_DIR" -maxdepth 1 -type f \( -name '*.sh' -o -name '*.sh.template' \) | sort
}

@test "common: all nine scripts are present" {
  for name in run_one.sh.template run_queue.sh.template health_patrol.sh.template gpu_health.sh \
    mem_monitor.sh reap_vram_zombies.sh aggregate_to_fs.sh download_loop.sh setup-china-mirrors.sh; do
    [ -f "$SCRIPTS_DIR/$name" ] || fail "missing $name"
  done
}

@test "common: metadata block, declared env, strict mode and no eval in every script" {
  while IFS= read -r script; do
    run node "$BATS_TEST_DIRNAME/meta_check.mjs" "$script"
    assert_success
  done < <(each_script)
}

@test "common: -h and --help print usage and exit 0" {
  while IFS= read -r script; do
    for flag in -h --help; do
      run bash "$script" "$flag"
      assert_success
      assert_output --partial 'Usage:'
    done
  done < <(each_script)
}

@test "common: an unknown option exits 2 with a message on stderr" {
  while IFS= read -r script; do
    run --separate-stderr bash "$script" --no-such-option-xyz
    [ "$status" -eq 2 ] || fail "$script exited $status on a bad option"
    [ -n "$stderr" ] || fail "$script printed no message for a bad option"
  done < <(each_script)
}

@test "common: scripts use LF line endings only" {
  while IFS= read -r script; do
    if grep -q $'\r' "$script"; then fail "$script contains CR characters"; fi
  done < <(each_script)
}
