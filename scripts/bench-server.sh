#!/usr/bin/env bash
# Measures the running platform on loopback and prints one JSON line per measurement:
#   1. POST /credentials/verify under a closed-loop load (throughput, latency percentiles),
#      with the server's resident memory idle, after the load and at its peak;
#   2. the same for GET /status/{id} (a published status list, the hottest public URL).
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
"$BIN" serve --listen "127.0.0.1:$port" --data "$work/data" > "$work/serve.log" 2>&1 &
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
