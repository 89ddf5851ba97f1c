import type { SupabaseClient } from '@supabase/supabase-js';
import { totpQrSvg } from './totp';
import type { CookieChange, MfaPort, RequestCredentials } from './types';

/** Makes a Supabase client that reads `credentials` and writes renewed cookies to `sink`. */
export type SupabaseClientFactory = (
	credentials: RequestCredentials,
	sink: CookieChange[]
) => SupabaseClient;

/**
 * While a Supabase sign-in waits for its code, its (AAL1) session cookies are kept under this
 * prefix, so no request is signed in with them; the second step moves them back.
 */
export const PENDING_PREFIX = 'mp_mfa.';

/** Supabase session cookies renamed to their pending names (see PENDING_PREFIX). */
export function pendingCookies(cookies: CookieChange[]): CookieChange[] {
	return cookies.map((c) => ({ ...c, name: `${PENDING_PREFIX}${c.name}`, maxAge: 5 * 60 }));
}

/** The pending Supabase cookies of a request, under their own names again. */
export function unpendCookies(cookies: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(cookies)
			.filter(([name]) => name.startsWith(PENDING_PREFIX))
			.map(([name, value]) => [name.slice(PENDING_PREFIX.length), value])
	);
}

/** Whether a user object from Supabase has a verified second factor. */
export function hasVerifiedFactor(user: { factors?: { status: string }[] } | null | undefined) {
	return (user?.factors ?? []).some((factor) => factor.status === 'verified');
}

/**
 * Supabase Auth's own MFA (TOTP factors, AAL2) behind the MfaPort. Supabase keeps the secret;
 * it has no recovery codes (its advice is to enrol a second factor).
 */
export function createSupabaseMfa(client: SupabaseClientFactory): MfaPort {
	return {
		async status(credentials) {
			const { data } = await client(credentials, []).auth.mfa.listFactors();
			return { enabled: (data?.totp ?? []).length > 0, recoveryCodesLeft: null };
		},

		async startEnrolment(credentials, session) {
			const supabase = client(credentials, []);
			const { data: factors } = await supabase.auth.mfa.listFactors();
			if ((factors?.totp ?? []).length > 0) return null;
			// An enrolment left unverified earlier is dropped, or Supabase refuses a second one.
			for (const stale of (factors?.all ?? []).filter((f) => f.status !== 'verified')) {
				await supabase.auth.mfa.unenroll({ factorId: stale.id });
			}
			const { data, error } = await supabase.auth.mfa.enroll({
				factorType: 'totp',
				friendlyName: `Mentorpad ${session.user.email}`
			});
			if (error || !data) throw new Error(`Supabase MFA enrolment failed: ${error?.message}`);
			return {
				secret: data.totp.secret.replace(/(.{4})/g, '$1 ').trim(),
				uri: data.totp.uri,
				qrSvg: await totpQrSvg(data.totp.uri)
			};
		},

		async confirmEnrolment(credentials, _session, code) {
			const sink: CookieChange[] = [];
			const supabase = client(credentials, sink);
			const { data: factors } = await supabase.auth.mfa.listFactors();
			const pending = (factors?.all ?? []).find(
				(f) => f.factor_type === 'totp' && f.status === 'unverified'
			);
			if (!pending) return null;
			const { error } = await supabase.auth.mfa.challengeAndVerify({
				factorId: pending.id,
				code: code.replace(/\s/g, '')
			});
			return error ? null : { recoveryCodes: [] };
		},

		async disable(credentials) {
			const supabase = client(credentials, []);
			const { data: factors } = await supabase.auth.mfa.listFactors();
			for (const factor of factors?.all ?? []) {
				await supabase.auth.mfa.unenroll({ factorId: factor.id });
			}
		}
	};
}
