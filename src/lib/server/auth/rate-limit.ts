import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface Limiter {
	/** Seconds to wait when the key has used up its attempts, else null. Counts nothing. */
	check(key: string): Promise<number | null>;
	/** Counts an attempt; returns seconds to wait when this went over the limit, else null. */
	hit(key: string): Promise<number | null>;
	reset(key: string): Promise<void>;
}

/** In-process limiter: enough for the single-process default; see docs/architecture.md. */
export function createLimiter(points: number, durationSeconds: number): Limiter {
	const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
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
		async reset(key) {
			await limiter.delete(key);
		}
	};
}
