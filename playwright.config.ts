import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { APART_PORT, PORT } from './tests/e2e/ports';

// localhost and no ORIGIN: exactly how the README's first command runs the app.
export const BASE_URL = `http://localhost:${PORT}`;
const APART_URL = `http://localhost:${APART_PORT}`;

/**
 * Debian's `chromium-headless-shell`, the old headless shell Playwright itself runs headless tests
 * in: half the browser process's CPU of the full browser per page (measured: 5 against 10
 * hundredths of a second per navigation), on a run that keeps both cores busy. The full browser
 * when the shell is missing; `CHROMIUM_PATH` chooses another.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM =
	process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against
 * the production build (`node server.js`) on an embedded database with demo data. The global set-up
 * (tests/e2e/global-setup.ts) starts the server once on an empty data directory, keeps what it
 * made as the run's demo template, and starts the two servers below on copies of it.
 *
 * Two projects run side by side, one worker each, each on its own server and database:
 * - `flows`: the files that share the demo server, one after the other in file order (they
 *   change the demo data, so none may run beside another), and hostile-input (its own server);
 * - `apart`: the read-mostly visit of every page by every role (every-page), the files that
 *   start servers of their own (the development server, mail sinks, sessions, and the kill -9
 *   test: two clients type while their server is killed 20 times; it waits for positive signals
 *   only, so a busy machine slows it down instead of failing it), the files that change no demo
 *   data (budgets, security headers, the UI gallery) or only a sheet's text (keyboard), and
 *   matching-intake, which only reads.
 * The two take about as long: both cores are busy throughout, and the run waits for the longer.
 * Then `alone`: the test that measures time (an event loop that must answer within a second while
 * ten heavy views load), after both, with nothing else running.
 * (Playwright skips `alone` when a test before it failed; that run has failed already.)
 */
const APART =
	/(every-page|upgrade|account|notifications|reminder-mail|budget|keyboard|security-headers|ui-gallery|crash-recovery|matching-intake)\.e2e\.ts$/;
const ALONE = /monitoring-load\.e2e\.ts$/;
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 2,
	forbidOnly: true,
	retries: process.env.CI ? 1 : 0,
	// Two minutes: a test with two or three people in their own browsers took 20 s alone and over
	// 60 s in CI beside the other project (path.e2e, failing at its last step).
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON
		? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
		: [['list']],
	use: {
		// A trace of the retry only: recording every first attempt (`retain-on-failure`) took a
		// third more CPU in every-page (437 s against 300 s), on a machine the run keeps busy.
		trace: process.env.CI ? 'on-first-retry' : 'off',
		// As a person who asked their system for less motion: no chart animates for a second, no
		// dialog or toast fades (the coordinator's monitoring tab: 0.6 CPU-seconds less per visit).
		// monitoring.e2e.ts and ui-gallery.e2e.ts keep the motion, so it is exercised too.
		reducedMotion: 'reduce',
		launchOptions: {
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-dev-shm-usage',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				// Ignition and Sparkplug only: no optimising compilers in the pages. A test page lives
				// for a second or two, too short for Maglev's and TurboFan's compilations to pay off.
				// Measured on every-page alone (366 page visits with axe): the renderers' CPU 303 s with
				// both, 285 without TurboFan, 280 without Maglev, 219 without either (the wall 289 →
				// 235 s); also without Sparkplug 231. See docs/performance.md.
				'--js-flags=--no-opt --no-maglev'
			]
		}
	},
	projects: [
		{ name: 'flows', testIgnore: [APART, ALONE], workers: 1, use: { baseURL: BASE_URL } },
		{ name: 'apart', testMatch: APART, workers: 1, use: { baseURL: APART_URL } },
		{
			name: 'alone',
			testMatch: ALONE,
			dependencies: ['flows', 'apart'],
			workers: 1,
			use: { baseURL: BASE_URL }
		}
	],
	globalSetup: './tests/e2e/global-setup.ts'
});
