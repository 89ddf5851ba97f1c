/**
 * The one launcher of the benchmarks: bundles their TypeScript with Vite (already a dev
 * dependency: it resolves `$lib`, `import.meta.glob` and `?raw` the way the app build does) into
 * `node_modules/.cache/<cacheName>/`, then runs `main` there with this process's arguments and
 * exits with its code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * @param {{ cacheName: string, entries: string[], main?: string }} options `entries` are file
 *   names in tests/bench without `.ts`; each becomes `<name>.js` (the load workers are started
 *   by file name). `main` (default: the first entry) is run.
 */
export async function bundleAndRun({ cacheName, entries, main = entries[0] }) {
	const outDir = `${root}node_modules/.cache/${cacheName}`;
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
	const child = spawn(process.execPath, [`${outDir}/${main}.js`, ...process.argv.slice(2)], {
		stdio: 'inherit'
	});
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
