import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * JavaScript each page costs on the wire, on a cold cache, as the browser received it
 * (compressed: the server sends the brotli or gzip files the build made). The worksheet page
 * carries the editor and the monitoring page the charts; every other page must stay small.
 * Figures go to docs/performance.md.
 */
const KB = 1024;
/**
 * Pages that carry a heavy library get its weight on top; every other page has 100 KB. Each is
 * ~10 KB above the weight measured when it was set (docs/performance.md, "Page weight"); the
 * goals are 250 KB for the worksheet and 120 KB for other pages.
 */
const BUDGETS: Record<string, number> = {
	// Tiptap, ProseMirror, Yjs and the y-websocket client; the page's own template only.
	'/pairs/[id]/sheets/[key]': 250 * KB, // 241.9 KB with the header's bell and messages link
	// Chart.js (only the controllers the charts use); 152.5 KB with the check-in charts and the
	// time-per-phase table of issue #13.
	'/programs/[id]/monitoring': 160 * KB,
	// 124.0 KB with the path card and the concern card of issue #13 (108.6 KB before): over the
	// 120 KB goal, guarded here until it is back under (docs/performance.md: 66 scripts, each
	// with ~730 bytes of response headers).
	'/pairs/[id]': 130 * KB
};
const PAGE_BUDGET = 100 * KB;

async function scriptBytes(page: Page, path: string): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const scripts = new Set<string>();
	let bytes = 0;
	cdp.on('Network.responseReceived', (event) => {
		if (new URL(event.response.url).pathname.endsWith('.js')) scripts.add(event.requestId);
	});
	cdp.on('Network.loadingFinished', (event) => {
		if (scripts.has(event.requestId)) bytes += event.encodedDataLength;
	});
	await page.goto(path, { waitUntil: 'networkidle' });
	await cdp.detach();
	return bytes;
}

test('JavaScript goes out compressed', async ({ request }) => {
	const page = await request.get('/login');
	const script = /_app\/[^"'\s]+\.js/.exec(await page.text())?.[0];
	expect(script).toBeTruthy();
	const response = await request.get(`/${script}`, {
		headers: { 'accept-encoding': 'br, gzip' }
	});
	expect(response.headers()['content-encoding']).toMatch(/br|gzip/);
});

test('pages stay within their JavaScript budget on a cold cache', async ({ browser }) => {
	// The service worker would answer from its cache: a cold visit is measured without it.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const figures: Record<string, number> = {};
	figures['/login'] = await scriptBytes(page, '/login');
	await signIn(page, 'mentor1@example.org');
	await page.goto('/pairs');
	await page
		.getByRole('link')
		.filter({ hasText: /mentee|Mentee/ })
		.first()
		.click();
	await page.waitForURL(/\/pairs\/[0-9a-f-]{36}$/);
	const pairPath = new URL(page.url()).pathname;
	const sheetHref = await page.locator('a[href*="/sheets/"]').first().getAttribute('href');
	figures[pairPath.replace(/[0-9a-f-]{36}/, '[id]')] = await scriptBytes(page, pairPath);
	figures['/pairs/[id]/sheets/[key]'] = await scriptBytes(page, sheetHref!);
	figures['/programs'] = await scriptBytes(page, '/programs');
	await context.close();

	// The coordinator's monitoring page carries the charts.
	const coordinatorContext = await browser.newContext({ serviceWorkers: 'block' });
	const coordinator = await coordinatorContext.newPage();
	await signIn(coordinator, 'coordinator@example.org');
	await coordinator.goto('/programs');
	const programme = await coordinator
		.getByRole('link', { name: 'VM-PRO jongerenmentoring' })
		.first()
		.getAttribute('href');
	figures['/programs/[id]/monitoring'] = await scriptBytes(coordinator, `${programme}/monitoring`);
	await coordinatorContext.close();
	console.log(
		Object.entries(figures)
			.map(([path, bytes]) => `${path}: ${(bytes / 1024).toFixed(1)} KB`)
			.join('\n')
	);
	for (const [path, bytes] of Object.entries(figures)) {
		expect(bytes, path).toBeLessThanOrEqual(BUDGETS[path] ?? PAGE_BUDGET);
	}
});
