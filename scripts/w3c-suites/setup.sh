#!/usr/bin/env bash
# Prepares a `tsumiki serve` over HTTPS on 127.0.0.1 for the W3C test suites
# (vc-data-model-2.0, vc-di-eddsa, vc-bitstring-status-list): a fresh data directory, a
# self-signed certificate for 127.0.0.1 and localhost, a did:key issuer (the eddsa suite
# resolves keys offline only for did:key) and an API token, all made through the ordinary
# set-up link and admin pages, as an operator would. Then it prints the environment the
# suites' localConfig.cjs (scripts/w3c-suites/localConfig.cjs) reads, and leaves the
# server running.
#
# Usage: scripts/w3c-suites/setup.sh [WORK_DIR] [PORT]
#   WORK_DIR  default /tmp/tsumiki-w3c (wiped first: it holds only what this script made)
#   PORT      default 40443
# Environment: TSUMIKI (the binary, default target/release/tsumiki).
# Needs: openssl, curl. Writes WORK_DIR/env (source it), WORK_DIR/server.pid, WORK_DIR/serve.log.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/tsumiki-w3c}"
port="${2:-40443}"
tsumiki="${TSUMIKI:-$repo/target/release/tsumiki}"
base="https://127.0.0.1:$port"

[ -x "$tsumiki" ] || { echo "no tsumiki binary at $tsumiki (cargo build --release -p tsumiki)" >&2; exit 1; }
# The server an earlier run of this script started (and only that one) is stopped first.
if [ -f "$work/server.pid" ] && kill -0 "$(cat "$work/server.pid")" 2>/dev/null; then
  old="$(cat "$work/server.pid")"
  kill "$old"
  for _ in $(seq 1 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.2; done
fi
rm -rf "$work"
mkdir -p "$work/data"

# 1. A self-signed certificate for the loopback names. Node trusts it via NODE_EXTRA_CA_CERTS.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 \
  -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# 2. The server, in English so the set-up link line can be read back.
LANG=C LC_ALL=C "$tsumiki" serve --listen "127.0.0.1:$port" --data "$work/data" \
  --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" >"$work/serve.log" 2>&1 &
echo $! >"$work/server.pid"

setup_url=""
for _ in $(seq 1 100); do
  # Fluent wraps arguments in U+2068/U+2069 isolation marks; drop them.
  setup_url="$(sed 's/\xe2\x81\xa8//g; s/\xe2\x81\xa9//g' "$work/serve.log" |
    grep -o 'https://[^ ]*/setup/[^ ]*' || true)"
  [ -n "$setup_url" ] && break
  kill -0 "$(cat "$work/server.pid")" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$setup_url" ] || { echo "no set-up link in $work/serve.log" >&2; exit 1; }

jar="$work/cookies.txt"
http() { curl -sS --cacert "$work/cert.pem" -b "$jar" -c "$jar" "$@"; }
csrf_of() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

# 3. The administrator, through the one-time set-up link (logs the session in).
csrf="$(http "$setup_url" | csrf_of)"
password="w3c-suites-$(openssl rand -hex 12)"
http -o /dev/null -w '%{http_code}' "$setup_url" \
  --data-urlencode "csrf_token=$csrf" --data-urlencode "email=w3c@example.test" \
  --data-urlencode "display_name=W3C suites" --data-urlencode "password=$password" \
  --data-urlencode "password_confirm=$password" | grep -q '^303$' ||
  { echo "set-up form refused" >&2; exit 1; }

# 4. A did:key issuer.
csrf="$(http "$base/admin/issuers" | csrf_of)"
http -o /dev/null -w '%{http_code}' "$base/admin/issuers" \
  --data-urlencode "csrf_token=$csrf" --data-urlencode "slug=w3c-suites" \
  --data-urlencode "name_ja=W3C テストスイート" --data-urlencode "name_en=W3C test suites" \
  --data-urlencode "url=https://127.0.0.1:$port/" --data-urlencode "kind=did:key" |
  grep -q '^303$' || { echo "issuer form refused" >&2; exit 1; }
issuer="$(http "$base/admin/issuers" | grep -o 'did:key:z[1-9A-HJ-NP-Za-km-z]*' | head -1)"
[ -n "$issuer" ] || { echo "no did:key issuer on /admin/issuers" >&2; exit 1; }

# 5. An API token of the administrator (issuing and status changes need one).
page="$(http "$base/admin/tokens")"
csrf="$(printf '%s' "$page" | csrf_of)"
user_id="$(printf '%s' "$page" | grep -o '<option value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
token="$(http "$base/admin/tokens" --data-urlencode "csrf_token=$csrf" \
  --data-urlencode "user_id=$user_id" --data-urlencode "label=w3c-suites" |
  grep -o '<code class="secret" id="new-token">[^<]*' | sed 's/.*>//')"
[ -n "$token" ] || { echo "no token on /admin/tokens" >&2; exit 1; }

cat >"$work/env" <<ENV
export TSUMIKI_W3C_BASE_URL='$base'
export TSUMIKI_W3C_ISSUER='$issuer'
export TSUMIKI_W3C_TOKEN='$token'
export NODE_EXTRA_CA_CERTS='$work/cert.pem'
ENV
cat "$work/env"
echo "# server pid $(cat "$work/server.pid") (stop: kill \$(cat $work/server.pid)); log $work/serve.log"
echo "# config: cp $here/localConfig.cjs <suite>/localConfig.cjs; . $work/env; npm test"
