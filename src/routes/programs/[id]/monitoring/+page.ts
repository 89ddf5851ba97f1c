import type { PageLoad } from './$types';

/**
 * The server's data, plus the learning-community section's component for the programmes that
 * have one: a pairs programme's monitoring page never downloads it (its JavaScript budget,
 * tests/e2e/budget.e2e.ts). On the server the import is the same module, so the section is
 * rendered there too.
 */
export const load: PageLoad = async ({ data }) => ({
	...data,
	CommunityMonitoring: data.communities
		? (await import('./CommunityMonitoring.svelte')).default
		: null
});
