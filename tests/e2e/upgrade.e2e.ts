import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import WebSocket from 'ws';
import { copyDemoData, freePort } from './server-process';

const DOC = 'pair/00000000-0000-4000-8000-000000000001/sheet/00000000-0000-4000-8000-000000000002';

/** Opens a WebSocket and resolves with the close code the server sends. */
function closeCodeOf(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers });
		const timer = setTimeout(() => reject(new Error(`no close from ${url}`)), 15_000);
		socket.on('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
		socket.on('error', () => undefined);
	});
}

test('production: a WebSocket upgrade on /collab/ reaches the collaboration server', async ({
	baseURL
}) => {
	const ws = baseURL!.replace('http', 'ws');
	expect(await closeCodeOf(`${ws}/collab/${DOC}`)).toBe(4401);
	expect(await closeCodeOf(`${ws}/collab/not-a-document`)).toBe(4400);
});

/** GETs `url` through `agent` and resolves with the status and the socket it used. */
function getVia(agent: Agent, url: string): Promise<{ status: number; socket: Socket }> {
	return new Promise((resolve, reject) => {
		const request = get(url, { agent }, (response) => {
			response.resume();
			response.on('end', () => resolve({ status: response.statusCode!, socket: request.socket! }));
		});
		request.on('error', reject);
	});
}

test('production: an idle kept-alive connection is still open after 6 s and serves the next request', async ({
	baseURL
}) => {
	// Node closes idle connections after 5 s by default; a client whose next request crossed that
	// close got ECONNRESET (seen in this suite: a CSV fetched after a pause). server.js keeps them 65 s.
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	try {
		const first = await getVia(agent, `${baseURL}/healthz`);
		expect(first.status).toBe(200);
		let closedAt = 0;
		first.socket.once('close', () => (closedAt = Date.now()));
		await new Promise((resolve) => setTimeout(resolve, 6_000));
		expect(closedAt, 'the server closed the idle connection').toBe(0);
		const second = await getVia(agent, `${baseURL}/healthz`);
		expect(second.status).toBe(200);
		expect(second.socket, 'the same connection served the second request').toBe(first.socket);
	} finally {
		agent.destroy();
	}
});

test('development: the Vite plugin routes /collab/ upgrades to the same server', async () => {
	// The first request compiles the app on demand: 27 s on a quiet 2-core machine, over 90 s
	// while the other project's browser keeps both cores busy.
	test.setTimeout(300_000);
	const port = await freePort();
	// On a copy of the run's demo template: creating and migrating a database from nothing would
	// add about 10 CPU-seconds to a test about the upgrade route, not the database.
	const dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-dev-'));
	copyDemoData(dataDir);
	const child: ChildProcess = spawn(
		process.execPath,
		[
			'node_modules/vite/bin/vite.js',
			'dev',
			'--port',
			String(port),
			'--strictPort',
			'--host',
			'127.0.0.1'
		],
		{
			env: { ...process.env, DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
			stdio: 'ignore',
			detached: true
		}
	);
	try {
		await expect
			.poll(
				async () => {
					try {
						return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
					} catch {
						return 0;
					}
				},
				{ timeout: 240_000, intervals: [500] }
			)
			.toBe(200);
		expect(await closeCodeOf(`ws://127.0.0.1:${port}/collab/${DOC}`)).toBe(4401);
	} finally {
		// Stop the whole process group (Vite's own children too).
		const exited = new Promise((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
			else child.once('exit', resolve);
		});
		if (child.pid) process.kill(-child.pid, 'SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
		rmSync(dataDir, { recursive: true, force: true });
	}
});
