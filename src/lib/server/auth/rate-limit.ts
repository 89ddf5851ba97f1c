/**
 * Attempt limits (sign-in, password-reset mails) on `rate-limiter-flexible`. In one process the
 * counts live in memory. With several app instances (`REDIS_URL`) they live in Redis, so an
 * attacker cannot multiply the limit by the number of instances; while Redis is unreachable each
 * instance falls back to its own in-memory count (the library's insurance limiter) and the
 * limits keep working.
 */
import {
	RateLimiterMemory,
	RateLimiterRedis,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { createClient } from 'redis';

export interface Limiter {
	/** Seconds to wait when the key has used up its attempts, else null. Counts nothing. */
	check(key: string): Promise<number | null>;
	/** Counts an attempt; returns seconds to wait when this went over the limit, else null. */
	hit(key: string): Promise<number | null>;
	/** Counts an attempt and returns how many the key has made in the current window. */
	count(key: string): Promise<number>;
	/** Holds the key over its limit for `seconds` (a delay its caller chose). */
	block(key: string, seconds: number): Promise<void>;
	reset(key: string): Promise<void>;
}

/** Makes the limiters of the auth providers; `name` keeps their counts apart. */
export interface Limiters {
	create(name: string, points: number, durationSeconds: number): Limiter;
	close(): Promise<void>;
}

export const memoryLimiters: Limiters = {
	create: (_name, points, duration) => wrap(new RateLimiterMemory({ points, duration }), points),
	close: async () => {}
};

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

function wrap(limiter: RateLimiterAbstract, points: number): Limiter {
	return {
		async check(key) {
			const state = await limiter.get(key);
			return state && state.consumedPoints >= points
				? Math.max(1, Math.ceil(state.msBeforeNext / 1000))
				: null;
		},
		async hit(key) {
			try {
				await limiter.consume(key);
				return null;
			} catch (rejection) {
				if (rejection instanceof Error) throw rejection;
				const ms = (rejection as { msBeforeNext: number }).msBeforeNext;
				return Math.max(1, Math.ceil(ms / 1000));
			}
		},
		async count(key) {
			try {
				return (await limiter.consume(key)).consumedPoints;
			} catch (rejection) {
				if (rejection instanceof Error) throw rejection;
				return (rejection as { consumedPoints: number }).consumedPoints;
			}
		},
		async block(key, seconds) {
			await limiter.block(key, seconds);
		},
		async reset(key) {
			await limiter.delete(key);
		}
	};
}
