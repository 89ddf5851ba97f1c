import { describe, expect, it } from 'vitest';
import config from '../../../svelte.config.js';

describe('svelte.config.js under Vitest', () => {
	it("generates SvelteKit's files apart from the ones svelte-check reads beside it", () => {
		// The test command runs svelte-check while Vitest runs; Vitest's plugin rewrites every route's
		// $types.d.ts when a test imports server code. In .svelte-kit/ itself that made svelte-check
		// miss the root route's types once (6 errors in CI).
		expect(process.env.VITEST).toBeTruthy();
		expect(config.kit?.outDir).toBe('.svelte-kit/vitest');
	});
});
