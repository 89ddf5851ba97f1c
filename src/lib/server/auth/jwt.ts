import {
	createLocalJWKSet,
	createRemoteJWKSet,
	decodeProtectedHeader,
	errors,
	jwtVerify,
	type JWTPayload,
	type JWTVerifyGetKey
} from 'jose';

export interface JwtVerifierOptions {
	/** HS256 shared secret (Supabase's legacy JWT secret). */
	secret?: string;
	/** Asymmetric keys: a JWKS URL (Supabase's signing keys) … */
	jwksUrl?: string;
	/** … or a JWKS given inline (tests, air-gapped set-ups). */
	jwks?: { keys: Record<string, unknown>[] };
	audience?: string;
	issuer?: string;
}

export type VerifyResult =
	| { ok: true; payload: JWTPayload & { sub: string; email?: string } }
	| { ok: false; reason: 'expired' | 'signature' | 'audience' | 'issuer' | 'malformed' | 'no_key' };

/**
 * Verifies Supabase access tokens: HS256 with the project's secret, or ES256/RS256 with its
 * JWKS. Audience defaults to `authenticated`, as Supabase issues it.
 */
export function createJwtVerifier(options: JwtVerifierOptions) {
	const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
	const keySet: JWTVerifyGetKey | undefined = options.jwks
		? createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0])
		: options.jwksUrl
			? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 })
			: undefined;
	const audience = options.audience ?? 'authenticated';

	return async function verify(token: string): Promise<VerifyResult> {
		let alg: string | undefined;
		try {
			alg = decodeProtectedHeader(token).alg;
		} catch {
			return { ok: false, reason: 'malformed' };
		}
		const claimOptions = { audience, issuer: options.issuer, clockTolerance: 5 };
		try {
			const { payload } =
				alg === 'HS256'
					? secret
						? await jwtVerify(token, secret, { ...claimOptions, algorithms: ['HS256'] })
						: failNoKey()
					: keySet
						? await jwtVerify(token, keySet, {
								...claimOptions,
								algorithms: ['ES256', 'RS256', 'EdDSA']
							})
						: failNoKey();
			if (typeof payload.sub !== 'string') return { ok: false, reason: 'malformed' };
			return { ok: true, payload: payload as JWTPayload & { sub: string; email?: string } };
		} catch (error) {
			return { ok: false, reason: classify(error) };
		}
	};
}

class NoKeyError extends Error {}

function failNoKey(): never {
	throw new NoKeyError('no key configured for this algorithm');
}

function classify(error: unknown): Exclude<VerifyResult, { ok: true }>['reason'] {
	if (error instanceof NoKeyError || error instanceof errors.JWKSNoMatchingKey) return 'no_key';
	if (error instanceof errors.JWTExpired) return 'expired';
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.claim === 'aud') return 'audience';
		if (error.claim === 'iss') return 'issuer';
		return 'malformed';
	}
	if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
	return 'malformed';
}
