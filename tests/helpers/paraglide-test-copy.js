import { resolve } from 'node:path';

/**
 * A Vite plugin that reads the compiled messages from `dir`, a copy of `npm run i18n`'s output,
 * instead of src/lib/paraglide: the test command sets PARAGLIDE_TEST_DIR, because the production
 * build, which rewrites src/lib/paraglide (one module per message, for its bundles), runs beside
 * the tests. Used by Vitest (vite.config.ts) and by the Vite server of the job runner's child
 * process (job-child.mjs). Nothing without `dir`.
 * @param {string | undefined} dir
 * @returns {import('vite').Plugin | null}
 */
export function paraglideTestCopy(dir) {
	if (!dir) return null;
	const generated = resolve('src/lib/paraglide') + '/';
	return {
		name: 'mentorpad:paraglide-test-copy',
		enforce: 'pre',
		resolveId(id, importer) {
			if (!id.startsWith(generated)) return null;
			return this.resolve(resolve(dir, id.slice(generated.length)), importer, { skipSelf: true });
		}
	};
}
