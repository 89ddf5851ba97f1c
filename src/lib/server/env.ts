import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable the server reads, parsed in one place with a default. A bad value
 * stops start-up with a message that names the variable and the fix.
 */

const integer = (min: number, max: number, fallback: number) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return fallback;
			if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
				ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
				return z.NEVER;
			}
			return Number(value);
		});

/** A number with at most three decimals, e.g. 0.1 or 5. */
const decimal = (min: number, max: number, fallback: number) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return fallback;
			if (!/^\d+(\.\d{1,3})?$/.test(value) || Number(value) < min || Number(value) > max) {
				ctx.addIssue({ code: 'custom', message: `must be a number from ${min} to ${max}` });
				return z.NEVER;
			}
			return Number(value);
		});

const url = (protocols: string[]) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return undefined;
			try {
				const parsed = new URL(value);
				if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
				return value.replace(/\/$/, '');
			} catch {
				ctx.addIssue({
					code: 'custom',
					message: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`
				});
				return z.NEVER;
			}
		});

/**
 * A comma-separated list of origins (`https://host[:port]`, nothing after the port), each
 * normalised to the form browsers send in their Origin header.
 */
const origins = z
	.string()
	.optional()
	.transform((value, ctx) => {
		const out: string[] = [];
		for (const item of (value ?? '').split(',').map((part) => part.trim())) {
			if (item === '') continue;
			let parsed: URL | null = null;
			try {
				parsed = new URL(item);
			} catch {
				parsed = null;
			}
			const bare =
				parsed &&
				(parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
				parsed.pathname === '/' &&
				!parsed.search &&
				!parsed.hash &&
				!parsed.username &&
				!parsed.password;
			if (!parsed || !bare) {
				ctx.addIssue({
					code: 'custom',
					message: `"${item}" is not an origin (http:// or https://, a host, an optional port, no path)`
				});
				return z.NEVER;
			}
			out.push(parsed.origin);
		}
		return out;
	});

/** An HTTP header name (as Node lower-cases them), e.g. `x-forwarded-proto`. */
const headerName = z
	.string()
	.optional()
	.transform((value, ctx) => {
		const name = value?.trim().toLowerCase();
		if (!name) return undefined;
		if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
			ctx.addIssue({ code: 'custom', message: 'must be an HTTP header name' });
			return z.NEVER;
		}
		return name;
	});

const optionalText = z
	.string()
	.optional()
	.transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: integer(1, 65535, 3000),
	ORIGIN: url(['http:', 'https:']),
	ALLOWED_ORIGINS: origins,
	// Read by adapter-node (the protocol behind a TLS proxy without ORIGIN); here for HSTS on
	// responses that never reach SvelteKit.
	PROTOCOL_HEADER: headerName,
	// Behind a proxy: where the client address is (client-address.ts). adapter-node reads the
	// same two variables for getClientAddress().
	ADDRESS_HEADER: headerName,
	XFF_DEPTH: integer(1, 10, 1),
	DATA_DIR: z.string().min(1).default('./data'),
	// The embedded database's buffer cache (Postgres' shared_buffers). PGlite sets up all of it at
	// each start: 32 instead of 128 restarts the server 0.5 s sooner (2.4 against 2.9 s here) with
	// 100 MB less resident memory; reads beyond it come from the operating system's file cache.
	PGLITE_SHARED_BUFFERS_MB: integer(16, 1024, 128),
	DATABASE_URL: url(['postgres:', 'postgresql:']),
	DATABASE_POOL_SIZE: integer(1, 100, 10),
	// Milliseconds one statement made on behalf of a person may run on PostgreSQL; 0 = no limit.
	STATEMENT_TIMEOUT_MS: integer(0, 600_000, 5_000),
	PUBLIC_SUPABASE_URL: url(['http:', 'https:']),
	PUBLIC_SUPABASE_ANON_KEY: optionalText,
	SUPABASE_JWT_SECRET: optionalText,
	SUPABASE_JWKS_URL: url(['http:', 'https:']),
	SUPABASE_SERVICE_ROLE_KEY: optionalText,
	SMTP_URL: url(['smtp:', 'smtps:']),
	MAIL_FROM: z.string().min(3).default('Mentorpad <no-reply@mentorpad.local>'),
	DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
	SESSION_DAYS: integer(1, 365, 30),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	REDIS_URL: url(['redis:', 'rediss:']),
	/** Milliseconds between two runs of the background jobs in this instance; 0 = this instance runs none. */
	JOBS_INTERVAL_MS: integer(0, 3_600_000, 15_000),
	/** Minutes between two looks for due reminders (meetings, logbooks, stalled pairs). */
	REMINDER_SCAN_MINUTES: decimal(0.05, 1440, 5),
	/** Largest attachment, in MB. */
	FILE_MAX_MB: integer(1, 100, 10),
	/** All attachments of one pair together, in MB. */
	FILE_PAIR_QUOTA_MB: integer(1, 100_000, 200),
	/** Where attachments live: auto = Supabase Storage with a service-role key, else DATA_DIR/files. */
	FILE_STORE: z.enum(['auto', 'local', 'supabase']).default('auto'),
	SUPABASE_STORAGE_BUCKET: z
		.string()
		.regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be a bucket name (a-z, 0-9, . _ -)')
		.default('attachments'),
	/** Serves the component gallery at /dev/ui in a production build (always on in `vite dev`). */
	UI_GALLERY: z.enum(['true', 'false']).default('false')
});

type Raw = z.infer<typeof schema>;

export interface Config extends Raw {
	origin: string;
	database:
		| { kind: 'pglite'; dataDir: string; sharedBuffersMb: number }
		| { kind: 'postgres'; url: string };
	auth:
		| { kind: 'local' }
		| {
				kind: 'supabase';
				url: string;
				anonKey: string;
				jwtSecret?: string;
				jwksUrl: string;
		  };
	mail: { kind: 'outbox' } | { kind: 'smtp'; url: string };
	files:
		| { kind: 'local'; dir: string }
		| { kind: 'supabase'; url: string; serviceRoleKey: string; bucket: string };
	/** Whether the demo organisation is created on an empty database. */
	seedDemo: boolean;
	/** Whether a production build serves the component gallery at /dev/ui. */
	uiGallery: boolean;
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

const FIXES: Record<string, string> = {
	PORT: 'set PORT to a free TCP port, e.g. PORT=3000',
	ORIGIN: 'set ORIGIN to the public address of the app, e.g. ORIGIN=https://mentorpad.example.org',
	ADDRESS_HEADER:
		'name the header your proxy sets to the client address, e.g. ADDRESS_HEADER=x-forwarded-for, or unset it when the app is not behind a proxy',
	XFF_DEPTH:
		'set it to the number of proxies in front of the app that append to X-Forwarded-For, e.g. XFF_DEPTH=1',
	PROTOCOL_HEADER:
		'name the header your proxy sets to the original protocol, e.g. PROTOCOL_HEADER=x-forwarded-proto, or set ORIGIN instead',
	ALLOWED_ORIGINS:
		'list the other addresses pages of this app are served from, separated by commas, e.g. ALLOWED_ORIGINS=https://mentorpad.school.be,https://old.example.org',
	DATABASE_URL:
		'set DATABASE_URL to a connection string like postgres://user:password@host:5432/db, or unset it to use the embedded database',
	PUBLIC_SUPABASE_URL: 'set it to your project URL, e.g. https://abcd.supabase.co',
	SUPABASE_JWKS_URL: 'leave it unset to use <PUBLIC_SUPABASE_URL>/auth/v1/.well-known/jwks.json',
	SMTP_URL: 'use the form smtp://user:password@host:587 (or smtps:// for port 465)',
	DEMO_DATA: 'use auto (demo data on a fresh embedded database), true or false',
	LOG_LEVEL: 'use debug, info, warn, error or silent',
	PGLITE_SHARED_BUFFERS_MB:
		'use megabytes from 16 to 1024, e.g. PGLITE_SHARED_BUFFERS_MB=128 (the embedded database only)',
	STATEMENT_TIMEOUT_MS: 'use milliseconds, e.g. STATEMENT_TIMEOUT_MS=5000 (0 turns the limit off)',
	NODE_ENV: 'use development, production or test',
	JOBS_INTERVAL_MS:
		'use milliseconds, e.g. JOBS_INTERVAL_MS=15000, or 0 on an instance that should run no background jobs',
	REMINDER_SCAN_MINUTES:
		'use minutes from 0.05 to 1440, e.g. REMINDER_SCAN_MINUTES=5 (0.1 is every 6 seconds)',
	UI_GALLERY: 'use true (serve the component gallery at /dev/ui) or false',
	FILE_MAX_MB: 'use megabytes, e.g. FILE_MAX_MB=10',
	FILE_PAIR_QUOTA_MB: 'use megabytes, e.g. FILE_PAIR_QUOTA_MB=200',
	FILE_STORE: 'use auto, local (DATA_DIR/files) or supabase (a private Storage bucket)',
	SUPABASE_STORAGE_BUCKET:
		'name an existing private bucket, e.g. SUPABASE_STORAGE_BUCKET=attachments'
};

/** Parses an environment (normally `process.env`) into the server's configuration. */
export function parseEnv(source: Record<string, string | undefined>): Config {
	const result = schema.safeParse(source);
	if (!result.success) {
		throw new ConfigError(
			result.error.issues.map((issue) => {
				const name = String(issue.path[0] ?? 'environment');
				const got = source[name];
				const fix = FIXES[name] ? ` Fix: ${FIXES[name]}.` : '';
				return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}.${fix}`;
			})
		);
	}
	const raw = result.data;
	const problems: string[] = [];

	let auth: Config['auth'] = { kind: 'local' };
	if (raw.PUBLIC_SUPABASE_URL || raw.PUBLIC_SUPABASE_ANON_KEY) {
		if (!raw.PUBLIC_SUPABASE_URL)
			problems.push(
				'PUBLIC_SUPABASE_URL: missing while PUBLIC_SUPABASE_ANON_KEY is set. Fix: set both (Supabase mode) or neither (local accounts).'
			);
		if (!raw.PUBLIC_SUPABASE_ANON_KEY)
			problems.push(
				'PUBLIC_SUPABASE_ANON_KEY: missing while PUBLIC_SUPABASE_URL is set. Fix: copy the anon (publishable) key from the Supabase dashboard, Project Settings → API.'
			);
		if (!raw.DATABASE_URL)
			problems.push(
				"DATABASE_URL: required with Supabase auth, so the server's queries run under the same row-level security. Fix: set it to the project's connection string (Project Settings → Database)."
			);
		if (raw.PUBLIC_SUPABASE_URL && raw.PUBLIC_SUPABASE_ANON_KEY) {
			auth = {
				kind: 'supabase',
				url: raw.PUBLIC_SUPABASE_URL,
				anonKey: raw.PUBLIC_SUPABASE_ANON_KEY,
				jwtSecret: raw.SUPABASE_JWT_SECRET,
				jwksUrl: raw.SUPABASE_JWKS_URL ?? `${raw.PUBLIC_SUPABASE_URL}/auth/v1/.well-known/jwks.json`
			};
		}
	}
	if (raw.SUPABASE_JWT_SECRET && raw.SUPABASE_JWT_SECRET.length < 32)
		problems.push(
			'SUPABASE_JWT_SECRET: too short (under 32 characters). Fix: copy the JWT secret from Project Settings → API, or unset it to verify with the JWKS.'
		);
	const supabaseStorage = raw.PUBLIC_SUPABASE_URL && raw.SUPABASE_SERVICE_ROLE_KEY;
	if (raw.FILE_STORE === 'supabase' && !supabaseStorage)
		problems.push(
			'FILE_STORE: supabase needs PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY. Fix: set both, or FILE_STORE=local.'
		);
	if (problems.length) throw new ConfigError(problems);

	const files: Config['files'] =
		raw.FILE_STORE !== 'local' && supabaseStorage
			? {
					kind: 'supabase',
					url: raw.PUBLIC_SUPABASE_URL!,
					serviceRoleKey: raw.SUPABASE_SERVICE_ROLE_KEY!,
					bucket: raw.SUPABASE_STORAGE_BUCKET
				}
			: { kind: 'local', dir: join(raw.DATA_DIR, 'files') };
	const database: Config['database'] = raw.DATABASE_URL
		? { kind: 'postgres', url: raw.DATABASE_URL }
		: { kind: 'pglite', dataDir: raw.DATA_DIR, sharedBuffersMb: raw.PGLITE_SHARED_BUFFERS_MB };
	return {
		...raw,
		origin: raw.ORIGIN ?? `http://localhost:${raw.PORT}`,
		database,
		auth,
		files,
		mail: raw.SMTP_URL ? { kind: 'smtp', url: raw.SMTP_URL } : { kind: 'outbox' },
		seedDemo: raw.DEMO_DATA === 'true' || (raw.DEMO_DATA === 'auto' && database.kind === 'pglite'),
		uiGallery: raw.UI_GALLERY === 'true'
	};
}
