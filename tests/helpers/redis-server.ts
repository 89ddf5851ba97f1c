/**
 * A throwaway `redis-server` for one test file: a temporary directory, a free loopback port, no
 * persistence. It can be stopped and started again on the same port, as an outage would.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres-server';

export interface RedisServer {
	url: string;
	/** Stops the server (as a crash would: nothing is saved); resolves once it has exited. */
	stop(): Promise<void>;
	/** Starts it again on the same port; resolves once it answers. */
	start(): Promise<void>;
	/** Stops it for good and removes its directory. */
	dispose(): Promise<void>;
}

const INSTALL_HINT =
	'The fan-out tests need a real `redis-server`. Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu) or your system package manager, or set REDIS_SERVER_BIN to the binary.';

export function findRedisServer(): string {
	const candidates = [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server'];
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
	throw new Error(INSTALL_HINT);
}

export async function startRedis(): Promise<RedisServer> {
	const bin = findRedisServer();
	const dir = mkdtempSync(join(tmpdir(), 'mentorpad-redis-'));
	const port = await freePort();
	let child: ChildProcess | null = null;
	let output = '';

	async function start(): Promise<void> {
		if (child) return;
		output = '';
		const started = spawn(
			bin,
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--loglevel',
				'warning'
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		child = started;
		started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		started.once('exit', () => {
			if (child === started) child = null;
		});
		const deadline = Date.now() + 10_000;
		while (!(await answersPing(port))) {
			if (child !== started) throw new Error(`redis-server exited at start: ${output}`);
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`redis-server did not answer on port ${port}: ${output}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	async function stop(): Promise<void> {
		const running = child;
		if (!running) return;
		const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
		running.kill('SIGKILL');
		await exited;
		child = null;
	}

	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		stop,
		start,
		async dispose() {
			await stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** True when something on the port answers a PING with PONG. */
function answersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
	});
}
