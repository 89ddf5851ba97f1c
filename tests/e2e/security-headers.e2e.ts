import { expect, test, type APIResponse } from './fixtures';
import { signIn, watchCsp } from './helpers';

/** The headers every response carries, whoever produced it (page, endpoint, error, static file). */
function expectSecurityHeaders(response: APIResponse, what: string) {
	const headers = response.headers();
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
	expect(headers['permissions-policy'], what).toMatch(
		/camera=\(\).*geolocation=\(\).*microphone=\(\)/
	);
	expect(headers['x-frame-options'], what).toBe('DENY');
	expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
	// Served over plain http: no HSTS.
	expect(headers['strict-transport-security'], what).toBeUndefined();
	return headers;
}

test('pages carry a nonce-based policy that allows the WebSocket of their own host', async ({
	request,
	baseURL
}) => {
	const page = await request.get('/login');
	expect(page.status()).toBe(200);
	const csp = expectSecurityHeaders(page, 'page')['content-security-policy'];
	const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
	expect(nonce, csp).toBeTruthy();
	expect(await page.text()).toContain(`nonce="${nonce}"`);
	expect(csp).toContain(`connect-src 'self' ${baseURL!.replace('http', 'ws')}`);
	expect(csp).toContain("worker-src 'self'");
	expect(csp).toContain("object-src 'none'");
	// Another response, another nonce.
	const again = (await request.get('/login')).headers()['content-security-policy'];
	expect(again).not.toBe(csp);
});

test('endpoints, errors and static files carry the headers too', async ({ request, baseURL }) => {
	expectSecurityHeaders(await request.get('/healthz'), '/healthz');

	const missing = await request.get('/no-such-page');
	expect(missing.status()).toBe(404);
	expectSecurityHeaders(missing, '404 page');

	// An error SvelteKit answers inside the app (405), and one it answers before the app's
	// hooks run (a cross-site form post, refused by its CSRF check).
	const wrongMethod = await request.get('/locale');
	expect(wrongMethod.status()).toBe(405);
	expectSecurityHeaders(wrongMethod, '405');
	const crossSite = await request.post('/login', {
		form: { email: 'x@example.org', password: 'x' },
		headers: { origin: 'http://evil.example' }
	});
	expect(crossSite.status()).toBe(403);
	expectSecurityHeaders(crossSite, 'CSRF 403');

	const html = await (await request.get('/login')).text();
	const script = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
	expect(script).toBeTruthy();
	const immutable = await request.get(script!);
	expectSecurityHeaders(immutable, 'immutable script');
	// A hashed build file never changes: no validators (they only cost bytes on every script).
	expect(immutable.headers()['cache-control']).toContain('immutable');
	expect(immutable.headers()['etag']).toBeUndefined();
	expect(immutable.headers()['last-modified']).toBeUndefined();
	expectSecurityHeaders(await request.get('/favicon.svg'), 'static file');
	const worker = await request.get('/service-worker.js');
	expect(worker.status()).toBe(200);
	// The worker runs under its script's policy: its fetches to this origin must stay allowed.
	expect(expectSecurityHeaders(worker, 'service worker')['content-security-policy']).toContain(
		"default-src 'self'"
	);
	expect(baseURL).toBeTruthy();
});

test('a CSV download carries the headers, and the monitoring charts draw without CSP violations', async ({
	browser
}) => {
	const context = await browser.newContext();
	const violations = await watchCsp(context);
	const page = await context.newPage();
	await signIn(page, 'coordinator@example.org');
	await page.getByRole('link', { name: 'VM-PRO jongerenmentoring' }).click();
	// On the home page another test's programme "Monitoring zonder koppels" is a link too.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('VM-PRO jongerenmentoring');
	await page.getByRole('link', { name: 'Monitoring', exact: true }).click();
	// The monitoring queries and Chart.js's chunk can take a while on a busy machine.
	await expect(page.locator('canvas[role="img"]').first()).toBeVisible({ timeout: 30_000 });
	const href = await page
		.getByRole('link', { name: /^CSV downloaden: / })
		.first()
		.getAttribute('href');
	const csv = await page.request.get(href!);
	expect(csv.status()).toBe(200);
	expectSecurityHeaders(csv, 'CSV');
	expect(violations).toEqual([]);
	await context.close();
});
