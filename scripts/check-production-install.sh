#!/bin/sh
# A production install from a fresh clone, as README's "Production install" says (issue 17, item 7):
# build once with the development packages, reinstall with `npm ci --omit=dev`, then the server answers
# (compressed) and the compiled command line works, with no tsx, vite or svelte installed.
#   sh scripts/check-production-install.sh [PORT]     (NPM_FLAGS=--offline to install from npm's cache)
# Exits 0 when every step worked; works in a temporary folder, removed at the end.
set -eu
port=${1:-4325}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/chiso-prod-XXXXXX")
server=''
cleanup() {
	# npm runs the server as its grandchild: the whole process group goes.
	[ -n "$server" ] && kill -- "-$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "clone $root (committed state)"
git clone -q "$root" "$work/chiso"
cd "$work/chiso"
step 'npm ci, npm run build'
npm ci --no-audit --no-fund ${NPM_FLAGS:-} >/dev/null
npm run -s build >/dev/null
step 'rm -rf node_modules && npm ci --omit=dev'
rm -rf node_modules
npm ci --omit=dev --no-audit --no-fund ${NPM_FLAGS:-} >/dev/null
for dev in tsx vite svelte @sveltejs/kit esbuild; do
	if [ -e "node_modules/$dev" ]; then echo "development package $dev is installed" >&2; exit 1; fi
done

step 'chiso info (compiled command line, builds the database from the shipped data)'
export CHISO_DB="$work/chiso.duckdb"
npm run -s chiso -- info | head -5

step "npm run serve on port $port"
PORT=$port HOST=127.0.0.1 setsid npm run -s serve >"$work/server.log" 2>&1 &
server=$!
tries=0
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
	tries=$((tries + 1))
	if [ $tries -gt 120 ] || ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
	sleep 1
done
encoding=$(curl -s -o /dev/null -H 'accept-encoding: br, gzip' -w '%header{content-encoding}' "http://127.0.0.1:$port/pci")
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/pci")
echo "/pci: $status, content-encoding $encoding"
[ "$status" = 200 ] && [ "$encoding" = br ]
kill -- "-$server"
wait "$server" 2>/dev/null || true
server=''
echo 'production install: ok'
