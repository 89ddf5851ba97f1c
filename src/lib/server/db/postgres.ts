import pg from 'pg';
import { becomeService, becomeUser, toDriverParams } from './transaction';
import type { Database, SqlValue, Tx } from './types';

export interface PostgresOptions {
	connectionString: string;
	/** Pool size; one process rarely needs more than a few connections. */
	max?: number;
	/** Called when a pooled connection fails, idle or in a transaction (server restart, network). */
	onError?: (error: Error) => void;
	/** Cancels a person's statement after this many milliseconds (`asUser` only); none when absent. */
	statementTimeoutMs?: number;
}

const INT8 = 20;
const DATE = 1082;

/** Any Postgres (a Supabase project's database in production) through node-postgres. */
export function createPostgresDatabase(options: PostgresOptions): Database {
	const pool = new pg.Pool({
		connectionString: options.connectionString,
		max: options.max ?? 10,
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				// Same shapes as the PGlite adapter: int8 as number, date as 'YYYY-MM-DD'.
				if (oid === INT8) return (value: string) => Number(value);
				if (oid === DATE) return (value: string) => value;
				return pg.types.getTypeParser(oid, format);
			}) as typeof pg.types.getTypeParser
		}
	});
	pool.on('error', (error) => options.onError?.(error));

	async function run<T>(
		setup: (tx: Tx) => Promise<void>,
		work: (tx: Tx) => Promise<T>
	): Promise<T> {
		const client = await pool.connect();
		// The pool listens for errors only on idle connections. A connection that dies while it is
		// checked out but between two statements (a server restart mid-transaction) emits 'error'
		// on the client itself; unheard, that is an uncaught exception that ends the process. The
		// transaction's next statement fails anyway and the connection is discarded.
		let broken = false;
		const onClientError = (error: Error) => {
			broken = true;
			options.onError?.(error);
		};
		client.on('error', onClientError);
		const tx: Tx = {
			async query<Row>(sql: string, params?: readonly SqlValue[]) {
				const result = await client.query(sql, toDriverParams(params));
				return result.rows as Row[];
			},
			async exec(sql: string) {
				await client.query(sql);
			}
		};
		try {
			await client.query('begin');
			await setup(tx);
			const result = await work(tx);
			await client.query('commit');
			return result;
		} catch (error) {
			try {
				await client.query('rollback');
			} catch {
				broken = true;
			}
			throw error;
		} finally {
			client.off('error', onClientError);
			client.release(broken);
		}
	}

	return {
		mode: 'postgres',
		asUser: (claims, work) =>
			run((tx) => becomeUser(tx, claims, { statementTimeoutMs: options.statementTimeoutMs }), work),
		asService: (work) => run(becomeService, work),
		asOwner: (work) => run(async () => {}, work),
		close: () => pool.end()
	};
}
