/**
 * The composition root in a hosted set-up: PostgreSQL, Supabase auth and Storage, and a Redis that
 * several app instances share. The runtime loads those clients only when they are configured (a
 * start without them stays short), so this proves each is loaded and used when it is: the
 * database is PostgreSQL, auth and files are Supabase's, and the sign-in limits and the fan-out
 * hold connections to the Redis until the runtime closes. Nothing here talks to Supabase: creating
 * its clients sends no request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createRuntime } from '$lib/server/runtime';
import { createPostgresDatabaseForTest, testEngine } from '../helpers/db';
import { startRedis, type RedisServer } from '../helpers/redis-server';

describe.skipIf(testEngine() !== 'postgres')('the runtime of a hosted set-up', () => {
	let redis: RedisServer;
	let observer: ReturnType<typeof createClient>;

	beforeAll(async () => {
		redis = await startRedis();
		observer = createClient({ url: redis.url });
		await observer.connect();
	});
	afterAll(async () => {
		await observer?.close();
		await redis?.dispose();
	});

	/** Connections to the Redis other than the test's own. */
	async function otherClients(): Promise<number> {
		const list = String(await observer.sendCommand(['CLIENT', 'LIST']));
		return list.split('\n').filter((line) => line.trim()).length - 1;
	}

	it('uses PostgreSQL, Supabase and Redis, and lets go of Redis when it closes', async () => {
		const runtime = await createRuntime({
			DATABASE_URL: await createPostgresDatabaseForTest({ migrated: true }),
			PUBLIC_SUPABASE_URL: 'http://127.0.0.1:9',
			PUBLIC_SUPABASE_ANON_KEY: 'anon-key',
			SUPABASE_JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
			SUPABASE_SERVICE_ROLE_KEY: 'service-role-key',
			SUPABASE_STORAGE_BUCKET: 'attachments',
			REDIS_URL: redis.url,
			LOG_LEVEL: 'silent'
		});
		try {
			expect(runtime.db.mode).toBe('postgres');
			expect(runtime.auth.kind).toBe('supabase');
			expect(runtime.files.kind).toBe('supabase');
			// The sign-in limits' client and the fan-out's publisher and subscriber.
			await expect.poll(otherClients, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
			expect((await runtime.db.asOwner((tx) => tx.query('select 1 as one')))[0]).toEqual({
				one: 1
			});
		} finally {
			await runtime.close();
		}
		await expect.poll(otherClients, { timeout: 10_000 }).toBe(0);
	});
});
