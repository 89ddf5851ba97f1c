/**
 * `npm run bench -- [options]`: bundles the TypeScript benchmark with Vite (already a dev
 * dependency: it resolves `$lib`, `import.meta.glob` and `?raw` the way the app build does) into
 * `node_modules/.cache/mentorpad-bench/`, then runs it with the given options.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = fileURLToPath(new URL('../../node_modules/.cache/mentorpad-bench', import.meta.url));
const entries = ['run', 'server-process', 'load-worker'];

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
			input: Object.fromEntries(entries.map((name) => [name, `${root}tests/bench/${name}.ts`])),
			output: { format: 'esm', entryFileNames: '[name].js' }
		}
	}
});

const child = spawn(process.execPath, [`${outDir}/run.js`, ...process.argv.slice(2)], {
	stdio: 'inherit'
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
