/**
 * `npm run bench:monitoring -- [options]`: bundles monitoring-scale.ts with Vite (as bench.mjs
 * does, so `$lib`, `import.meta.glob` and `?raw` resolve like the app build) and runs it.
 * See monitoring-scale.ts for the options.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = fileURLToPath(
	new URL('../../node_modules/.cache/mentorpad-monitoring-bench', import.meta.url)
);

await build({
	configFile: false,
	root,
	logLevel: 'warn',
	resolve: { alias: { $lib: `${root}src/lib` } },
	build: {
		ssr: true,
		outDir,
		emptyOutDir: true,
		minify: false,
		target: 'node20',
		rollupOptions: {
			input: { 'monitoring-scale': `${root}tests/bench/monitoring-scale.ts` },
			output: { format: 'esm', entryFileNames: '[name].js' }
		}
	}
});

const child = spawn(process.execPath, [`${outDir}/monitoring-scale.js`, ...process.argv.slice(2)], {
	stdio: 'inherit'
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
