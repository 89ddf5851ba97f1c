import { expect, type BrowserContext, type Page, type Response } from '@playwright/test';

export const DEMO_PASSWORD = 'mentorpad-demo';

/**
 * Signs in through the login form's action, as the form posts it, and opens the home page where
 * everyone lands. The login page itself is not loaded: foundation.e2e.ts and account.e2e.ts sign
 * in on it, and every test loading it again cost a page load and its hydration per person.
 * From then on the page's `goto` also waits until an HTML page has hydrated: a click that comes
 * earlier reaches the server-rendered form (a confirmation trigger submits without asking, a
 * composer posts without its script), which a person on a slow phone could also hit but which
 * makes a test race its own page. A context without JavaScript never hydrates: pass
 * `{ javaScript: false }`.
 */
export async function signIn(
	page: Page,
	email: string,
	password = DEMO_PASSWORD,
	{ javaScript = true }: { javaScript?: boolean } = {}
) {
	if (javaScript) waitForHydrationOnGoto(page);
	// The session cookie lands in the page's browser context. Hashing the password takes a while
	// on a busy machine.
	const response = await page.request.post('/login', {
		form: { email, password },
		headers: { origin: new URL(await baseUrlOf(page)).origin, accept: 'text/html' },
		maxRedirects: 0,
		timeout: 30_000
	});
	expect(response.status(), `sign-in of ${email}`).toBe(303);
	expect(response.headers()['location'], `sign-in of ${email}`).toBe('/');
	await page.goto('/');
	await expect(page).toHaveURL((url) => url.pathname === '/');
	if (javaScript) await hydrated(page);
}

/** The origin relative paths resolve against: the page's own, or the project's `baseURL`. */
async function baseUrlOf(page: Page): Promise<string> {
	if (page.url().startsWith('http')) return page.url();
	const response = await page.request.get('/healthz');
	return response.url();
}

/**
 * Collects every Content-Security-Policy violation in the context's pages: the
 * `securitypolicyviolation` event and the console error Chromium logs for it. The returned array
 * fills as the pages run; a test asserts it stays empty.
 */
export async function watchCsp(context: BrowserContext): Promise<string[]> {
	const seen: string[] = [];
	await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
		seen.push(text);
	});
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { __reportCspViolation(text: string): void })
				.__reportCspViolation;
			report(
				`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`
			);
		});
	});
	context.on('console', (message) => {
		if (/content security policy/i.test(message.text())) seen.push(message.text());
	});
	return seen;
}

/** Waits until the page has hydrated (the root layout sets html[data-hydrated] on mount). */
export async function hydrated(page: Page): Promise<void> {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/**
 * Opens `path` (same origin) the way following a link in the app does: SvelteKit's router loads
 * the page's data and renders it into the document that is already open, without loading a new
 * document, its ~80 modules and hydrating it again. On this machine that took a third of a full
 * page load's CPU (0.20 against 0.65 CPU-seconds per visit of a person's pages). Resolves when the
 * new page has rendered: the root layout's `afterNavigate` changed html[data-navigations], or a
 * full load (the router's fallback) has hydrated. For what a page load proves (server rendering,
 * hydration, a reload reading stored state), use `page.goto`.
 */
export async function followLink(page: Page, path: string): Promise<void> {
	const before = await page.evaluate((href) => {
		const count = document.documentElement.dataset.navigations ?? '';
		const link = document.createElement('a');
		link.href = href;
		document.body.append(link);
		link.click();
		link.remove();
		return { count, origin: performance.timeOrigin };
	}, path);
	await page.waitForFunction(
		({ count, origin }) =>
			document.documentElement.dataset.hydrated === 'true' &&
			(performance.timeOrigin !== origin || document.documentElement.dataset.navigations !== count),
		before
	);
}

/**
 * Opens `path` as a person in the app would: by following a link (`followLink`) when the open page
 * is a hydrated app page of the same origin at another address; otherwise, on a fresh page, on
 * the address already open (to read it again) or on a page that never hydrates, with `page.goto`.
 * For what only a page load proves (the server's response, a reload reading stored state), call
 * `page.goto` directly.
 */
export async function visit(page: Page, path: string): Promise<void> {
	if (page.url().startsWith('http')) {
		const here = new URL(page.url());
		const there = new URL(path, here);
		const sameAddress = there.pathname === here.pathname && there.search === here.search;
		if (there.origin === here.origin && !sameAddress) {
			const live = await page.evaluate(() => document.documentElement.dataset.hydrated === 'true');
			if (live) return followLink(page, path);
		}
	}
	await page.goto(path);
}

const patched = new WeakSet<Page>();

/**
 * Makes `page.goto` and `page.reload` resolve only once an HTML response has hydrated (see
 * `signIn`): a click before hydration reaches the server-rendered markup, where a button that
 * opens a dialog does nothing yet.
 */
export function waitForHydrationOnGoto(page: Page): void {
	if (patched.has(page)) return;
	patched.add(page);
	const settle = async (response: Response | null) => {
		const html = response?.headers()['content-type']?.startsWith('text/html') ?? false;
		if (html && response?.ok()) await hydrated(page);
		return response;
	};
	const goto = page.goto.bind(page);
	page.goto = async (url, options) => settle(await goto(url, options));
	const reload = page.reload.bind(page);
	page.reload = async (options) => settle(await reload(options));
}
