#!/usr/bin/env bash
# The one test command (README's second command; `.ci/run` calls it). Installs what the tests
# need from the system package manager when missing, runs every check and suite, and ends with
# one line `N passed, N failed` totalled over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# What failed, by name, repeated just before the closing line: a CI log often keeps only its end.
failures=()

started=$SECONDS
# Each stage's heading says how long the run has taken so far: the README states the total.
note() { printf '\n==> %s (at %dm%02ds)\n' "$*" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }

# --- system packages the tests need ------------------------------------------------------------
# Installed in the background while the messages, the types and the static checks start: first
# PostgreSQL and Redis, which Vitest waits for (the integration tests need them), then the
# browser, the largest, which Playwright waits for.
need_now=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${PG_BIN:-}" ] || need_now+=(postgresql)
command -v redis-server >/dev/null || [ -n "${REDIS_SERVER_BIN:-}" ] || need_now+=(redis-server)
need_later=()
# Playwright runs Debian's old headless shell (playwright.config.ts), or CHROMIUM_PATH.
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}" ] || need_later+=(chromium-headless-shell)
# apt-get as root, or through sudo; status 2 where neither can.
apt_get() {
	command -v apt-get >/dev/null || return 2
	if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get "$@"
	elif command -v sudo >/dev/null; then sudo DEBIAN_FRONTEND=noninteractive apt-get "$@"
	else return 2
	fi
}
apt_install() {
	apt_get install -y -qq "$@" >/dev/null && return 0
	echo "The tests need: $*. Install them with your package manager (Debian/Ubuntu: sudo apt-get install -y $*)." >&2
	return 1
}
# One apt-get at a time (they share dpkg's lock). The first installation's status lands in a
# file Vitest's start waits for; the background job's own status is the browser's.
now_status="$out/packages-now.status"
browser_pid=
if [ ${#need_now[@]} -gt 0 ] || [ ${#need_later[@]} -gt 0 ]; then
	note "installing ${need_now[*]} ${need_later[*]} (in the background)"
	{
		apt_get update -qq
		status=0
		[ ${#need_now[@]} -gt 0 ] && { apt_install "${need_now[@]}" || status=$?; }
		echo "$status" >"$now_status"
		[ ${#need_later[@]} -eq 0 ] || apt_install "${need_later[@]}"
	} &
	browser_pid=$!
else
	echo 0 >"$now_status"
fi
# Waits until PostgreSQL and Redis are installed (a positive signal: the status file); ends the
# run when they could not be.
packages_now_ready() {
	while [ ! -s "$now_status" ]; do sleep 0.2; done
	[ "$(cat "$now_status")" = 0 ] && return 0
	kill $(jobs -p) 2>/dev/null
	echo "0 passed, 1 failed"
	exit 1
}

# --- static checks: each counts as one test ----------------------------------------------------
fail() {
	failed=$((failed + 1))
	failures+=("$1")
	echo "FAILED: $1" >&2
}
gate() {
	local name=$1
	shift
	note "$name"
	if "$@"; then passed=$((passed + 1)); else fail "$name"; fi
}
# --- static checks and vitest, side by side ----------------------------------------------------
# svelte-check and ESLint each keep one core busy; the Vitest projects leave about a third of the
# two cores idle towards the end. Side by side they fill it. Prettier only reads the files.
# The generated files (Paraglide's messages, .svelte-kit/) are written once before, so nothing
# rewrites a file another process is reading (Vitest's SvelteKit plugin writes its own copy in
# .svelte-kit/vitest: svelte.config.js); the build comes after all three (it writes .svelte-kit/
# again). Then the timing projects alone, then Playwright, which fills both cores.
# `npm run i18n` writes the messages as one module per language (what the Vite plugin does for the
# development server; the production build writes one module per message again, for its bundles):
# Vitest imports 3 modules instead of about 2,000 in each worker.
note 'messages and SvelteKit types'
npm run --silent format:check >"$out/format.log" 2>&1 &
format_pid=$!
npm run --silent i18n &
i18n_pid=$!
npx svelte-kit sync
wait "$i18n_pid"
note 'type check, lint, format and vitest (unit, integration on PGlite and PostgreSQL), side by side'
# The type check (`check:types`, as `npm run check` runs it) uses TypeScript 7's native compiler:
# alone 45 s and 63 CPU-seconds with TypeScript 6's, 16 s and 25 with it.
npm run --silent check:types >"$out/check.log" 2>&1 &
check_pid=$!
npm run --silent lint >"$out/lint.log" 2>&1 &
lint_pid=$!

# Adds a Vitest or Playwright JSON report to the totals and its failed tests to the list. A failed
# run with no failed test (or no report) still counts as one failure.
count_report() {
	local report=$1 status=$2 name=$3 p=0 f=0 line
	if [ -s "$report" ]; then
		{
			read -r p f
			while IFS= read -r line; do failures+=("$line"); done
		} < <(node scripts/test-report.mjs "$report")
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$status" -ne 0 ] && [ "$f" -eq 0 ] && fail "$name (exit $status)"
	else
		fail "$name (no report)"
	fi
}

packages_now_ready
# Vitest keeps what it transformed in this run's own cache directory (empty at the start, so
# nothing from an earlier tree can be read back): each project has its own Vite server, and a
# module one of them (or the timing run after them) needs again is read from the cache instead
# of transformed again. Alone, one run each: transform 22.8 → 16.8 s summed, 298 → 284
# CPU-seconds, the same 3,192 tests passing.
vitest_cache=(--experimental.fsModuleCache --experimental.fsModuleCachePath="$out/vitest-cache")
npx vitest run --project unit --project integration --project integration-postgres "${vitest_cache[@]}" \
	--reporter=default --reporter=json --outputFile="$out/vitest.json"
count_report "$out/vitest.json" $? vitest

wait "$check_pid"
check_status=$?
wait "$lint_pid"
lint_status=$?
wait "$format_pid"
format_status=$?
gate 'type check (svelte-check)' bash -c "cat '$out/check.log'; exit $check_status"
gate 'lint (eslint)' bash -c "cat '$out/lint.log'; exit $lint_status"
gate 'format (prettier)' bash -c "cat '$out/format.log'; exit $format_status"

note 'vitest: the tests that measure time, one file at a time (PGlite, then PostgreSQL)'
npx vitest run --project timing --project timing-postgres "${vitest_cache[@]}" \
	--reporter=default --reporter=json \
	--outputFile="$out/vitest-timing.json"
count_report "$out/vitest-timing.json" $? 'vitest (timing)'

# --- end-to-end: production build in Debian's Chromium -----------------------------------------
note 'build'
browser_ready=0
if [ -n "$browser_pid" ]; then wait "$browser_pid" || browser_ready=$?; fi
if [ "$browser_ready" -ne 0 ]; then
	fail "installing ${need_later[*]}"
elif npm run --silent build >"$out/build.log" 2>&1; then
	note 'playwright (end-to-end)'
	PLAYWRIGHT_JSON="$out/e2e.json" npx playwright test
	count_report "$out/e2e.json" $? playwright
else
	cat "$out/build.log" >&2
	fail build
fi

note "done"
if [ ${#failures[@]} -gt 0 ]; then
	echo
	echo "Failed:"
	printf '  %s\n' "${failures[@]}"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
