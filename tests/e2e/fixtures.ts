import { test as base } from '@playwright/test';

export * from '@playwright/test';

/**
 * Playwright's `test`, which also closes at the end of each test the browser contexts the test
 * opened with `browser.newContext()` (each person in these tests has one). Playwright closes the
 * contexts of its own `context` and `page` fixtures, not those: they stayed open until the worker
 * ended, every page with its live socket, timers and service worker, and the pages of a server a
 * file had stopped kept reconnecting to it. A context a test closes itself is left as it is.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
	closeOpenedContexts: [
		async ({ browser }, use) => {
			const before = new Set(browser.contexts());
			await use();
			const opened = browser.contexts().filter((context) => !before.has(context));
			await Promise.all(opened.map((context) => context.close()));
		},
		{ auto: true }
	]
});
