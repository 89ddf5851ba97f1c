/**
 * Sign-in limits with two app instances sharing one real Redis: the count and the delay are
 * shared, so a second instance does not double the attempts; with Redis down each instance still
 * limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE } from '$lib/server/auth/device-cookie';
import { createLocalAuth } from '$lib/server/auth/local';
import type { Limiters } from '$lib/server/auth/rate-limit';
import { createRedisLimiters } from '$lib/server/auth/rate-limit-redis';
import type { AuthProvider } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { buildUser, FACTORY_PASSWORD } from '../factories';
import { retryableAssertion } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';
import { startRedis, type RedisServer } from '../helpers/redis-server';

let db: Database;
let redis: RedisServer;
const limiters: Limiters[] = [];

/** One app instance's auth: its own Redis connection, as a separate process would have. */
function instance(statuses: string[] = []): AuthProvider {
	const shared = createRedisLimiters({ url: redis.url, onStatus: (s) => statuses.push(s) });
	limiters.push(shared);
	return createLocalAuth({
		db,
		mailer: createOutboxMailer(db, createLogger('silent')),
		origin: 'http://mentorpad.test',
		sessionDays: 1,
		throttle: { freeFailures: 2 },
		limiters: shared
	});
}

beforeAll(async () => {
	redis = await startRedis();
	db = await createTestDatabase();
});

afterAll(async () => {
	for (const shared of limiters) await shared.close();
	await redis?.dispose();
	await db?.close();
});

describe(`sign-in limits across app instances (${testEngine()})`, () => {
	it('counts the failed attempts made on either instance together', async () => {
		const [a, b] = [instance(), instance()];
		const user = await buildUser(db);
		const meta = { ip: '203.0.113.7', userAgent: 'test' };
		// The owner signed in on this laptop before (through instance a).
		const earlier = await a.signIn(user.email, FACTORY_PASSWORD, meta);
		if (!earlier.ok) throw new Error('sign-in failed');
		const device = earlier.cookies.find((cookie) => cookie.name === DEVICE_COOKIE);
		const laptop = { ...meta, deviceCookie: device!.value };
		for (const auth of [a, b, a]) {
			expect(await auth.signIn(user.email, 'wrong-password', meta)).toMatchObject({
				reason: 'invalid'
			});
		}
		// Three failures in all, two of them free: an unknown device waits now, on both instances.
		for (const auth of [b, a]) {
			expect(await auth.signIn(user.email, FACTORY_PASSWORD, meta)).toMatchObject({
				ok: false,
				reason: 'rate_limited'
			});
		}
		// The owner's laptop is let through on the other instance too.
		expect((await b.signIn(user.email, FACTORY_PASSWORD, laptop)).ok).toBe(true);
		// Another account behind the same address is not affected.
		const other = await buildUser(db);
		expect((await b.signIn(other.email, FACTORY_PASSWORD, meta)).ok).toBe(true);
	});

	it('with Redis down each instance still limits on its own, and says so once', async () => {
		const statuses: string[] = [];
		const a = instance(statuses);
		const user = await buildUser(db);
		const meta = { ip: '203.0.113.8', userAgent: 'test' };
		await redis.stop();
		try {
			await retryableAssertion(() => expect(statuses).toContain('unavailable'), {
				timeout: 5_000
			});
			const started = performance.now();
			// Two free failures, and the third starts a delay: counted in memory meanwhile.
			for (let i = 0; i < 3; i++) {
				expect(await a.signIn(user.email, 'wrong-password', meta)).toMatchObject({
					reason: 'invalid'
				});
			}
			expect(await a.signIn(user.email, FACTORY_PASSWORD, meta)).toMatchObject({
				reason: 'rate_limited'
			});
			// Answered from memory at once (four password checks), not after waiting for Redis.
			expect(performance.now() - started).toBeLessThan(2_000);
		} finally {
			await redis.start();
		}
		await retryableAssertion(() => expect(statuses).toEqual(['unavailable', 'available']), {
			timeout: 10_000
		});
	});
});
