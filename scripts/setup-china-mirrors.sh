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
# promises:
#   - "Every change sits between two marker lines, and --undo takes out only those blocks, so lines added later survive and a second run changes nothing."
#   - "Before its first change to an existing file, a copy of that file is kept in the state folder; --undo deletes the copy only after the file is back as it was."
#   - "A setting it displaces (an index-url, a channels list) is kept inside its block and comes back with --undo."
# refuses:
#   - "It will not edit a file whose marker lines do not pair, such as a begin line with no end line after it; apply and --undo both stop before changing any file and name the line to fix."
#   - "It will not run when sourced, because it cannot change the calling shell; it says which file to source instead."
# gotchas: [U12, U7]
# principles: [7, 10]
# ---
#
# What it changes (and --undo takes back), always as blocks between two marker lines:
#   $XDG_CONFIG_HOME/pip/pip.conf   a block in [global] sets index-url; an index-url it displaces is kept
#                                   inside the block as a "# was: " line and put back by --undo
#   ~/.condarc                      a block at the end sets the mirror channels; top-level keys it displaces
#                                   (channels, default_channels, ...) are kept as "# was: " lines in place
#   $XDG_CONFIG_HOME/china-mirrors/env.sh   new: HF_ENDPOINT, HF_HUB_ENABLE_HF_TRANSFER=0, cache paths,
#                                   and a no_proxy list that applies only while a proxy is exported
#   ~/.bashrc                       one marked block that sources env.sh in new shells
# --undo removes the marked blocks only, so lines added later (conda init, your own edits) survive. A file
# is deleted only when this script created it and nothing but its block was ever in it. Edits happen on
# the link target (a symlinked ~/.bashrc stays a link) and keep the file's mode and owner.
# A file that ended without a newline gets one before the block; --undo takes it off again while the
# file still ends with the same line.
# A file whose markers do not pair (a begin line with no end line after it, an end line with no begin, a
# begin inside a block) is never edited: everything after a lone begin line would be taken for our block
# and lost. Both apply and --undo then stop before touching any file and name the line to fix.
# Before its first change to an existing file, the file is copied to $XDG_CONFIG_HOME/china-mirrors/backup/;
# that copy is removed once --undo has put the file back, and named whenever --undo cannot.
#
# Notes that bite:
#   - huggingface_hub reads HF_ENDPOINT when it is imported: export it before Python starts
#     (source env.sh, or open a new shell), never from inside a running notebook.
#   - hf_transfer stays off: it can hang without an error on unstable links.
#   - pytorch-nightly is not on the mirrors; install nightlies from the official channel only.
#   - no_proxy matters only once an overseas proxy is exported; then the domestic mirrors must bypass it.
# Run it (do not source it): it cannot change the shell that started it; it tells you what to source.
#
# Exit codes: 0 applied / undone | 1 refused: a file's markers do not pair; nothing was changed
#             2 bad usage.

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
  --undo   remove the marked blocks and the files this script created, nothing else
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

# --- state: which files this script created, and which ended without a newline ------------------
mark_created() { # mark_created KEY FILE: note that FILE is about to be created by us (first time only)
  mkdir -p -- "$state/created"
  [[ -e $2 || -L $2 ]] || : >"$state/created/$1"
}

# check_markers FILE: true when every begin line of FILE is followed by an end line before the next begin,
# and no end line stands alone. Otherwise prints the line to fix.
check_markers() {
  [[ -f $1 ]] || return 0
  awk -v b="$begin_mark" -v e="$end_mark" '
    $0 == b && open { printf "%s:%d: begin marker inside the block opened on line %d\n", FILENAME, NR, open; bad = 1; exit }
    $0 == b { open = NR; next }
    $0 == e && !open { printf "%s:%d: end marker without a begin marker before it\n", FILENAME, NR; bad = 1; exit }
    $0 == e { open = 0 }
    END {
      if (!bad && open) { printf "%s:%d: begin marker with no end marker after it\n", FILENAME, open; bad = 1 }
      exit bad
    }' "$1" >&2
}

# refuse_unpaired: stop before any change when a managed file holds markers that do not pair.
refuse_unpaired() {
  local file bad=0
  for file in "$pip_conf" "$condarc" "$bashrc"; do
    check_markers "$file" || bad=1
  done
  ((bad == 0)) && return 0
  printf '%s: the marker lines above do not pair, so the end of this script'"'"'s block cannot be told apart from your own lines.\n' "$prog" >&2
  printf 'Nothing was changed. Add or remove the marker line by hand, then run again.\n' >&2
  if compgen -G "$state/backup/*" >/dev/null; then
    printf 'Copies of the files from before the first apply are in %s\n' "$state/backup" >&2
  fi
  exit 1
}

# keep_backup KEY FILE: before the first change to an existing FILE, keep a copy of it.
keep_backup() {
  [[ -f $2 && ! -e $state/backup/$1 ]] || return 0
  mkdir -p -- "$state/backup"
  cp -p -- "$2" "$state/backup/$1"
}

# Print FILE with every marked block taken out; "# was: " lines inside a block come back as they were.
strip_blocks() {
  [[ -f $1 ]] || return 0
  awk -v b="$begin_mark" -v e="$end_mark" '
    $0 == b { inside = 1; next }
    $0 == e { inside = 0; next }
    inside { if (substr($0, 1, 7) == "# was: ") print substr($0, 8); next }
    { print }' "$1"
}

# put KEY FILE NEW: make FILE hold the content of the file NEW. Writes the link target, keeps mode and
# owner, and replaces it atomically (a temp file beside the target, then rename).
put() {
  local key=$1 file=$2 new=$3 target dir tmp
  target=$(readlink -f -- "$file") || target=$file
  if [[ -f $target ]] && cmp -s -- "$new" "$target"; then
    echo "unchanged: $file"
    return 0
  fi
  dir=$(dirname -- "$target")
  mkdir -p -- "$dir"
  tmp=$(mktemp "$dir/.${target##*/}.china-mirrors.XXXXXX")
  cat -- "$new" >"$tmp"
  if [[ -e $target ]]; then
    chmod --reference="$target" -- "$tmp"
    chown --reference="$target" -- "$tmp" 2>/dev/null || true
  else
    chmod "$(printf '%o' $((0666 & ~8#$(umask))))" -- "$tmp"
  fi
  mv -f -- "$tmp" "$target"
  echo "wrote:     $file"
  : "$key"
}

# ends_bare FILE: true when FILE is non-empty and its last byte is not a newline.
ends_bare() { [[ -s $1 && $(tail -c 1 -- "$1" | od -An -tx1 | tr -d ' \n') != 0a ]]; }

# apply_to KEY FILE TRANSFORM: strip our old blocks, run TRANSFORM on the rest, write the result.
apply_to() {
  local key=$1 file=$2 transform=$3 base out
  base=$(mktemp) out=$(mktemp)
  strip_blocks "$file" >"$base"
  if [[ -f $file ]] && ends_bare "$file" && [[ ! -e $state/bare/$key ]]; then
    mkdir -p -- "$state/bare"
    tail -n 1 -- "$file" >"$state/bare/$key" # the last line, to recognise it on --undo
  fi
  mark_created "$key" "$file"
  "$transform" <"$base" >"$out"
  cmp -s -- "$out" "$file" || keep_backup "$key" "$file"
  put "$key" "$file" "$out"
  rm -f -- "$base" "$out"
}

undo_from() { # undo_from KEY FILE
  local key=$1 file=$2 out last
  if [[ ! -f $file ]] || ! grep -qxF -- "$begin_mark" "$file"; then
    rm -f -- "$state/created/$key" "$state/bare/$key" "$state/backup/$key"
    return 0
  fi
  out=$(mktemp)
  strip_blocks "$file" >"$out"
  if [[ -e $state/bare/$key && -s $out ]]; then
    last=$(tail -n 1 -- "$out")
    if [[ $last == "$(cat -- "$state/bare/$key")" ]]; then
      head -c -1 -- "$out" >"$out.cut" && mv -f -- "$out.cut" "$out"
    fi
  fi
  if [[ -e $state/created/$key && ! -s $out ]]; then
    rm -f -- "$file"
    echo "removed $file (this script created it and only its block was in it)"
  else
    put "$key" "$file" "$out" >/dev/null
    echo "removed the marked block from $file"
  fi
  rm -f -- "$out" "$state/created/$key" "$state/bare/$key" "$state/backup/$key"
}

# --- transforms: stdin is the file without our blocks, stdout the file with them ----------------
pip_transform() {
  awk -v url="$pip_mirror" -v b="$begin_mark" -v e="$end_mark" '
    /^[[:space:]]*\[/ { in_global = ($0 ~ /^[[:space:]]*\[global\][[:space:]]*$/) }
    in_global && /^[[:space:]]*index[-_]url[[:space:]]*=/ { print b; print "# was: " $0; print e; next }
    { print }
    in_global && /^[[:space:]]*\[/ && !done { print b; print "index-url = " url; print e; done = 1 }
    END { if (!done) { print b; if (NR > 0) print ""; print "[global]"; print "index-url = " url; print e } }'
}

condarc_transform() {
  awk -v b="$begin_mark" -v e="$end_mark" -v m="$conda_mirror" '
    function close_was() { if (was) { print e; was = 0 } }
    was && (/^[[:space:]]/ || /^-/) { print "# was: " $0; next }
    { close_was() }
    /^(channels|show_channel_urls|default_channels|custom_channels)[[:space:]]*:/ {
      print b; print "# was: " $0; was = 1; next
    }
    { print }
    END {
      close_was()
      print b
      print "# pytorch-nightly is left out on purpose: the mirrors do not carry it."
      print "channels:"; print "  - defaults"
      print "show_channel_urls: true"
      print "default_channels:"
      print "  - " m "/pkgs/main"; print "  - " m "/pkgs/r"; print "  - " m "/pkgs/msys2"
      print "custom_channels:"
      print "  conda-forge: " m "/cloud"; print "  pytorch: " m "/cloud"
      print e
    }'
}

bashrc_transform() {
  cat
  printf '%s\n' "$begin_mark"
  printf '[ -f %q ] && . %q\n' "$env_file" "$env_file"
  printf '%s\n' "$end_mark"
}

if ((undo)); then
  if [[ ! -d $state ]]; then
    echo "nothing to undo: $state does not exist"
    exit 0
  fi
  refuse_unpaired
  undo_from pip.conf "$pip_conf"
  undo_from condarc "$condarc"
  undo_from bashrc "$bashrc"
  rm -f -- "$env_file"
  rmdir -- "$state/created" "$state/bare" "$state/backup" 2>/dev/null || true
  rmdir -- "$state" 2>/dev/null || echo "kept $state: it holds files this script did not write"
  echo "undone. Open a new shell, or: unset HF_ENDPOINT HF_HUB_ENABLE_HF_TRANSFER HF_HOME HF_HUB_CACHE MODELSCOPE_CACHE"
  exit 0
fi

# --- apply --------------------------------------------------------------------------------------
refuse_unpaired
mkdir -p -- "$state"
apply_to pip.conf "$pip_conf" pip_transform
apply_to condarc "$condarc" condarc_transform
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

env_new=$(mktemp)
cat >"$env_new" <<EOF
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
put env.sh "$env_file" "$env_new"
rm -f -- "$env_new"
apply_to bashrc "$bashrc" bashrc_transform

echo "done. For this shell run:  source $(printf '%q' "$env_file")"
echo "check:  pip config list; conda config --show channels; python -c 'import huggingface_hub.constants as c; print(c.ENDPOINT)'"
