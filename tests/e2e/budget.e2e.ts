import { expect, test, type Page } from './fixtures';
import { signIn } from './helpers';

/**
 * JavaScript each page costs on the wire, on a cold cache, as the browser received it
 * (compressed: the server sends the brotli or gzip files the build made). The worksheet page
 * carries the editor and the monitoring page the charts; every other page must stay small.
 *
 * The budget counts the compressed JavaScript itself (Resource Timing's `encodedBodySize`), which
 * is what issue #10's goals are about: 250 KB for the worksheet, 120 KB for any other page. The
 * transfer size adds ~730 bytes of response headers per script (the security headers every
 * response carries, over HTTP/1.1 without header compression); it is printed beside the body and
 * recorded in docs/performance.md, and guarded more loosely so a burst of new chunks shows up.
 * Figures go to docs/performance.md.
 */
const KB = 1024;
/** Goals of issue #10 for the JavaScript itself. */
const BUDGETS: Record<string, number> = {
	// Tiptap, ProseMirror, Yjs and the y-websocket client; the page's own template only.
	'/pairs/[id]/sheets/[key]': 250 * KB
};
const PAGE_BUDGET = 120 * KB;
/** Headers included, on HTTP/1.1: the budget plus 64 headers of ~730 bytes. */
const TRANSFER_ALLOWANCE = 64 * 730;

interface Weight {
	/** Compressed JavaScript bytes. */
	body: number;
	/** The same with each response's headers, as counted by the browser's network layer. */
	transfer: number;
	scripts: number;
	/** Scripts the page's Resource Timing saw: must be every one the network layer saw. */
	timed: number;
}

async function scriptBytes(page: Page, path: string): Promise<Weight> {
	// Nothing of the previous page may still be loading while this one is counted.
	await page.goto('about:blank');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const scripts = new Set<string>();
	let transfer = 0;
	cdp.on('Network.responseReceived', (event) => {
		if (new URL(event.response.url).pathname.endsWith('.js')) scripts.add(event.requestId);
	});
	cdp.on('Network.loadingFinished', (event) => {
		if (scripts.has(event.requestId)) transfer += event.encodedDataLength;
	});
	await page.goto(path, { waitUntil: 'networkidle' });
	await cdp.detach();
	const bodies = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
			.map((entry) => (entry as PerformanceResourceTiming).encodedBodySize)
	);
	return {
		body: bodies.reduce((sum, size) => sum + size, 0),
		transfer,
		scripts: scripts.size,
		timed: bodies.length
	};
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
	const figures: Record<string, Weight> = {};
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
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	console.log(
		Object.entries(figures)
			.map(
				([path, w]) =>
					`${path}: ${kb(w.body)} of JavaScript, ${kb(w.transfer)} with headers, ${w.scripts} scripts`
			)
			.join('\n')
	);
	for (const [path, weight] of Object.entries(figures)) {
		const budget = BUDGETS[path] ?? PAGE_BUDGET;
		// Every script the network saw was timed by the page too: nothing escapes the count.
		expect(weight.timed, path).toBe(weight.scripts);
		expect(weight.body, path).toBeLessThanOrEqual(budget);
		expect(weight.transfer, `${path} with headers`).toBeLessThanOrEqual(
			budget + TRANSFER_ALLOWANCE
		);
	}
});
