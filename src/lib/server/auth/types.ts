import type { JwtClaims } from '$lib/server/db/types';

export interface SessionUser {
	id: string;
	email: string;
	displayName: string;
	locale: 'nl' | 'en';
}

/** What every auth adapter yields; the rest of the app never knows which one ran. */
export interface Session {
	/** Identifies this sign-in (not secret): signing out closes the sockets opened with it. */
	id: string;
	user: SessionUser;
	provider: 'local' | 'supabase';
	/** Claims for row-level security (`request.jwt.claims`). */
	claims: JwtClaims;
	/** When the session stops being valid (used to close long-lived sockets). */
	expiresAt: Date;
}

/** The credentials a request carries: a cookie header and/or a bearer token. */
export interface RequestCredentials {
	cookies: Record<string, string>;
	authorization?: string | null;
	/** Where an adapter that refreshes tokens (Supabase) writes renewed cookies. */
	setCookies?: (changes: CookieChange[]) => void;
}

/** A cookie to set or clear on the response. */
export interface CookieChange {
	name: string;
	value: string;
	maxAge: number;
}

export type SignInResult =
	| { ok: true; session: Session; cookies: CookieChange[] }
	| { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterSeconds?: number }
	/** The password was right; a second step (a code) is needed. `cookies` carry the pending sign-in. */
	| { ok: false; reason: 'mfa_required'; cookies: CookieChange[]; retryAfterSeconds?: never };

/** The answer to a second-step code. */
export type SecondStepResult =
	| { ok: true; session: Session; cookies: CookieChange[] }
	| { ok: false; reason: 'invalid' | 'expired' | 'rate_limited'; retryAfterSeconds?: number };

/** Where a sign-in attempt comes from. */
export interface SignInMeta {
	/** The client address (`clientAddress`), for the sign-in throttle. */
	ip: string;
	userAgent: string;
	/** The device cookie the request carried, if any (see auth/device-cookie.ts). */
	deviceCookie?: string;
}

export interface AuthProvider {
	readonly kind: 'local' | 'supabase';
	authenticate(credentials: RequestCredentials): Promise<Session | null>;
	signIn(email: string, password: string, meta: SignInMeta): Promise<SignInResult>;
	/** Ends this session, or every session of the user with `everywhere`. */
	signOut(credentials: RequestCredentials, everywhere: boolean): Promise<CookieChange[]>;
	/** Sends a reset link if the address has an account; says nothing either way. */
	requestPasswordReset(email: string, meta: { ip: string }): Promise<void>;
	/**
	 * Sets a new password with a reset token and returns whose it was; null when the token is
	 * unknown, used or expired.
	 */
	resetPassword(token: string, password: string): Promise<{ userId: string } | null>;
	/**
	 * Of these session ids, those still signed in. Used to re-check open sockets after events
	 * may have been missed; a provider that cannot tell (Supabase access tokens) returns them all.
	 */
	activeSessions(ids: readonly string[]): Promise<Set<string>>;
	/** Creates an account (used when an invitation is accepted); returns the new user id. */
	createAccount(email: string, password: string, displayName: string): Promise<string>;
	/**
	 * Finishes a sign-in that answered 'mfa_required' with a TOTP or recovery code; `credentials`
	 * carry the pending sign-in cookie.
	 */
	completeSignIn(
		credentials: RequestCredentials,
		code: string,
		meta: SignInMeta
	): Promise<SecondStepResult>;
	/** The person's own second step: enrol, confirm, turn off. */
	readonly mfa: MfaPort;
}

/** What the account page shows and does about the second sign-in step, for either adapter. */
export interface MfaPort {
	status(credentials: RequestCredentials, session: Session): Promise<MfaStatus>;
	/** A new key to scan; null when a second step is already on. */
	startEnrolment(credentials: RequestCredentials, session: Session): Promise<MfaEnrolment | null>;
	/**
	 * Confirms the key with a first code; returns recovery codes to show once (none with
	 * Supabase, which has no recovery codes), or null when the code is wrong.
	 */
	confirmEnrolment(
		credentials: RequestCredentials,
		session: Session,
		code: string
	): Promise<{ recoveryCodes: string[] } | null>;
	disable(credentials: RequestCredentials, session: Session): Promise<void>;
}

export interface MfaStatus {
	enabled: boolean;
	/** Unused recovery codes (local accounts), null where there are none (Supabase). */
	recoveryCodesLeft: number | null;
}

export interface MfaEnrolment {
	/** The key to type by hand. */
	secret: string;
	uri: string;
	/** The QR code as SVG markup (made on the server). */
	qrSvg: string;
}

/** The cookie of a sign-in that waits for its second step (local accounts). */
export const MFA_COOKIE = 'mp_mfa';

export const SESSION_COOKIE = 'mp_session';
