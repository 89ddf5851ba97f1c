// A job runner in its own process, for the kill -9 test: Vite compiles the TypeScript (the
// `$lib` alias included) and the runner runs against DATABASE_URL until it is killed.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { paraglideTestCopy } from './paraglide-test-copy.js';

// Without a trailing slash, so `$lib` resolves to the path the messages' plugin looks for.
const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const vite = await createServer({
	root,
	configFile: false,
	logLevel: 'silent',
	resolve: { alias: { $lib: `${root}/src/lib` } },
	// The messages as Vitest reads them: the build may be rewriting src/lib/paraglide meanwhile.
	plugins: [paraglideTestCopy(process.env.PARAGLIDE_TEST_DIR)],
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	appType: 'custom',
	optimizeDeps: { noDiscovery: true, include: [] }
});
const { startChild } = await vite.ssrLoadModule('/tests/helpers/job-child-main.ts');
await startChild();
