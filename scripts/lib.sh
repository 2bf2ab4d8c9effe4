# Shared helpers for scripts/*. Sourced, not run.
step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }
# Emscripten's JS optimizer needs Debian's node modules (the machine's node is not Debian's).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
