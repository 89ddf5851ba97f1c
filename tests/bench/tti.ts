/**
 * `npm run bench:tti -- [--runs 5] [--cpu 4]`: time to interactive of the worksheet page on a
 * throttled profile (issue #15): Chromium with 4× CPU slowdown and DevTools' "Fast 3G" network
 * (562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up, each × 0.9 as DevTools applies it).
 *
 * Needs `npm run build`. Starts the production server on a fresh embedded database with demo
 * data, signs the demo mentor in (unthrottled), then opens PS1 of their pair `runs` times on a
 * cold cache and `runs` times on a warm one, and prints per run and as medians:
 * - `ttfb`: the HTML's first byte;
 * - `fcp`: first contentful paint;
 * - `hydrated`: the app has hydrated (`html[data-hydrated]`): links, buttons and forms work;
 * - `editable`: the first rich-text field accepts typing and the document is in sync with the
 *   server (the status says "synced"): the worksheet is usable for co-editing;
 * - `js`: compressed JavaScript transferred.
 * The last line is the result as JSON. Loopback only. Started by `tti.mjs` (bundle.mjs); the
 * server is the e2e suite's `ServerProcess`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright';
import { freePort, ServerProcess } from '../e2e/server-process';

const { values: args } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		cpu: { type: 'string', default: '4' }
	}
});
const RUNS = Number(args.runs);
const CPU = Number(args.cpu);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) throw new Error('--runs: 1 to 50');
if (!(CPU >= 1 && CPU <= 20)) throw new Error('--cpu: 1 to 20');

const FAST_3G = {
	offline: false,
	latency: 562.5,
	downloadThroughput: ((1.44 * 1000 * 1000) / 8) * 0.9,
	uploadThroughput: ((675 * 1000) / 8) * 0.9
};
const PASSWORD = 'mentorpad-demo';

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface Milestones {
	hydrated?: number;
	editable?: number;
}
declare global {
	interface Window {
		__milestones?: Milestones;
	}
}

interface Run {
	ttfb: number;
	fcp: number;
	hydrated: number;
	editable: number;
	js: number;
}

/** Records, in the page, when the app hydrated and when the first editor was usable and synced. */
function recordMilestones() {
	const marks: Milestones = {};
	window.__milestones = marks;
	const check = () => {
		if (!marks.hydrated && document.documentElement.hasAttribute('data-hydrated'))
			marks.hydrated = performance.now();
		if (
			!marks.editable &&
			document.querySelector('.ProseMirror[contenteditable="true"]') &&
			document.querySelector('.connection .dot.online')
		)
			marks.editable = performance.now();
		if (marks.hydrated && marks.editable) observer.disconnect();
	};
	const observer = new MutationObserver(check);
	observer.observe(document, { subtree: true, childList: true, attributes: true });
}

async function measure(context: BrowserContext, url: string): Promise<Run> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', FAST_3G);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
	await page.addInitScript(recordMilestones);
	await page.goto(url);
	await page.waitForFunction(
		() => window.__milestones?.editable && window.__milestones?.hydrated,
		null,
		{
			timeout: 180_000,
			polling: 100
		}
	);
	const result = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const fcp = performance.getEntriesByName('first-contentful-paint')[0];
		const js = performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
			.reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).transferSize, 0);
		return {
			ttfb: nav.responseStart,
			fcp: fcp?.startTime ?? NaN,
			hydrated: window.__milestones?.hydrated ?? NaN,
			editable: window.__milestones?.editable ?? NaN,
			js
		};
	});
	await page.close();
	return result;
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-tti-'));
const server = new ServerProcess({ port, dataDir });
await server.start(120_000);
const origin = `http://localhost:${port}`;
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-dev-shm-usage']
});
try {
	const signedIn = await browser.newContext({ baseURL: origin, serviceWorkers: 'block' });
	const page = await signedIn.newPage();
	await page.goto('/login');
	await page.locator('input[type=email]').fill('mentor1@example.org');
	await page.locator('input[type=password]').fill(PASSWORD);
	await page.locator('form button[type=submit]').first().click();
	await page.waitForURL((url) => url.pathname === '/', { timeout: 60_000 });
	await page.goto('/pairs');
	const pair = await page
		.locator('main a')
		.evaluateAll((links) =>
			links.map((a) => (a as HTMLAnchorElement).href).find((h) => /\/pairs\/[0-9a-f-]{36}$/.test(h))
		);
	if (!pair) throw new Error('the demo mentor has no pair');
	const url = `${new URL(pair).pathname}/sheets/PS1`;
	const state = await signedIn.storageState();
	await signedIn.close();

	const runs: Record<'cold' | 'warm', Run[]> = { cold: [], warm: [] };
	for (let i = 0; i < RUNS; i++) {
		// Cold: a new context each time, so nothing is cached.
		const cold = await browser.newContext({
			baseURL: origin,
			storageState: state,
			serviceWorkers: 'block'
		});
		runs.cold.push(await measure(cold, url));
		// Warm: the same context again, its HTTP cache filled by the cold visit.
		runs.warm.push(await measure(cold, url));
		await cold.close();
	}
	const round = (ms: number) => Math.round(ms);
	for (const [kind, list] of Object.entries(runs))
		for (const [i, r] of list.entries())
			console.log(
				`${kind} #${i + 1}: ttfb ${round(r.ttfb)} ms, fcp ${round(r.fcp)} ms, hydrated ${round(r.hydrated)} ms, editable ${round(r.editable)} ms, js ${(r.js / 1024).toFixed(1)} KB`
			);
	const summary = Object.fromEntries(
		Object.entries(runs).map(([kind, list]) => [
			kind,
			Object.fromEntries(
				(['ttfb', 'fcp', 'hydrated', 'editable', 'js'] as const).map((key) => [
					key,
					round(median(list.map((r) => r[key])))
				])
			)
		])
	);
	console.log(
		JSON.stringify({
			page: '/pairs/[id]/sheets/PS1',
			cpuSlowdown: CPU,
			network: 'Fast 3G',
			runs: RUNS,
			median: summary
		})
	);
} finally {
	await browser.close();
	await server.stop();
	rmSync(dataDir, { recursive: true, force: true });
}
