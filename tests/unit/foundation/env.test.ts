import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '$lib/server/env';

const problems = (env: Record<string, string>) => {
	try {
		parseEnv(env);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as ConfigError).problems;
	}
	throw new Error('expected a ConfigError');
};

describe('parseEnv', () => {
	it('defaults to the embedded mode with no configuration', () => {
		const config = parseEnv({});
		expect(config.PORT).toBe(3000);
		expect(config.database).toEqual({ kind: 'pglite', dataDir: './data', sharedBuffersMb: 128 });
		expect(parseEnv({ PGLITE_SHARED_BUFFERS_MB: '32' }).database).toMatchObject({
			sharedBuffersMb: 32
		});
		expect(config.auth).toEqual({ kind: 'local' });
		expect(config.mail).toEqual({ kind: 'outbox' });
		expect(config.seedDemo).toBe(true);
		expect(config.origin).toBe('http://localhost:3000');
		expect(config.STATEMENT_TIMEOUT_MS).toBe(5_000);
		expect(parseEnv({ STATEMENT_TIMEOUT_MS: '0' }).STATEMENT_TIMEOUT_MS).toBe(0);
	});

	it('uses Postgres when DATABASE_URL is set, without demo data unless asked', () => {
		const config = parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/app', PORT: '8080' });
		expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/app' });
		expect(config.seedDemo).toBe(false);
		expect(config.origin).toBe('http://localhost:8080');
		expect(parseEnv({ DATABASE_URL: 'postgresql://h/db', DEMO_DATA: 'true' }).seedDemo).toBe(true);
	});

	it('switches to Supabase auth with URL, key and database', () => {
		const config = parseEnv({
			PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co/',
			PUBLIC_SUPABASE_ANON_KEY: 'anon-key',
			DATABASE_URL: 'postgres://postgres:pw@db.abcd.supabase.co:5432/postgres'
		});
		expect(config.auth).toEqual({
			kind: 'supabase',
			url: 'https://abcd.supabase.co',
			anonKey: 'anon-key',
			jwtSecret: undefined,
			jwksUrl: 'https://abcd.supabase.co/auth/v1/.well-known/jwks.json'
		});
	});

	it('uses SMTP when SMTP_URL is set', () => {
		expect(parseEnv({ SMTP_URL: 'smtp://u:p@mail:587' }).mail).toEqual({
			kind: 'smtp',
			url: 'smtp://u:p@mail:587'
		});
	});

	it.each([
		[
			{ PORT: 'abc' },
			/^PORT: must be a whole number from 1 to 65535 \(got "abc"\)\. Fix: set PORT/
		],
		[{ PORT: '70000' }, /^PORT: .*65535/],
		[
			{ DATABASE_URL: 'mysql://x' },
			/^DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\/.*Fix:/
		],
		[{ ORIGIN: 'localhost:3000' }, /^ORIGIN: must be a URL starting with http:\/\/ or https:\/\//],
		[{ SMTP_URL: 'mail.example.org' }, /^SMTP_URL: .*Fix: use the form smtp:\/\//],
		[{ DEMO_DATA: 'maybe' }, /^DEMO_DATA: .*Fix: use auto/],
		[{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: .*Fix: use debug, info/],
		[{ SESSION_DAYS: '0' }, /^SESSION_DAYS: must be a whole number from 1 to 365/],
		[{ STATEMENT_TIMEOUT_MS: '5s' }, /^STATEMENT_TIMEOUT_MS: .*Fix: use milliseconds/],
		[
			{ PGLITE_SHARED_BUFFERS_MB: '8' },
			/^PGLITE_SHARED_BUFFERS_MB: .*from 16 to 1024.*Fix: use megabytes/
		],
		[{ PGLITE_SHARED_BUFFERS_MB: '128MB' }, /^PGLITE_SHARED_BUFFERS_MB: must be a whole number/],
		[{ REDIS_URL: 'http://cache' }, /^REDIS_URL: must be a URL starting with redis:\/\//],
		[{ UI_GALLERY: 'yes' }, /^UI_GALLERY: .*Fix: use true/],
		[{ PUBLIC_SUPABASE_URL: 'https://x.supabase.co' }, /PUBLIC_SUPABASE_ANON_KEY: missing/],
		[{ PUBLIC_SUPABASE_ANON_KEY: 'k' }, /PUBLIC_SUPABASE_URL: missing/],
		[
			{ PUBLIC_SUPABASE_URL: 'https://x.supabase.co', PUBLIC_SUPABASE_ANON_KEY: 'k' },
			/DATABASE_URL: required with Supabase auth/
		],
		[{ SUPABASE_JWT_SECRET: 'short' }, /SUPABASE_JWT_SECRET: too short/],
		[
			{ ALLOWED_ORIGINS: 'https://ok.example,school.be' },
			/^ALLOWED_ORIGINS: "school.be" is not an origin .*Fix: list the other addresses/
		],
		[{ ALLOWED_ORIGINS: 'https://x.example/app' }, /^ALLOWED_ORIGINS: "https:\/\/x.example\/app"/],
		[{ ALLOWED_ORIGINS: 'ws://x.example' }, /^ALLOWED_ORIGINS: "ws:\/\/x.example"/]
	])('rejects %o with a message naming the variable and the fix', (env, message) => {
		const found = problems(env as Record<string, string>);
		expect(found.some((p) => message.test(p))).toBe(true);
	});

	it('reads ALLOWED_ORIGINS as a list of normalised origins', () => {
		expect(parseEnv({}).ALLOWED_ORIGINS).toEqual([]);
		expect(
			parseEnv({ ALLOWED_ORIGINS: ' https://A.example/ , http://localhost:5173,,' }).ALLOWED_ORIGINS
		).toEqual(['https://a.example', 'http://localhost:5173']);
	});

	it('serves the component gallery only when UI_GALLERY=true', () => {
		expect(parseEnv({}).uiGallery).toBe(false);
		expect(parseEnv({ UI_GALLERY: 'true' }).uiGallery).toBe(true);
	});

	it('takes the reminder scan interval in minutes, decimals allowed down to 3 seconds', () => {
		expect(parseEnv({}).REMINDER_SCAN_MINUTES).toBe(5);
		expect(parseEnv({ REMINDER_SCAN_MINUTES: '0.05' }).REMINDER_SCAN_MINUTES).toBe(0.05);
		expect(parseEnv({ REMINDER_SCAN_MINUTES: '1440' }).REMINDER_SCAN_MINUTES).toBe(1440);
		for (const bad of ['0', '0.01', '1441', '-1', '1e3', '0.1234', 'five']) {
			expect(problems({ REMINDER_SCAN_MINUTES: bad }).join('\n'), bad).toMatch(
				/REMINDER_SCAN_MINUTES.*0\.05 to 1440/
			);
		}
	});

	it('reports every bad variable at once', () => {
		expect(problems({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
	});
});
