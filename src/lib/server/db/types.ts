/**
 * The database port. Two adapters implement it: embedded PGlite and any Postgres via `pg`.
 * Nothing outside `src/lib/server/db/` imports a driver.
 */

/** A value a query parameter may take. Objects and arrays are sent as JSON. */
export type SqlValue =
	| string
	| number
	| boolean
	| null
	| Date
	| Uint8Array
	| readonly unknown[]
	| Record<string, unknown>;

/** A connection inside one open transaction. */
export interface Tx {
	query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
	/** Runs a script of several statements without parameters (migrations, bootstrap). */
	exec(sql: string): Promise<void>;
}

/** JWT claims as Supabase's PostgREST sets them in `request.jwt.claims`. */
export interface JwtClaims {
	sub: string;
	role: 'authenticated';
	email?: string;
	aud?: string;
	[key: string]: unknown;
}

export type DatabaseMode = 'pglite' | 'postgres';

export interface Database {
	readonly mode: DatabaseMode;
	/**
	 * Runs `work` in a transaction as the person the claims describe: `request.jwt.claims` is set
	 * and the role is `authenticated`, so row-level security applies exactly as on Supabase.
	 * With `null` claims the work runs as `anon`.
	 */
	asUser<T>(claims: JwtClaims | null, work: (tx: Tx) => Promise<T>): Promise<T>;
	/** Runs `work` in a transaction as `service_role` (bypasses RLS): server-internal work only. */
	asService<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
	/** Runs `work` in a transaction as the connecting owner role (migrations, bootstrap). */
	asOwner<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
