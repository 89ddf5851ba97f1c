import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The page sweep (every-page.e2e.ts) gets a server of its own, 100 ports up. */
const SWEEP_PORT = Number(process.env.E2E_SWEEP_PORT ?? PORT + 100);
// localhost and no ORIGIN: exactly how the README's first command runs the app.
export const BASE_URL = `http://localhost:${PORT}`;
const SWEEP_URL = `http://localhost:${SWEEP_PORT}`;

/** The production server on a fresh embedded database with demo data. */
function server(port: number, dataDir: string) {
	return {
		command: `rm -rf ${dataDir} && node server.js`,
		url: `http://localhost:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore' as const,
		stderr: 'pipe' as const,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DEMO_DATA: 'true',
			LOG_LEVEL: 'warn',
			// The component gallery at /dev/ui, for tests/e2e/ui-gallery.e2e.ts.
			UI_GALLERY: 'true'
		}
	};
}

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against
 * the production build (`node server.js`) on a fresh embedded database with demo data.
 *
 * Two projects run side by side, one worker each: `flows` (every file but the sweep, in file
 * order, because they share the demo data and build on each other's changes) and `sweep` (the
 * read-mostly visit of every page by every role, on its own server and database, so nothing the
 * flows change can reach it). The sweep is mostly waiting for axe and the server, so it overlaps
 * the flows well on two cores.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 2,
	forbidOnly: true,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON
		? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
		: [['list']],
	use: {
		trace: process.env.CI ? 'retain-on-failure' : 'off',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-dev-shm-usage',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [
		{
			name: 'flows',
			testIgnore: /every-page\.e2e\.ts$/,
			workers: 1,
			use: { baseURL: BASE_URL }
		},
		{
			name: 'sweep',
			testMatch: /every-page\.e2e\.ts$/,
			workers: 1,
			use: { baseURL: SWEEP_URL }
		}
	],
	webServer: [server(PORT, 'data-e2e'), server(SWEEP_PORT, 'data-e2e-sweep')]
});
