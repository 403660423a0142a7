#!/usr/bin/env bash
# otc used as a person would, in a real terminal (tmux, 120 x 50): help, completion in bash
# (operations, body flags, flags at an array index), a table listing from a local server, a dry
# run. The screen is compared with transcript.txt beside this script (CI runs it after the
# tests); `--update` writes it instead.
#
# Usage: run.sh <path to the otc binary> [--update]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
otc=$(realpath "$1")
update=${2:-}
command -v tmux >/dev/null || { echo "tmux is missing (apt-get install tmux)"; exit 1; }

work=$(mktemp -d)
socket="otc-transcript-$$"
server_pid=""
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  # A process of the session may still be writing into the folder as it ends.
  for _ in 1 2 3 4 5; do
    rm -rf "$work" 2>/dev/null && return 0
    sleep 0.2
  done
  rm -rf "$work" || true
}
trap cleanup EXIT

# The listing's server: a static file where the VPC list is, on a free loopback port.
project=0123456789abcdef0123456789abcdef
mkdir -p "$work/bin" "$work/api/v1/$project"
ln -s "$otc" "$work/bin/otc"
cat >"$work/api/v1/$project/vpcs" <<'JSON'
{"vpcs": [
  {"id": "13551d6b-755d-4757-b956-536f674975c0", "name": "default", "cidr": "172.16.0.0/16", "status": "OK", "routes": []},
  {"id": "3ec3b33f-ac1c-4630-ad1c-7dba1ed79d85", "name": "web", "cidr": "192.168.0.0/16", "status": "OK", "routes": []}
]}
JSON
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/api" "$port" >/dev/null 2>&1 &
server_pid=$!

cat >"$work/bashrc" <<RC
PS1='$ '
unset HISTFILE
export PATH="$work/bin:\$PATH" OS_TOKEN=demo-token OS_PROJECT_ID=$project OS_REGION_NAME=eu-de
eval "\$(otc completion bash)"
RC

tmux -L "$socket" -f /dev/null new-session -d -x 120 -y 50 "env -i HOME=$work TERM=xterm PATH=/usr/bin:/bin bash --noprofile --rcfile $work/bashrc -i"
tmux -L "$socket" set-option -g history-limit 5000 >/dev/null
type_line() {
  tmux -L "$socket" send-keys -l "$1"
  sleep 0.5
}
press() {
  tmux -L "$socket" send-keys "$@"
  sleep 1
}
# Enter, then wait (up to 20 s on a busy machine) until the prompt is back on the last line.
run_line() {
  type_line "$1"
  tmux -L "$socket" send-keys Enter
  for _ in $(seq 1 40); do
    sleep 0.5
    last=$(tmux -L "$socket" capture-pane -p | sed -e '/^$/d' | tail -1)
    [ "$last" = '$' ] && return 0
  done
  echo "the command did not finish: $1"
  exit 1
}
sleep 1
# The server answers before the listing is typed.
for _ in $(seq 1 40); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.5
done
run_line "otc vpc create-vpc --help | head -9"
type_line "otc vpc create-v"; press Tab; press Tab; press Tab; press C-u
type_line "otc vpc create-vpc --vpc."; press Tab; press Tab; press C-u
type_line "otc ecs create-ecs-instances --server.nics.1."; press Tab; press Tab; press C-u
run_line "otc vpc list-vpcs -o table -c id -c name -c cidr --endpoint http://127.0.0.1:$port"
run_line "otc vpc create-vpc --vpc.name web --vpc.cidr 10.0.0.0/16 --dry-run"
screen=$(tmux -L "$socket" capture-pane -p -S - | sed -e "s/127\.0\.0\.1:$port/127.0.0.1:PORT/g" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')
if [ "$update" = "--update" ]; then
  printf '%s\n' "$screen" >"$here/transcript.txt"
  echo "wrote $here/transcript.txt"
  exit 0
fi
if ! diff -u "$here/transcript.txt" <(printf '%s\n' "$screen"); then
  echo "the terminal session differs from $here/transcript.txt (run.sh <otc> --update after checking it)"
  exit 1
fi
echo "terminal session: as in $here/transcript.txt"
