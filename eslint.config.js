import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layer rules of docs/architecture.md ("What may import what"), as lint rules: a file in a
 * layer gets an error for every import the map does not allow it.
 */
const restrict = (files, patterns, ignores = []) => ({
	files,
	ignores,
	rules: { 'no-restricted-imports': ['error', { patterns }] }
});
const outside = (message, ...regexes) => regexes.map((regex) => ({ regex, message }));
// Every driver lives in one adapter: the Database, AuthProvider, Mailer and Fanout ports.
const DRIVERS = '^(pg|@electric-sql/.*|@supabase/.*|redis|nodemailer|rate-limiter-flexible)$';
const PAGE_ONLY = '^(svelte|svelte/.*|\\$app/.*|@sveltejs/.*|bits-ui|@lucide/.*)$';

const layers = [
	restrict(
		['src/lib/domain/**'],
		outside(
			'lib/domain is pure TypeScript: it imports only lib/domain and zod (docs/architecture.md).',
			'^\\$lib/(?!domain/)',
			'^(\\.\\./)+(server|client|components|shared|paraglide)(/|$)',
			'^node:',
			DRIVERS,
			PAGE_ONLY,
			'^(yjs|y-.*|lib0(/.*)?)$'
		)
	),
	restrict(
		['src/lib/shared/**'],
		outside(
			'lib/shared is used by browser and server: it imports only lib/domain and Yjs (docs/architecture.md).',
			'^\\$lib/(?!(domain|shared)/)',
			'^(\\.\\./)+(server|client|components|paraglide)(/|$)',
			'^node:',
			DRIVERS,
			PAGE_ONLY
		)
	),
	restrict(
		['src/lib/server/**'],
		outside(
			'lib/server never imports browser code (docs/architecture.md).',
			'^\\$lib/(client|components)(/|$)',
			'^\\$app/(state|navigation|forms)$'
		).concat(
			outside('Drivers are imported only by their adapter (docs/architecture.md).', DRIVERS)
		),
		[
			'src/lib/server/db/*.ts',
			'src/lib/server/auth/supabase*.ts',
			'src/lib/server/auth/rate-limit*.ts',
			'src/lib/server/mail/*.ts',
			'src/lib/server/collab/redis-fanout.ts',
			'src/lib/server/files/*.ts'
		]
	),
	restrict(
		['src/lib/client/**', 'src/lib/components/**', 'src/routes/**/*.svelte'],
		outside(
			'Browser code never imports lib/server or a driver (docs/architecture.md).',
			'^\\$lib/server(/|$)',
			DRIVERS
		)
	),
	restrict(
		['src/lib/components/ui/**'],
		outside(
			'The UI kit imports only Svelte, $app, bits-ui, lucide and Paraglide (docs/architecture.md).',
			'^\\$lib/(?!(components/ui|paraglide)/)',
			'^(\\.\\./)+(?!ui/)'
		)
	)
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'data/',
			'data-*/',
			'test-results/',
			'playwright-report/',
			'node_modules/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte.ts'],
		ignores: ['*.config.ts', '*.config.js'],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			]
		}
	},
	...layers,
	{
		// The unit files share one module graph per worker (`isolate: false` in vite.config.ts): a
		// mock, stubbed global or fake clock in one would leak into the next.
		files: ['tests/unit/**'],
		rules: {
			'no-restricted-properties': [
				'error',
				...['mock', 'doMock', 'stubEnv', 'stubGlobal', 'useFakeTimers'].map((property) => ({
					object: 'vi',
					property,
					message:
						'Unit files share their modules (isolate: false): test this in tests/integration, or pass the dependency in.'
				}))
			]
		}
	},
	{
		// tests/e2e/fixtures.ts's `test` closes the browser contexts a test opens; Playwright's own
		// leaves them open until the worker ends.
		files: ['tests/e2e/**/*.e2e.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '@playwright/test',
							importNames: ['test'],
							message: "Import `test` from './fixtures': it closes the contexts a test opens."
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
