import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		alias: { $paraglide: 'src/lib/paraglide' },
		// Vitest's SvelteKit plugin regenerates the route types when a test imports server code,
		// rewriting each $types.d.ts in place. The test command runs svelte-check beside Vitest, and
		// it once read the root route's file while that happened (`Cannot find module './$types'`):
		// Vitest writes its own copy instead.
		outDir: process.env.VITEST ? '.svelte-kit/vitest' : '.svelte-kit',
		csrf: { trustedOrigins: [] },
		// The service worker keeps workspaces usable offline: the workspace pages register it
		// (`keepPageForOffline`), so a person who never opens one runs no worker at all.
		serviceWorker: { register: false },
		// The server resolves routes: the client does not download a table of all ~140 pages and
		// their imports up front (7.7 KB of brotli on every first visit); a link is resolved when
		// it is hovered or tapped (SvelteKit preloads on hover), one small request per new route.
		router: { resolution: 'server' },
		// Scripts only from this origin, plus SvelteKit's own inline start-up script through a
		// per-response nonce ('auto': nonces for rendered pages, hashes for prerendered ones).
		// hooks.server.ts adds the WebSocket (ws:/wss: of the page's own host) to connect-src, and
		// the headers that are not about content; responses that are not pages get a stricter
		// fallback policy there.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Inline styles are needed and harmless enough: Svelte renders `style:` directives and
				// app.html's wrapper as style attributes, Tiptap injects its stylesheet, and the
				// collaboration carets set style attributes. A nonce here would switch off
				// 'unsafe-inline', and attributes cannot carry one.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
