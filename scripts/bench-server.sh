#!/usr/bin/env bash
# Measures the platform on loopback and prints one JSON line per measurement, each with the
# server's resident memory idle, after the load and at its peak:
#   1. POST /credentials/verify of testdata/examples/badge-signed.json (did:key, no status);
#   2. POST /credentials/verify of a credential the server issued (--demo): did:web key and both
#      status lists checked, as for every credential a provider issues;
#   3. GET of that credential's public page /c/{id} (HTML, full verification per view).
# Usage: scripts/bench-server.sh [SECONDS] [CONCURRENCY]   (builds the release binary first)
# Uses only this repository: testdata/examples/badge-signed.json is the verified document.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-10}"
CONCURRENCY="${2:-32}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

cargo build --release --locked -q -p tsumiki
BIN="$TARGET_DIR/release/tsumiki"

work="$(mktemp -d)"
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$BIN" serve --demo --listen "127.0.0.1:$port" --data "$work/data" > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "http://127.0.0.1:$port" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
sleep 2 # let the server settle before reading its idle memory

python3 - "$work/body.json" <<'PY'
import json, sys
credential = json.load(open("testdata/examples/badge-signed.json"))
json.dump({"verifiableCredential": credential}, open(sys.argv[1], "w"))
PY

"$BIN" bench-http --url "http://127.0.0.1:$port/credentials/verify" --body "$work/body.json" \
  --concurrency "$CONCURRENCY" --seconds "$SECONDS_PER_RUN" --server-pid "$server_pid"

# A demo credential that is active (the first printed one is).
page="$(grep -o "http://127.0.0.1:$port/c/[0-9a-f-]*" "$work/serve.log" | head -n 1)"
python3 - "$page.json" "$work/issued.json" <<'PY'
import json, sys, urllib.request
credential = json.load(urllib.request.urlopen(sys.argv[1]))
json.dump({"verifiableCredential": credential}, open(sys.argv[2], "w"))
PY
"$BIN" bench-http --url "http://127.0.0.1:$port/credentials/verify" --body "$work/issued.json" \
  --concurrency "$CONCURRENCY" --seconds "$SECONDS_PER_RUN" --server-pid "$server_pid"
"$BIN" bench-http --url "${page}" \
  --concurrency "$CONCURRENCY" --seconds "$SECONDS_PER_RUN" --server-pid "$server_pid"
