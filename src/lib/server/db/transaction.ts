import type { JwtClaims, SqlValue, Tx } from './types';

/** Claims Supabase puts in a service-role token; set so `auth.role()` answers the same. */
const SERVICE_CLAIMS = JSON.stringify({ role: 'service_role' });
const ANON_CLAIMS = JSON.stringify({ role: 'anon' });

/**
 * Sets the request role and claims for the rest of the open transaction, the way Supabase's
 * PostgREST does (`set_config(..., true)` is `SET LOCAL`). With `statementTimeoutMs`, every
 * later statement of the transaction is cancelled after that long, so one person's request
 * cannot hold a connection (and the rows it locks) for everybody else.
 */
export async function becomeUser(
	tx: Tx,
	claims: JwtClaims | null,
	limits: { statementTimeoutMs?: number } = {}
): Promise<void> {
	if (claims && !isUuid(claims.sub)) throw new Error('JWT claims need a UUID "sub"');
	const params = [claims ? JSON.stringify(claims) : ANON_CLAIMS, claims ? 'authenticated' : 'anon'];
	if (limits.statementTimeoutMs) {
		await tx.query(
			"select set_config('request.jwt.claims', $1, true), set_config('role', $2, true), set_config('statement_timeout', $3, true)",
			[...params, `${limits.statementTimeoutMs}ms`]
		);
	} else {
		await tx.query(
			"select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)",
			params
		);
	}
}

export async function becomeService(tx: Tx): Promise<void> {
	await tx.query(
		"select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)",
		[SERVICE_CLAIMS, 'service_role']
	);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/** Plain objects become JSON text; everything else goes to the driver as it is. */
export function toDriverParams(params: readonly SqlValue[] = []): unknown[] {
	return params.map((value) =>
		value !== null &&
		typeof value === 'object' &&
		!(value instanceof Date) &&
		!(value instanceof Uint8Array) &&
		!Array.isArray(value)
			? JSON.stringify(value)
			: value
	);
}
