/**
 * Attempt limits (sign-in, password-reset mails) on `rate-limiter-flexible`. In one process the
 * counts live in memory. With several app instances (`REDIS_URL`) they live in Redis, so an
 * attacker cannot multiply the limit by the number of instances; while Redis is unreachable each
 * instance falls back to its own in-memory count (the library's insurance limiter) and the
 * limits keep working (`rate-limit-redis.ts`, loaded only then).
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

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

/** A limiter of `rate-limiter-flexible` as a `Limiter` of `points` attempts. */
export function wrap(limiter: RateLimiterAbstract, points: number): Limiter {
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
