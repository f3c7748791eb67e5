#!/usr/bin/env bash
# Runs the W3C vc-data-model-2.0, vc-di-eddsa and vc-bitstring-status-list suites against
# the server setup.sh started, and prints passes / failures / pending per suite, then each
# failing test with its message. The suites are NOT part of this repository: clone them
# and install their npm dependencies first (docs/w3c-suites.md says how).
#
# Usage: scripts/w3c-suites/run.sh SUITES_DIR [WORK_DIR]
#   SUITES_DIR  holds vc-data-model-2.0-test-suite/, vc-di-eddsa-test-suite/ and
#               vc-bitstring-status-list-test-suite/ (each with node_modules installed)
#   WORK_DIR    what setup.sh was given (default /tmp/tsumiki-w3c); results go there as JSON
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
suites="${1:?usage: run.sh SUITES_DIR [WORK_DIR]}"
work="${2:-/tmp/tsumiki-w3c}"
# shellcheck disable=SC1091
. "$work/env"

for suite in vc-data-model-2.0-test-suite vc-di-eddsa-test-suite vc-bitstring-status-list-test-suite; do
  dir="$suites/$suite"
  [ -d "$dir/node_modules" ] || { echo "$dir: not installed (npm install)" >&2; exit 1; }
  cp "$here/localConfig.cjs" "$dir/localConfig.cjs"
  # The JSON reporter gives exact counts; `npm test` in the suite gives the W3C HTML report.
  # (to a file: some suites print diagnostics on standard output)
  (cd "$dir" && npx mocha tests/ --reporter json --reporter-option "output=$work/$suite.json" \
    --timeout 15000 --preserve-symlinks >"$work/$suite.log" 2>&1) || true
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.stats;
    console.log(`${process.argv[2]}: ${s.passes} passed, ${s.failures} failed, ` +
      `${s.pending} pending (of ${s.tests})`);
    for(const f of r.failures) {
      console.log(`  FAIL ${f.fullTitle}\n       ${(f.err.message || "").split("\n")[0].slice(0, 240)}`);
    }' "$work/$suite.json" "$suite"
done
