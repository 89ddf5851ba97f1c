import { DEFAULT_COLLAB_LIMITS, type CollabLimits } from '$lib/shared/collab';

/** Fills in defaults and rejects limits that would make the server unusable or unbounded. */
export function resolveLimits(overrides: Partial<CollabLimits> = {}): CollabLimits {
	const limits = { ...DEFAULT_COLLAB_LIMITS, ...overrides };
	for (const [key, value] of Object.entries(limits)) {
		if (!Number.isFinite(value) || value <= 0) {
			throw new Error(`Collaboration limit ${key} must be a positive number, got ${value}`);
		}
	}
	return limits;
}

/**
 * The hard cap handed to `ws` as `maxPayload`. Frames between `maxFrameBytes` and this cap are
 * read and closed with our own code (4413, observable by the client); bigger ones are cut off by
 * `ws` itself (close 1009) before they are buffered.
 */
export function transportPayloadCap(limits: CollabLimits): number {
	return limits.maxFrameBytes * 2;
}

/** The byte bucket holds two maximal frames, so one large initial sync always fits. */
export function byteBucket(limits: CollabLimits): TokenBucket {
	return new TokenBucket(limits.bytesPerSecond, limits.maxFrameBytes * 2);
}

export function messageBucket(limits: CollabLimits): TokenBucket {
	return new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
}

export function isFrameTooLarge(frame: Uint8Array, limits: CollabLimits): boolean {
	return frame.byteLength > limits.maxFrameBytes;
}

/**
 * A per-connection rate: `capacity` tokens at once, refilled at `perSecond`. The clock is
 * injectable so tests do not sleep.
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly perSecond: number,
		private readonly capacity: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.tokens = capacity;
		this.last = now();
	}

	/** Takes `cost` tokens; false (taking none) when there are not that many. */
	take(cost = 1): boolean {
		const now = this.now();
		this.tokens = Math.min(
			this.capacity,
			this.tokens + ((now - this.last) / 1000) * this.perSecond
		);
		this.last = now;
		if (this.tokens < cost) return false;
		this.tokens -= cost;
		return true;
	}
}

/**
 * A consumer is too slow when what we already queued for it and it has not taken exceeds the
 * bound. Checked before each send, so one large message (the initial sync of a big document) is
 * always allowed onto an empty buffer.
 */
export function isSlowConsumer(socket: { bufferedAmount: number }, limits: CollabLimits): boolean {
	return socket.bufferedAmount > limits.maxBufferedBytes;
}
