/**
 * Attempt limits shared by several app instances through Redis (`REDIS_URL`): an attacker cannot
 * multiply a limit by the number of instances. While Redis is unreachable each instance falls back
 * to its own in-memory count (the library's insurance limiter) and the limits keep working. Apart
 * from `rate-limit.ts` so that a server without Redis never loads its client (a third of a second
 * of CPU at every start).
 */
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { wrap, type Limiters } from './rate-limit';

export interface RedisLimitersOptions {
	url: string;
	/** Told once when Redis becomes unreachable and once when it is back. */
	onStatus?: (status: 'unavailable' | 'available', error?: string) => void;
}

export function createRedisLimiters(options: RedisLimitersOptions): Limiters {
	const client = createClient({
		url: options.url,
		// Fail at once while disconnected, so the in-memory insurance answers instead of a queue.
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 5_000,
			reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000)
		}
	});
	let available = true;
	client.on('error', (error: unknown) => {
		if (!available) return;
		available = false;
		options.onStatus?.('unavailable', error instanceof Error ? error.message : String(error));
	});
	client.on('ready', () => {
		if (available) return;
		available = true;
		options.onStatus?.('available');
	});
	void client.connect().catch(() => {});
	return {
		create(name, points, duration) {
			const local = new RateLimiterMemory({ points, duration });
			const shared = wrap(
				new RateLimiterRedis({
					storeClient: client,
					useRedisPackage: true,
					keyPrefix: `mentorpad:limit:${name}`,
					points,
					duration,
					// A command that fails mid-way is counted here instead.
					insuranceLimiter: local
				}),
				points
			);
			const fallback = wrap(local, points);
			// While disconnected, a command would wait for the next reconnection attempt to fail
			// (seconds, growing with the backoff): answer from memory at once instead.
			const current = () => (client.isReady ? shared : fallback);
			return {
				check: (key) => current().check(key),
				hit: (key) => current().hit(key),
				count: (key) => current().count(key),
				block: (key, seconds) => current().block(key, seconds),
				reset: (key) => current().reset(key)
			};
		},
		async close() {
			if (client.isOpen) await client.close().catch(() => client.destroy());
		}
	};
}
