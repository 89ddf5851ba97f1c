import { rmSync } from 'node:fs';
import { DEMO_TEMPLATE, ServerProcess, copyDemoData, freePort } from './server-process';
import { APART_PORT, PORT } from './ports';

/**
 * Before any test: the production server starts once on an empty data directory with demo data
 * (the README's first command: creating the database, every migration, the demo seed) and shuts
 * down gracefully. That directory is the run's demo template: the two shared servers below and
 * every test that starts a server of its own begin from a copy of it, which is a restart (about
 * 4 s of CPU with V8's defaults, 2 s with TEST_NODE_ARGS) instead of a first start (about 14 s
 * with V8's defaults, most of it creating the database and migrating it).
 *
 * Then the `flows` and `apart` servers, each on its own copy. The returned function stops them.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
	rmSync(DEMO_TEMPLATE, { recursive: true, force: true });
	// No background jobs: nothing is sent or marked before a test's server runs them itself.
	const first = new ServerProcess({
		port: await freePort(),
		dataDir: DEMO_TEMPLATE,
		env: { JOBS_INTERVAL_MS: '0' },
		echoErrors: true
	});
	await first.start(180_000);
	const exit = await first.stop(60_000);
	if (exit?.code !== 0)
		throw new Error(`the demo template's server exited with ${JSON.stringify(exit)}`);

	const servers = [
		{ port: PORT, dataDir: 'data-e2e' },
		{ port: APART_PORT, dataDir: 'data-e2e-apart' }
	].map(({ port, dataDir }) => {
		copyDemoData(dataDir);
		// The component gallery at /dev/ui, for tests/e2e/ui-gallery.e2e.ts.
		return new ServerProcess({ port, dataDir, env: { UI_GALLERY: 'true' }, echoErrors: true });
	});
	const stopAll = async () => {
		await Promise.all(servers.map((server) => server.stop()));
	};
	const started = await Promise.allSettled(servers.map((server) => server.start(120_000)));
	const failed = started.find((result) => result.status === 'rejected');
	if (failed) {
		await stopAll();
		throw failed.reason;
	}
	return stopAll;
}
