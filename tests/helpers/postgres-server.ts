import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL server in a temporary directory, on a free loopback port. */
export interface PostgresServer {
	url: (database?: string) => string;
	/** Stops the server (fast shutdown: connections are cut) and keeps its data. */
	halt: () => void;
	/** Starts it again on the same port with the same data. */
	resume: () => void;
	stop: () => void;
}

const INSTALL_HINT =
	'PostgreSQL server binaries (initdb, pg_ctl) are needed for the Postgres integration suite. Install them with `sudo apt-get install -y postgresql` (Debian/Ubuntu) or your system package manager, or set PG_BIN to their directory.';

export function findPostgresBin(): string {
	if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb')))
		return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length > 0) return join(root, versions[0], 'bin');
	throw new Error(INSTALL_HINT);
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export async function startPostgres(): Promise<PostgresServer> {
	const bin = findPostgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'mentorpad-pg-'));
	const data = join(dir, 'data');
	const port = await freePort();
	// initdb refuses to run as root; run the server as the `postgres` system user then.
	const asRoot = process.getuid?.() === 0;
	chmodSync(dir, 0o777);
	const run = (cmd: string, args: string[]) => {
		const full = asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args;
		const result = spawnSync(asRoot ? 'runuser' : join(bin, cmd), full, {
			encoding: 'utf8',
			cwd: dir
		});
		if (result.status !== 0) {
			throw new Error(`${cmd} failed (${result.status}): ${result.stderr || result.stdout}`);
		}
	};
	run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
	const start = () =>
		run('pg_ctl', [
			'-D',
			data,
			'-l',
			join(dir, 'server.log'),
			'-w',
			'-t',
			'60',
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
			'start'
		]);
	start();
	let stopped = false;
	return {
		url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
		halt: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
		resume: start,
		stop() {
			if (stopped) return;
			stopped = true;
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
