import { createServerClient } from '@supabase/ssr';
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { createJwtVerifier, type JwtVerifierOptions } from './jwt';
import { memoryLimiters, type Limiters } from './rate-limit';
import { createSignInThrottle } from './sign-in-throttle';
import {
	createSupabaseMfa,
	hasVerifiedFactor,
	PENDING_PREFIX,
	pendingCookies,
	unpendCookies
} from './supabase-mfa';
import type { AuthProvider, CookieChange, RequestCredentials, Session } from './types';

export interface SupabaseAuthOptions {
	db: Database;
	url: string;
	anonKey: string;
	serviceRoleKey?: string;
	origin: string;
	verifier: JwtVerifierOptions;
	/** Where sign-in attempts are counted: in memory by default, in Redis across app instances. */
	limiters?: Limiters;
}

interface ProfileRow {
	display_name: string;
	email: string;
	locale: 'nl' | 'en';
}

/**
 * Supabase Auth through `@supabase/ssr`. The session cookie is Supabase's; the access token in it
 * is verified here (HS256 secret or JWKS) before it is trusted, and `sub` maps to the profile.
 */
export function createSupabaseAuth(options: SupabaseAuthOptions): AuthProvider {
	const verify = createJwtVerifier({ issuer: `${options.url}/auth/v1`, ...options.verifier });
	// Supabase Auth limits sign-ins itself too; this throttle keeps guessing slow through us the
	// same way as local accounts, without device cookies (there is no per-account key to sign them).
	const throttle = createSignInThrottle(options.limiters ?? memoryLimiters, 'sign-in:supabase');

	const client = (credentials: RequestCredentials, sink: CookieChange[]) =>
		createServerClient(options.url, options.anonKey, {
			// Node 20 has no global WebSocket; supabase-js builds a realtime client even when unused.
			realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
			cookies: {
				getAll: () => Object.entries(credentials.cookies).map(([name, value]) => ({ name, value })),
				setAll: (cookies) => {
					const changes = cookies.map((c) => ({
						name: c.name,
						value: c.value,
						maxAge: c.options?.maxAge ?? 60 * 60 * 24 * 400
					}));
					sink.push(...changes);
					credentials.setCookies?.(changes);
				}
			}
		});

	/** The access token, and whether its user has a verified second factor (cookie sessions). */
	async function accessToken(
		credentials: RequestCredentials
	): Promise<{ token: string; needsAal2: boolean } | null> {
		const bearer = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? '')?.[1];
		if (bearer) return { token: bearer, needsAal2: false };
		if (!Object.keys(credentials.cookies).some((name) => name.startsWith('sb-'))) return null;
		const { data } = await client(credentials, []).auth.getSession();
		if (!data.session) return null;
		return { token: data.session.access_token, needsAal2: hasVerifiedFactor(data.session.user) };
	}

	return {
		kind: 'supabase',

		mfa: createSupabaseMfa(client),

		async authenticate(credentials) {
			const found = await accessToken(credentials);
			if (!found) return null;
			const result = await verify(found.token);
			if (!result.ok) return null;
			// A person with a second factor is signed in only once the session reached AAL2.
			if (found.needsAal2 && result.payload.aal !== 'aal2') return null;
			return sessionFromClaims(options.db, result.payload);
		},

		async signIn(email, password, meta) {
			const attempt = { account: email.trim().toLowerCase(), address: meta.ip, device: null };
			const wait = await throttle.wait(attempt);
			if (wait) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };
			const cookies: CookieChange[] = [];
			const { data, error } = await client({ cookies: {} }, cookies).auth.signInWithPassword({
				email,
				password
			});
			if (error || !data.session) {
				await throttle.failed(attempt);
				return { ok: false, reason: 'invalid' };
			}
			await throttle.succeeded(attempt);
			const result = await verify(data.session.access_token);
			if (!result.ok) return { ok: false, reason: 'invalid' };
			if (hasVerifiedFactor(data.session.user) && result.payload.aal !== 'aal2') {
				return { ok: false, reason: 'mfa_required', cookies: pendingCookies(cookies) };
			}
			return { ok: true, session: await sessionFromClaims(options.db, result.payload), cookies };
		},

		async completeSignIn(credentials, code, meta) {
			const pending = unpendCookies(credentials.cookies);
			if (Object.keys(pending).length === 0) return { ok: false, reason: 'expired' };
			const attempt = { account: `mfa:${meta.ip}`, address: meta.ip, device: null };
			const wait = await throttle.wait(attempt);
			if (wait) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };
			const cookies: CookieChange[] = [];
			const supabase = client({ cookies: pending }, cookies);
			const { data: factors } = await supabase.auth.mfa.listFactors();
			const factor = factors?.totp[0];
			if (!factor) return { ok: false, reason: 'expired' };
			const verified = await supabase.auth.mfa.challengeAndVerify({
				factorId: factor.id,
				code: code.replace(/\s/g, '')
			});
			if (verified.error || !verified.data) {
				await throttle.failed(attempt);
				return { ok: false, reason: 'invalid' };
			}
			await throttle.succeeded(attempt);
			const result = await verify(verified.data.access_token);
			if (!result.ok || result.payload.aal !== 'aal2') return { ok: false, reason: 'invalid' };
			const cleared = Object.keys(pending).map((name) => ({
				name: `${PENDING_PREFIX}${name}`,
				value: '',
				maxAge: 0
			}));
			return {
				ok: true,
				session: await sessionFromClaims(options.db, result.payload),
				cookies: [...cookies, ...cleared]
			};
		},

		async signOut(credentials, everywhere) {
			const cookies: CookieChange[] = [];
			await client(credentials, cookies).auth.signOut({ scope: everywhere ? 'global' : 'local' });
			return cookies;
		},

		async requestPasswordReset(email) {
			await client({ cookies: {} }, []).auth.resetPasswordForEmail(email, {
				redirectTo: `${options.origin}/reset/supabase`
			});
		},

		async resetPassword(code, password) {
			const cookies: CookieChange[] = [];
			const supabase = client({ cookies: {} }, cookies);
			const exchanged = await supabase.auth.exchangeCodeForSession(code);
			if (exchanged.error) return null;
			const { data, error } = await supabase.auth.updateUser({ password });
			return error || !data.user ? null : { userId: data.user.id };
		},

		// Access tokens are checked when a socket opens and close it when they expire; Supabase
		// offers no cheap "is this session still signed in" for a token already accepted.
		activeSessions: async (ids) => new Set(ids),

		async createAccount(email, password, displayName) {
			if (!options.serviceRoleKey) {
				throw new Error(
					'SUPABASE_SERVICE_ROLE_KEY is needed to create accounts for accepted invitations. Fix: set it from Project Settings → API.'
				);
			}
			const admin = createClient(options.url, options.serviceRoleKey, {
				auth: { persistSession: false, autoRefreshToken: false }
			});
			const { data, error } = await admin.auth.admin.createUser({
				email,
				password,
				email_confirm: true,
				user_metadata: { display_name: displayName }
			});
			if (error || !data.user)
				throw new Error(`Supabase could not create the account: ${error?.message}`);
			await ensureProfile(options.db, data.user.id, email, displayName);
			return data.user.id;
		}
	};
}

/** Maps verified claims to the profile, creating the profile on first sight. */
export async function sessionFromClaims(
	db: Database,
	payload: {
		sub: string;
		email?: string;
		exp?: number;
		iat?: number;
		session_id?: unknown;
		user_metadata?: unknown;
	}
): Promise<Session> {
	const meta = (payload.user_metadata ?? {}) as Record<string, unknown>;
	const email = (payload.email ?? '').toLowerCase();
	const fallbackName =
		(typeof meta.display_name === 'string' && meta.display_name) ||
		(typeof meta.full_name === 'string' && meta.full_name) ||
		email.split('@')[0] ||
		'—';
	const profile = await ensureProfile(db, payload.sub, email, fallbackName);
	const claims: JwtClaims = {
		sub: payload.sub,
		role: 'authenticated',
		email,
		aud: 'authenticated'
	};
	return {
		id:
			typeof payload.session_id === 'string'
				? payload.session_id
				: `${payload.sub}:${payload.iat ?? 0}`,
		user: {
			id: payload.sub,
			email: profile.email,
			displayName: profile.display_name,
			locale: profile.locale
		},
		provider: 'supabase',
		claims,
		expiresAt: new Date((payload.exp ?? Date.now() / 1000 + 3600) * 1000)
	};
}

async function ensureProfile(
	db: Database,
	id: string,
	email: string,
	displayName: string
): Promise<ProfileRow> {
	return db.asService(async (tx) => {
		const rows = await tx.query<ProfileRow>(
			`insert into public.profiles (id, email, display_name) values ($1, $2, $3)
			 on conflict (id) do update set email = excluded.email
			 returning display_name, email, locale`,
			[id, email, displayName.slice(0, 120)]
		);
		return rows[0];
	});
}
