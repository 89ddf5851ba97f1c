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
# --- static checks, vitest and the build, side by side -----------------------------------------
# svelte-check and ESLint each keep one core busy; the Vitest projects leave about a third of the
# two cores idle towards the end. Side by side they fill it. Prettier only reads the files.
# The generated files (Paraglide's messages, .svelte-kit/) are written once before, so nothing
# rewrites a file another process is reading (Vitest's SvelteKit plugin writes its own copy in
# .svelte-kit/vitest: svelte.config.js).
# `npm run i18n` writes the messages as one module per language (what the Vite plugin does for the
# development server): Vitest imports 3 modules instead of about 2,000 in each worker. Vitest reads
# a copy of them (PARAGLIDE_TEST_DIR, vite.config.ts), because the production build rewrites
# src/lib/paraglide as one module per message, for its bundles. The build starts once the type
# check, ESLint and Prettier (which read src/lib/paraglide and .svelte-kit/) are done, at the lowest
# priority: it takes the core the end of the Vitest run and the timing projects leave idle
# (alone 44 s and 63 CPU-seconds, when it ran between the timing projects and Playwright).
note 'messages and SvelteKit types'
# Runs a static check in the background; its exit status lands in $out/<name>.status when it ends.
check_in_background() {
	local name=$1
	shift
	{
		"$@" >"$out/$name.log" 2>&1
		echo $? >"$out/$name.status"
	} &
}
# Waits for the named background checks' status files (a positive signal, not a time).
wait_for_checks() {
	local name
	for name in "$@"; do
		while [ ! -s "$out/$name.status" ]; do sleep 0.2; done
	done
}
check_in_background format npm run --silent format:check
npm run --silent i18n &
i18n_pid=$!
npx svelte-kit sync
wait "$i18n_pid"
cp -r src/lib/paraglide "$out/paraglide"
export PARAGLIDE_TEST_DIR="$out/paraglide"
note 'type check, lint, format, vitest (unit, integration on PGlite and PostgreSQL, then the tests that measure time) and build'
# The type check (`check:types`, as `npm run check` runs it) uses TypeScript 7's native compiler:
# alone 45 s and 63 CPU-seconds with TypeScript 6's, 16 s and 25 with it.
check_in_background check npm run --silent check:types
check_in_background lint npm run --silent lint
{
	wait_for_checks check lint format
	nice -n 19 npm run --silent build >"$out/build.log" 2>&1
	echo $? >"$out/build.status"
} &

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
# module one of them needs again is read from the cache instead of transformed again. Alone, one
# run each: transform 22.8 → 16.8 s summed, 298 → 284 CPU-seconds, the same 3,192 tests passing.
vitest_cache=(--experimental.fsModuleCache --experimental.fsModuleCachePath="$out/vitest-cache")
# At nice 5: the type check and ESLint, which the build waits for, end sooner (ESLint took 255 s
# beside Vitest at the same priority), and the build fills the cores the end of the Vitest run
# leaves idle. The tests that measure time (the `timing` projects, one file at a time on PGlite,
# then on PostgreSQL) come last in the same run (their `groupOrder`), beside the build at nice 19:
# their bounds hold on a busy machine (the fuzz test's worst lateness 52–121 ms, its bound 1 s).
# In a run of their own they waited about 12 s more for Vitest's start and their databases.
nice -n 5 npx vitest run --project unit --project integration --project integration-postgres \
	--project timing --project timing-postgres "${vitest_cache[@]}" \
	--reporter=default --reporter=json --outputFile="$out/vitest.json"
count_report "$out/vitest.json" $? vitest

wait_for_checks check lint format
gate 'type check (svelte-check)' bash -c "cat '$out/check.log'; exit $(cat "$out/check.status")"
gate 'lint (eslint)' bash -c "cat '$out/lint.log'; exit $(cat "$out/lint.status")"
gate 'format (prettier)' bash -c "cat '$out/format.log'; exit $(cat "$out/format.status")"

# --- end-to-end: production build in Debian's Chromium -----------------------------------------
note 'build (started after the static checks)'
wait_for_checks build
browser_ready=0
if [ -n "$browser_pid" ]; then wait "$browser_pid" || browser_ready=$?; fi
if [ "$browser_ready" -ne 0 ]; then
	fail "installing ${need_later[*]}"
elif [ "$(cat "$out/build.status")" = 0 ]; then
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
