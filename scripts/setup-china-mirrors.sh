#!/usr/bin/env bash
# ---
# title: China mirror setup
# purpose: Points pip, conda and Hugging Face downloads at mainland mirrors on a box behind the GFW, keeps model caches on the data disk, and can take every change back with --undo; running it twice changes nothing the second time.
# usage: setup-china-mirrors.sh [--undo]
# env:
#   HOME:
#     description: Home folder whose .bashrc and .condarc are managed.
#   XDG_CONFIG_HOME:
#     default: "$HOME/.config"
#     description: Where pip's user config (pip/pip.conf) and this script's state folder live.
#   DATA_DIR:
#     default: "/root/autodl-tmp"
#     description: Data disk; when it exists, model caches are placed on it.
#   HF_HOME:
#     default: "$DATA_DIR/huggingface"
#     description: Hugging Face cache folder written into the environment file.
#   PIP_MIRROR:
#     default: "https://pypi.tuna.tsinghua.edu.cn/simple"
#     description: PyPI index URL (Aliyun https://mirrors.aliyun.com/pypi/simple and USTC https://pypi.mirrors.ustc.edu.cn/simple also work).
#   CONDA_MIRROR:
#     default: "https://mirrors.tuna.tsinghua.edu.cn/anaconda"
#     description: Anaconda mirror root; pkgs/main, pkgs/r, pkgs/msys2 and the cloud channels hang off it.
#   HF_MIRROR:
#     default: "https://hf-mirror.com"
#     description: Value for HF_ENDPOINT; same repo ids as huggingface.co.
# gotchas: [U12, U7]
# principles: [7, 10]
# ---
#
# What it changes (and --undo reverts):
#   $XDG_CONFIG_HOME/pip/pip.conf   index-url in [global] is set; other settings in the file stay
#   ~/.condarc                      replaced by a mirror config (the earlier file is restored on --undo)
#   $XDG_CONFIG_HOME/china-mirrors/env.sh   new: HF_ENDPOINT, HF_HUB_ENABLE_HF_TRANSFER=0, cache paths,
#                                   and a no_proxy list that applies only while a proxy is exported
#   ~/.bashrc                       one marked block that sources env.sh in new shells
# The state folder $XDG_CONFIG_HOME/china-mirrors keeps the originals from the FIRST run; later runs never
# overwrite them, which is what makes repeated runs and --undo safe.
#
# Notes that bite:
#   - huggingface_hub reads HF_ENDPOINT when it is imported: export it before Python starts
#     (source env.sh, or open a new shell), never from inside a running notebook.
#   - hf_transfer stays off: it can hang without an error on unstable links.
#   - pytorch-nightly is not on the mirrors; install nightlies from the official channel only.
#   - no_proxy matters only once an overseas proxy is exported; then the domestic mirrors must bypass it.
# Run it (do not source it): it cannot change the shell that started it; it tells you what to source.
#
# Exit codes: 0 applied / undone | 2 bad usage.

if (return 0 2>/dev/null); then
  echo "setup-china-mirrors.sh: run it with bash instead of sourcing it; then source the env file it names" >&2
  return 2
fi

set -Eeuo pipefail

prog=${0##*/}

usage() {
  cat <<EOF
Usage: $prog [--undo]

Configure pip, conda and Hugging Face mirrors for a box in mainland China (idempotent).
  --undo   restore the files saved by the first run and remove everything this script added
Environment: PIP_MIRROR, CONDA_MIRROR, HF_MIRROR, DATA_DIR, HF_HOME, XDG_CONFIG_HOME.
EOF
}

bad_usage() {
  printf '%s: %s\nTry %s --help\n' "$prog" "$1" "$prog" >&2
  exit 2
}

undo=0
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  --undo) undo=1 ;;
  '') ;;
  *) bad_usage "unknown argument: $1" ;;
esac
(($# <= 1)) || bad_usage "takes at most one argument"

home=${HOME:?HOME must be set}
config_home=${XDG_CONFIG_HOME:-$home/.config}
state="$config_home/china-mirrors"
backup="$state/backup"
env_file="$state/env.sh"
pip_conf="$config_home/pip/pip.conf"
condarc="$home/.condarc"
bashrc="$home/.bashrc"
data_dir=${DATA_DIR:-/root/autodl-tmp}
pip_mirror=${PIP_MIRROR:-https://pypi.tuna.tsinghua.edu.cn/simple}
conda_mirror=${CONDA_MIRROR:-https://mirrors.tuna.tsinghua.edu.cn/anaconda}
conda_mirror=${conda_mirror%/}
hf_mirror=${HF_MIRROR:-https://hf-mirror.com}
begin_mark='# >>> setup-china-mirrors >>>'
end_mark='# <<< setup-china-mirrors <<<'

for url in "$pip_mirror" "$conda_mirror" "$hf_mirror"; do
  [[ $url =~ ^https?://[^[:space:]\'\"]+$ ]] || bad_usage "not a usable mirror URL: $url"
done

# --- backups: the first run records each file as it was; later runs keep that record ----------------
remember() { # remember FILE KEY
  local file=$1 key=$2
  mkdir -p -- "$backup"
  [[ -e $backup/$key.orig || -e $backup/$key.absent ]] && return 0
  if [[ -e $file ]]; then
    cp -p -- "$file" "$backup/$key.orig"
  else
    : >"$backup/$key.absent"
  fi
}

restore() { # restore FILE KEY
  local file=$1 key=$2
  if [[ -e $backup/$key.orig ]]; then
    cp -p -- "$backup/$key.orig" "$file"
    rm -f -- "$backup/$key.orig"
    echo "restored $file"
  elif [[ -e $backup/$key.absent ]]; then
    rm -f -- "$file" "$backup/$key.absent"
    echo "removed $file (it did not exist before)"
  fi
}

# write_if_changed FILE: replace FILE with stdin only when the content differs; says which happened.
write_if_changed() {
  local file=$1 new
  new=$(cat)
  if [[ -f $file ]] && [[ $(cat -- "$file") == "$new" ]]; then
    echo "unchanged: $file"
    return 0
  fi
  mkdir -p -- "$(dirname -- "$file")"
  printf '%s\n' "$new" >"$file.tmp.$$"
  mv -f -- "$file.tmp.$$" "$file"
  echo "wrote:     $file"
}

# Print FILE with index-url set in its [global] section (section added when missing).
pip_with_index() {
  local file=$1
  { [[ -f $file ]] && cat -- "$file"; true; } | awk -v url="$pip_mirror" '
    function flush_global() { if (in_global && !done) { print "index-url = " url; done = 1 } }
    /^[[:space:]]*\[/ {
      flush_global()
      in_global = ($0 ~ /^[[:space:]]*\[global\][[:space:]]*$/)
      print; next
    }
    in_global && /^[[:space:]]*index[-_]url[[:space:]]*=/ { next }
    { print }
    END {
      flush_global()
      if (!done) { if (NR > 0) print ""; print "[global]"; print "index-url = " url }
    }'
}

strip_block() { # print FILE without the marked block
  awk -v b="$begin_mark" -v e="$end_mark" '$0 == b { skip = 1; next } $0 == e { skip = 0; next } !skip' "$1"
}

if ((undo)); then
  if [[ ! -d $state ]]; then
    echo "nothing to undo: $state does not exist"
    exit 0
  fi
  restore "$pip_conf" pip.conf
  restore "$condarc" condarc
  if [[ -f $bashrc ]] && grep -qxF -- "$begin_mark" "$bashrc"; then
    if [[ -e $backup/bashrc.absent ]]; then
      rm -f -- "$bashrc" "$backup/bashrc.absent"
      echo "removed $bashrc (it did not exist before)"
    else
      strip_block "$bashrc" >"$bashrc.tmp.$$"
      if [[ -e $backup/bashrc.newline ]]; then
        # the apply step added a newline before the block; take it back off
        head -c -1 -- "$bashrc.tmp.$$" >"$bashrc.tmp2.$$" && mv -f -- "$bashrc.tmp2.$$" "$bashrc.tmp.$$"
      fi
      cat -- "$bashrc.tmp.$$" >"$bashrc" && rm -f -- "$bashrc.tmp.$$"
      echo "removed the marked block from $bashrc"
    fi
  fi
  rm -rf -- "$state"
  echo "undone. Open a new shell, or: unset HF_ENDPOINT HF_HUB_ENABLE_HF_TRANSFER HF_HOME HF_HUB_CACHE MODELSCOPE_CACHE"
  exit 0
fi

# --- apply --------------------------------------------------------------------------------------
remember "$pip_conf" pip.conf
remember "$condarc" condarc
[[ -e $bashrc ]] || { [[ -e $backup/bashrc.absent || -e $backup/bashrc.orig ]] || : >"$backup/bashrc.absent"; }

pip_with_index "$pip_conf" | write_if_changed "$pip_conf"

write_if_changed "$condarc" <<EOF
# Written by setup-china-mirrors.sh; "setup-china-mirrors.sh --undo" puts the previous file back.
# pytorch-nightly is left out on purpose: the mirrors do not carry it.
channels:
  - defaults
show_channel_urls: true
default_channels:
  - $conda_mirror/pkgs/main
  - $conda_mirror/pkgs/r
  - $conda_mirror/pkgs/msys2
custom_channels:
  conda-forge: $conda_mirror/cloud
  pytorch: $conda_mirror/cloud
EOF

cache_lines=''
if [[ -n ${HF_HOME:-} ]]; then
  cache_lines="export HF_HOME=$(printf '%q' "$HF_HOME")"
elif [[ -d $data_dir ]]; then
  cache_lines="export HF_HOME=$(printf '%q' "$data_dir/huggingface")"
fi
if [[ -n $cache_lines ]]; then
  # shellcheck disable=SC2016  # the text is for env.sh, where $HF_HOME expands when sourced
  cache_lines+=$'\n''export HF_HUB_CACHE="$HF_HOME/hub"'
fi
if [[ -d $data_dir ]]; then
  cache_lines+=$'\n'"export MODELSCOPE_CACHE=$(printf '%q' "$data_dir/modelscope")"
fi
[[ -n $cache_lines ]] || cache_lines='# no data disk found: caches stay in their default place (set DATA_DIR or HF_HOME and re-run)'

write_if_changed "$env_file" <<EOF
# Written by setup-china-mirrors.sh; removed by --undo. Source it before starting Python.
export HF_ENDPOINT=$(printf '%q' "$hf_mirror")
export HF_HUB_ENABLE_HF_TRANSFER=0
$cache_lines
# Only while an overseas proxy is exported: let the domestic mirrors bypass it.
if env | grep -qiE '^https?_proxy='; then
  no_proxy="127.0.0.1,localhost,.tuna.tsinghua.edu.cn,.aliyun.com,.aliyuncs.com,.ustc.edu.cn,.modelscope.cn,.hf-mirror.com"
  export no_proxy
  export NO_PROXY="\$no_proxy"
fi
EOF

if [[ -f $bashrc ]] && grep -qxF -- "$begin_mark" "$bashrc"; then
  echo "unchanged: $bashrc"
else
  if [[ -s $bashrc && $(tail -c 1 -- "$bashrc" | od -An -c | tr -d ' ') != '\n' ]]; then
    printf '\n' >>"$bashrc"
    : >"$backup/bashrc.newline"
  fi
  {
    printf '%s\n' "$begin_mark"
    printf '[ -f %q ] && . %q\n' "$env_file" "$env_file"
    printf '%s\n' "$end_mark"
  } >>"$bashrc"
  echo "wrote:     $bashrc (marked block)"
fi

echo "done. For this shell run:  source $(printf '%q' "$env_file")"
echo "check:  pip config list; conda config --show channels; python -c 'import huggingface_hub.constants as c; print(c.ENDPOINT)'"
