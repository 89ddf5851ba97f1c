import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { collabDevPlugin } from './src/lib/server/dev-upgrade-plugin.js';
import { paraglideTestCopy } from './tests/helpers/paraglide-test-copy.js';

/** What every project on a test database shares: its engine, the run's set-up of it, time limits. */
const onDatabase = (engine: 'pglite' | 'postgres') => ({
	environment: 'node' as const,
	env: { TEST_DB: engine },
	globalSetup: [`tests/helpers/${engine}-global-setup.ts`],
	testTimeout: 60_000,
	hookTimeout: 120_000
});

export default defineConfig({
	plugins: [
		// Under Vitest with PARAGLIDE_TEST_DIR set (the test command sets it), the compiled messages
		// are read from that copy: the production build rewrites src/lib/paraglide beside the tests.
		paraglideTestCopy(process.env.VITEST ? process.env.PARAGLIDE_TEST_DIR : undefined),
		// Vitest uses the compiled output of `npm run i18n`; the plugin's file watcher would keep
		// the test process alive.
		process.env.VITEST
			? null
			: paraglideVitePlugin({
					project: './project.inlang',
					outdir: './src/lib/paraglide',
					strategy: ['cookie', 'baseLocale']
				}),
		sveltekit(),
		collabDevPlugin()
	],
	server: { port: 3000 },
	build: {
		rollupOptions: {
			// The UI kit's modules only define components (Svelte's compiled templates look like
			// side effects to the bundler): a page that imports one component from the
			// '$lib/components/ui' barrel then ships that component, not the whole kit.
			treeshake: {
				moduleSideEffects: (id) => !/\/src\/lib\/components\/ui\/[^/?]+\.(svelte|ts)$/.test(id)
			},
			// The icons (one module each in @lucide/svelte) in one chunk. Split by the pages that share
			// them, they made many small chunks: a page loaded 41–79 scripts, now 33–60, with about
			// the same bytes (budget.e2e.ts: /pairs/[id] 79.4 → 77.8 KB, the worksheet 208.7 → 208.3,
			// /programs 53.8 → 55.3; with response headers every page less), and a page load took
			// about a twentieth less of the test browser's CPU.
			output: {
				codeSplitting: { groups: [{ name: 'icons', test: /[\\/]@lucide[\\/]svelte[\\/]/ }] }
			}
		}
	},
	ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'] },
	test: {
		// Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, with
		// the second core idle whenever a test waits for its database. Two there: the unit,
		// integration and PostgreSQL files took 785 s instead of 920 s beside svelte-check and ESLint.
		// Three: alone 180 s and 248 CPU-seconds against 204 s and 279 with two (a worker's file
		// waiting for PostgreSQL, Redis or a timer leaves its core to the third).
		maxWorkers: Math.max(3, availableParallelism() - 1),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					exclude: ['tests/unit/**/*.timing.test.ts'],
					environment: 'node',
					// Pure functions, no mocks, no environment changes: the files share a worker's
					// modules instead of importing them again each (67 s and 129 s of CPU alone, now
					// 33 s and 60 s; the same 1,185 tests pass in shuffled order).
					isolate: false,
					sequence: { groupOrder: 0 },
					// A guard against hangs, not a speed bound: Vitest's 5 s default is near what the
					// first PDF test takes beside svelte-check, ESLint and the other worker (1.7 s with
					// two more busy loops on this machine).
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					// Tests that assert how long something takes: one file at a time, after every other
					// project has finished, so a busy machine's parallel run cannot fail them. The
					// integration ones on PGlite here, and on PostgreSQL in `timing-postgres` after.
					name: 'timing',
					// The fuzz test holds the event loop's lateness under 1 s while 100,000 hostile
					// frames arrive: 41–230 ms alone, 1.2 s once beside the other worker.
					include: [
						'tests/unit/**/*.timing.test.ts',
						'tests/integration/**/*.timing.test.ts',
						'tests/integration/collab-fuzz.test.ts'
					],
					...onDatabase('pglite'),
					fileParallelism: false,
					sequence: { groupOrder: 1 }
				}
			},
			{
				extends: true,
				test: {
					name: 'timing-postgres',
					include: ['tests/integration/**/*.timing.test.ts'],
					...onDatabase('postgres'),
					fileParallelism: false,
					sequence: { groupOrder: 2 }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					// Restart a real PostgreSQL, or need two transactions at once: the Postgres project only.
					// The fuzz test and the files that assert durations run in `timing`.
					exclude: [
						'tests/integration/**/*.timing.test.ts',
						'tests/integration/db-restart.test.ts',
						'tests/integration/collab-compaction-lock.test.ts',
						'tests/integration/collab-fuzz.test.ts'
					],
					...onDatabase('pglite'),
					// The files share a worker's modules instead of importing the server again each:
					// alone 336 s before, 175 s after (import 143 s → 21 s summed), the same 1,002
					// tests passing. Each file starts its own database, servers and state in its hooks.
					isolate: false,
					// V8's baseline WebAssembly compiler only, for PGlite: its optimising compiler's
					// background work did not pay off in a test's lifetime (alone 87 s and 165
					// CPU-seconds with it, 78 s and 147 without; the same 994 tests passing). The
					// timing projects keep it, as in production.
					execArgv: ['--liftoff-only'],
					sequence: { groupOrder: 0 }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration-postgres',
					include: ['tests/integration/**/*.test.ts'],
					// The fuzz test runs on the in-memory store: once (in `timing`) is enough; the files
					// that assert durations run in `timing-postgres`.
					exclude: [
						'tests/integration/collab-fuzz.test.ts',
						'tests/integration/**/*.timing.test.ts'
					],
					...onDatabase('postgres'),
					isolate: false,
					sequence: { groupOrder: 0 }
				}
			}
		]
	}
});
