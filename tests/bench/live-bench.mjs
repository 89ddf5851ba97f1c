/** `node tests/bench/live-bench.mjs [--people 1000] [--rate 100] [--seconds 10]`: see live-delivery.ts. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = fileURLToPath(
	new URL('../../node_modules/.cache/mentorpad-live-bench', import.meta.url)
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
			input: { 'live-delivery': `${root}tests/bench/live-delivery.ts` },
			output: { format: 'esm', entryFileNames: '[name].js' }
		}
	}
});

const child = spawn(process.execPath, [`${outDir}/live-delivery.js`, ...process.argv.slice(2)], {
	stdio: 'inherit'
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
