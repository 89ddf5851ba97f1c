import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The run's demo template: a data directory the production server made from nothing, with demo
 * data, and shut down gracefully (tests/e2e/global-setup.ts makes it before any test).
 */
export const DEMO_TEMPLATE = fileURLToPath(new URL('../../data-e2e-template', import.meta.url));

/**
 * Replaces `dataDir` with a copy of the demo template: a server started on it restarts on an
 * existing database with demo data instead of creating and migrating one.
 */
export function copyDemoData(dataDir: string): void {
	if (!existsSync(DEMO_TEMPLATE))
		throw new Error(`no demo template at ${DEMO_TEMPLATE}: Playwright's global setup makes it`);
	rmSync(dataDir, { recursive: true, force: true });
	cpSync(DEMO_TEMPLATE, dataDir, { recursive: true });
}

/** A free TCP port on the loopback interface (released again before it is returned). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as { port: number }).port;
			server.close(() => resolve(port));
		});
	});
}

export interface ServerProcessOptions {
	port: number;
	dataDir: string;
	/** Extra environment on top of the defaults (DEMO_DATA=true, LOG_LEVEL=warn, 32 MB of buffers). */
	env?: Record<string, string>;
	/** Also write what the server writes to stderr to this process's stderr (warnings, errors). */
	echoErrors?: boolean;
	/** Node's own options before `server.js`; `TEST_NODE_ARGS` unless given. */
	nodeArgs?: string[];
}

/**
 * V8's baseline WebAssembly compiler only (`--liftoff-only`). By default V8 also compiles the
 * embedded database's WebAssembly with its optimising compiler, in the background: while the
 * server starts (3.3 CPU-seconds a start with it, 2.1 without) and for each query function that
 * grows hot. A test's server lives for seconds or minutes, too short for that to pay off: the
 * kill -9 test (25 starts) took 98.7 s and 154 CPU-seconds alone with it, 80.4 s and 103 without;
 * five `flows` files, 51 and 45 CPU-seconds of the servers. The same code runs, more slowly:
 * what the tests prove does not depend on it. monitoring-load, which measures time, runs the
 * default.
 */
export const TEST_NODE_ARGS = ['--liftoff-only'];

interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/**
 * The production server (`node server.js`, after `npm run build`) as a child process in its own
 * process group, so a test can SIGKILL it (a crash) or SIGTERM it (a graceful shutdown) and start
 * it again on the same port and data directory. Keeps the tail of its output for failure messages.
 */
export class ServerProcess {
	readonly origin: string;
	private child: ChildProcess | null = null;
	private exited: Promise<Exit> | null = null;
	private output: string[] = [];
	/** How many times the process was started. */
	starts = 0;

	constructor(private readonly options: ServerProcessOptions) {
		this.origin = `http://127.0.0.1:${options.port}`;
	}

	get running(): boolean {
		return this.child !== null;
	}

	/** The last lines the process (or its predecessors) wrote, for diagnostics. */
	tail(lines = 40): string {
		return this.output.slice(-lines).join('\n');
	}

	/** Starts the server and resolves once `/healthz` answers 200. */
	async start(timeoutMs = 60_000): Promise<void> {
		if (this.child) throw new Error('server already running');
		this.starts += 1;
		const child = spawn(
			process.execPath,
			[...(this.options.nodeArgs ?? TEST_NODE_ARGS), 'server.js'],
			{
				cwd: process.cwd(),
				env: {
					...process.env,
					PORT: String(this.options.port),
					HOST: '127.0.0.1',
					DATA_DIR: this.options.dataDir,
					DEMO_DATA: 'true',
					LOG_LEVEL: 'warn',
					// A demo database is a few megabytes: 32 MB of buffers instead of 128 start it 0.5 s
					// sooner (the kill -9 test starts its server 25 times).
					PGLITE_SHARED_BUFFERS_MB: '32',
					...this.options.env
				},
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true
			}
		);
		this.child = child;
		const label = `[server#${this.starts}]`;
		const keep = (chunk: Buffer) => {
			for (const line of chunk.toString('utf8').split('\n')) {
				if (line.trim()) this.output.push(`${label} ${line.slice(0, 300)}`);
			}
			if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		if (this.options.echoErrors)
			child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
		this.exited = new Promise<Exit>((resolve) => {
			child.once('exit', (code, signal) => {
				this.output.push(`${label} exited (code ${code}, signal ${signal})`);
				resolve({ code, signal });
			});
		});

		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				this.child = null;
				throw new Error(`server exited during start-up\n${this.tail()}`);
			}
			try {
				const response = await fetch(`${this.origin}/healthz`, {
					signal: AbortSignal.timeout(2_000)
				});
				await response.arrayBuffer();
				if (response.status === 200) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		await this.kill();
		throw new Error(`server did not answer /healthz within ${timeoutMs} ms\n${this.tail()}`);
	}

	/** SIGKILL to the whole process group: a crash, nothing flushed. Resolves once it is gone. */
	async kill(): Promise<void> {
		await this.signal('SIGKILL', 10_000);
	}

	/** SIGTERM (graceful shutdown: the server flushes its documents); SIGKILL after the timeout. */
	async stop(timeoutMs = 20_000): Promise<Exit | null> {
		return this.signal('SIGTERM', timeoutMs);
	}

	private async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<Exit | null> {
		const child = this.child;
		const exited = this.exited;
		if (!child || !exited || child.pid === undefined) return null;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// Already gone.
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), timeoutMs);
		});
		const result = await Promise.race([exited, timeout]);
		clearTimeout(timer);
		if (result === 'timeout') {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
			await exited;
			this.child = null;
			throw new Error(`server did not exit on ${signal} within ${timeoutMs} ms\n${this.tail()}`);
		}
		this.child = null;
		return result;
	}
}
