#!/usr/bin/env bats
# setup-china-mirrors.sh: idempotent, and --undo puts every file back as it was.

load test_helper

setup() {
  common_setup
  SCM="$SCRIPTS_DIR/setup-china-mirrors.sh"
  export HOME="$WORK/home dir"
  unset XDG_CONFIG_HOME HF_HOME
  export DATA_DIR="$WORK/data disk"
  mkdir -p "$HOME/.config/pip" "$DATA_DIR"
  printf '[global]\ntimeout = 60\nindex-url = https://pypi.org/simple\n\n[install]\nno-cache-dir = true\n' >"$HOME/.config/pip/pip.conf"
  printf 'channels:\n  - conda-forge\n' >"$HOME/.condarc"
  printf 'alias ll="ls -l"\nexport EDITOR=vim' >"$HOME/.bashrc"   # no trailing newline on purpose
  cp -a "$HOME" "$WORK/home before"
}

snapshot() { (cd "$HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

@test "mirrors: --help exits 0; an unknown flag exits 2" {
  run bash "$SCM" --help
  assert_success
  run bash "$SCM" --force
  assert_failure 2
}

@test "mirrors: sourcing it is refused without touching the shell's options" {
  run bash -c 'source "$0"; rc=$?; case $- in *e*) echo errexit-leaked ;; esac; echo "rc=$rc"' "$SCM"
  assert_output --partial 'rc=2'
  refute_output --partial 'errexit-leaked'
  [ ! -e "$HOME/.config/china-mirrors" ]
}

@test "mirrors: apply sets pip, conda and HF, keeps other pip settings" {
  run bash "$SCM"
  assert_success
  grep -qx 'index-url = https://pypi.tuna.tsinghua.edu.cn/simple' "$HOME/.config/pip/pip.conf"
  grep -qx 'timeout = 60' "$HOME/.config/pip/pip.conf"
  grep -qx 'no-cache-dir = true' "$HOME/.config/pip/pip.conf"
  [ "$(grep -c '^index-url' "$HOME/.config/pip/pip.conf")" -eq 1 ]
  grep -q 'https://mirrors.tuna.tsinghua.edu.cn/anaconda/pkgs/main' "$HOME/.condarc"
  run grep -c 'pytorch-nightly:' "$HOME/.condarc"
  assert_output 0
  env_file="$HOME/.config/china-mirrors/env.sh"
  run bash -c 'unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY; source "$0"; echo "$HF_ENDPOINT $HF_HUB_ENABLE_HF_TRANSFER $HF_HOME no_proxy=${no_proxy:-none}"' "$env_file"
  assert_output "https://hf-mirror.com 0 $DATA_DIR/huggingface no_proxy=none"
  run bash -c 'export https_proxy=http://127.0.0.1:7890; source "$0"; echo "$NO_PROXY"' "$env_file"
  assert_output --partial '.tuna.tsinghua.edu.cn'
  # a new interactive-style shell picks it up through .bashrc
  run bash -c 'source "$HOME/.bashrc"; echo "$HF_ENDPOINT"'
  assert_output 'https://hf-mirror.com'
}

@test "mirrors: a second run changes nothing" {
  bash "$SCM" >/dev/null
  first=$(snapshot)
  run bash "$SCM"
  assert_success
  refute_output --partial 'wrote:'
  [ "$(snapshot)" = "$first" ]
  [ "$(grep -c 'setup-china-mirrors >>>' "$HOME/.bashrc")" -eq 1 ]
}

@test "mirrors: --undo restores every file byte for byte, even after two applies" {
  bash "$SCM" >/dev/null
  bash "$SCM" >/dev/null
  run bash "$SCM" --undo
  assert_success
  diff -r "$WORK/home before" "$HOME"
}

@test "mirrors: --undo removes files that did not exist before" {
  rm -f "$HOME/.condarc" "$HOME/.bashrc" "$HOME/.config/pip/pip.conf"
  bash "$SCM" >/dev/null
  [ -f "$HOME/.condarc" ]
  run bash "$SCM" --undo
  assert_success
  [ ! -e "$HOME/.condarc" ]
  [ ! -e "$HOME/.bashrc" ]
  [ ! -e "$HOME/.config/pip/pip.conf" ]
  [ ! -e "$HOME/.config/china-mirrors" ]
}

@test "mirrors: --undo with nothing applied is a no-op" {
  run bash "$SCM" --undo
  assert_success
  assert_output --partial 'nothing to undo'
  diff -r "$WORK/home before" "$HOME"
}

@test "mirrors: --undo keeps a .bashrc it created once other lines were added (conda init)" {
  rm -f "$HOME/.bashrc"
  bash "$SCM" >/dev/null
  printf '# >>> conda initialize >>>\neval "$(conda shell.bash hook)"\n# <<< conda initialize <<<\n' >>"$HOME/.bashrc"
  run bash "$SCM" --undo
  assert_success
  [ -f "$HOME/.bashrc" ]
  run cat "$HOME/.bashrc"
  assert_output $'# >>> conda initialize >>>\neval "$(conda shell.bash hook)"\n# <<< conda initialize <<<'
}

@test "mirrors: --undo keeps later edits to pip.conf and .condarc and restores the displaced settings" {
  bash "$SCM" >/dev/null
  printf '\n[list]\nformat = columns\n' >>"$HOME/.config/pip/pip.conf"
  printf 'auto_activate_base: false\n' >>"$HOME/.condarc"
  run bash "$SCM" --undo
  assert_success
  grep -qx 'format = columns' "$HOME/.config/pip/pip.conf"
  grep -qx 'index-url = https://pypi.org/simple' "$HOME/.config/pip/pip.conf"
  run grep -c tuna "$HOME/.config/pip/pip.conf"
  assert_output 0
  run cat "$HOME/.condarc"
  assert_output $'channels:\n  - conda-forge\nauto_activate_base: false'
}

@test "mirrors: a 0600 pip.conf stays 0600 through apply and undo" {
  chmod 0600 "$HOME/.config/pip/pip.conf"
  bash "$SCM" >/dev/null
  [ "$(stat -c %a "$HOME/.config/pip/pip.conf")" = 600 ]
  bash "$SCM" --undo >/dev/null
  [ "$(stat -c %a "$HOME/.config/pip/pip.conf")" = 600 ]
  cmp "$WORK/home before/.config/pip/pip.conf" "$HOME/.config/pip/pip.conf"
}

@test "mirrors: a symlinked .bashrc stays a link; its target is edited and restored" {
  mkdir -p "$WORK/dotfiles"
  mv "$HOME/.bashrc" "$WORK/dotfiles/bashrc"
  ln -s "$WORK/dotfiles/bashrc" "$HOME/.bashrc"
  bash "$SCM" >/dev/null
  [ -L "$HOME/.bashrc" ]
  grep -qF 'setup-china-mirrors >>>' "$WORK/dotfiles/bashrc"
  bash "$SCM" --undo >/dev/null
  [ -L "$HOME/.bashrc" ]
  cmp "$WORK/home before/.bashrc" "$WORK/dotfiles/bashrc"
}

@test "mirrors: apply twice, undo twice: one block each, then the original files" {
  rm -f "$HOME/.bashrc"
  bash "$SCM" >/dev/null
  bash "$SCM" >/dev/null
  [ "$(grep -c 'setup-china-mirrors >>>' "$HOME/.bashrc")" -eq 1 ]
  [ "$(grep -c 'setup-china-mirrors >>>' "$HOME/.condarc")" -eq 2 ]
  run bash "$SCM" --undo
  assert_success
  run bash "$SCM" --undo
  assert_success
  [ ! -e "$HOME/.bashrc" ]
  rm -f "$WORK/home before/.bashrc"
  diff -r "$WORK/home before" "$HOME"
}

@test "mirrors: a .bashrc with a begin marker but no end marker is refused; no file is touched" {
  printf '\n# >>> setup-china-mirrors >>>\n. /old/env.sh\nexport PATH="$HOME/bin:$PATH"\nalias gs="git status"\n' >>"$HOME/.bashrc"
  cp -a "$HOME" "$WORK/home half-edited"
  run bash "$SCM"
  assert_failure 1
  assert_output --partial '.bashrc:3: begin marker with no end marker after it'
  assert_output --partial 'Nothing was changed'
  diff -r "$WORK/home half-edited" "$HOME"
  # --undo refuses the same way instead of cutting the lines after the marker
  mkdir -p "$HOME/.config/china-mirrors"
  run bash "$SCM" --undo
  assert_failure 1
  grep -qx 'alias gs="git status"' "$HOME/.bashrc"
}

@test "mirrors: when a block's end marker was deleted later, --undo refuses and names the untouched backup" {
  bash "$SCM" >/dev/null
  # someone deletes the end line by hand and adds their own lines below
  grep -vxF '# <<< setup-china-mirrors <<<' "$HOME/.bashrc" >"$WORK/edited"
  printf 'alias gs="git status"\n' >>"$WORK/edited"
  cat "$WORK/edited" >"$HOME/.bashrc"
  run bash "$SCM" --undo
  assert_failure 1
  assert_output --partial 'begin marker with no end marker after it'
  assert_output --partial "$HOME/.config/china-mirrors/backup"
  cmp "$WORK/edited" "$HOME/.bashrc"
  cmp "$WORK/home before/.bashrc" "$HOME/.config/china-mirrors/backup/bashrc"
}
