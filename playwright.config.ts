import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
// localhost and no ORIGIN: exactly how the README's first command runs the app.
export const BASE_URL = `http://localhost:${PORT}`;

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against
 * the production build (`node server.js`) on a fresh embedded database with demo data.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON
		? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
		: [['list']],
	use: {
		baseURL: BASE_URL,
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
	webServer: {
		command: 'rm -rf data-e2e && node server.js',
		url: `${BASE_URL}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: 'data-e2e',
			DEMO_DATA: 'true',
			LOG_LEVEL: 'warn',
			// The component gallery at /dev/ui, for tests/e2e/ui-gallery.e2e.ts.
			UI_GALLERY: 'true'
		}
	}
});
