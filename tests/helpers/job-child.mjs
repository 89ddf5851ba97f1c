// A job runner in its own process, for the kill -9 test: Vite compiles the TypeScript (the
// `$lib` alias included) and the runner runs against DATABASE_URL until it is killed.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vite = await createServer({
	root,
	configFile: false,
	logLevel: 'silent',
	resolve: { alias: { $lib: `${root}/src/lib` } },
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	appType: 'custom',
	optimizeDeps: { noDiscovery: true, include: [] }
});
const { startChild } = await vite.ssrLoadModule('/tests/helpers/job-child-main.ts');
await startChild();
