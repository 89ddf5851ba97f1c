import { describe, expect, it } from 'vitest';
import { withoutModulePreloads } from '$lib/server/link-header';

const page = (link: string | null) =>
	new Response('<html></html>', { headers: link ? { link, 'content-type': 'text/html' } : {} });

describe('the Link header of a page', () => {
	it('keeps stylesheet and font preloads and drops the module preloads', () => {
		const link = [
			'<./_app/immutable/assets/Button.css>; rel="preload"; as="style"; nopush',
			'<./_app/immutable/entry/start.js>; rel="modulepreload"; nopush',
			'<./_app/immutable/chunks/a.js>; rel="modulepreload"; nopush',
			'<./fonts/inter.woff2>; rel="preload"; as="font"; type="font/woff2"; crossorigin; nopush'
		].join(', ');
		expect(withoutModulePreloads(page(link)).headers.get('link')).toBe(
			'<./_app/immutable/assets/Button.css>; rel="preload"; as="style"; nopush, <./fonts/inter.woff2>; rel="preload"; as="font"; type="font/woff2"; crossorigin; nopush'
		);
	});

	it('removes the header when only module preloads were in it, and leaves other responses', () => {
		expect(
			withoutModulePreloads(page('<./a.js>; rel="modulepreload"; nopush')).headers.has('link')
		).toBe(false);
		expect(withoutModulePreloads(page(null)).headers.has('link')).toBe(false);
	});
});
