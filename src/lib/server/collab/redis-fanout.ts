/**
 * The fan-out port on Redis pub/sub: one channel per open document (`mentorpad:doc:<name>`),
 * binary envelopes tagged with the publishing instance, which drops its own echoes.
 *
 * Two connections, since a subscribed Redis connection cannot publish. While either is down the
 * fan-out is degraded: publishing drops messages (no offline queue: the resync replaces them),
 * the instance goes on serving its own clients, and one line is logged. When both are back, every
 * channel is subscribed again and every open document resyncs (`FanoutListener.live`); one line
 * is logged for that too.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import {
	decodeFanoutMessage,
	encodeFanoutMessage,
	type Fanout,
	type FanoutListener,
	type FanoutStatus
} from './fanout';
import { errorMessage, type CollabLogger } from './types';

export interface RedisFanoutOptions {
	/** `redis://` or `rediss://` URL. */
	url: string;
	logger: CollabLogger;
	instanceId?: string;
	/** Prefix of the channel names. Default `mentorpad:doc:`. */
	channelPrefix?: string;
	/** Longest wait between reconnection attempts. Default 2 s. */
	reconnectMaxMs?: number;
	/** Larger messages from others are dropped. Default 64 MiB (a whole large document). */
	maxMessageBytes?: number;
}

interface Channel {
	listeners: Set<FanoutListener>;
	/** Registered with the client in buffer mode; one per channel so re-subscribing deduplicates. */
	handler: (message: Buffer) => void;
}

const MALFORMED_LOG_INTERVAL_MS = 60_000;
const CLOSE_TIMEOUT_MS = 2_000;

export interface RedisFanout extends Fanout {
	/** Connection errors seen so far (each failed reconnection attempt is one): for health checks and tests. */
	readonly failedAttempts: number;
}

export function createRedisFanout(options: RedisFanoutOptions): RedisFanout {
	const { logger } = options;
	const instanceId = options.instanceId ?? randomUUID();
	const prefix = options.channelPrefix ?? 'mentorpad:doc:';
	const reconnectMaxMs = options.reconnectMaxMs ?? 2_000;
	const maxMessageBytes = options.maxMessageBytes ?? 64 * 1024 * 1024;

	const publisher = createClient({
		url: options.url,
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 5_000,
			reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), reconnectMaxMs)
		}
	});
	const subscriber = publisher.duplicate();
	const channels = new Map<string, Channel>();
	/** Channels the subscriber connection holds (it re-subscribes them by itself on reconnect). */
	const held = new Map<string, Channel['handler']>();
	let status: FanoutStatus = 'connecting';
	let lastError = '';
	let malformedLoggedAt = 0;
	let malformedSinceLog = 0;
	let failedAttempts = 0;

	const channelOf = (docName: string) => `${prefix}${docName}`;

	/** `failed`: a connection attempt failed (while connecting, not being ready yet is normal). */
	function statusChanged(failed = false): void {
		if (status === 'closed') return;
		const live = publisher.isReady && subscriber.isReady;
		if (live && status !== 'live') {
			if (status === 'degraded') {
				logger.info('redis fan-out recovered; resyncing open documents', {
					documents: channels.size
				});
			} else {
				logger.info('redis fan-out connected', { instance: instanceId });
			}
			status = 'live';
			void resubscribeAll();
		} else if (!live && (status === 'live' || (status === 'connecting' && failed))) {
			status = 'degraded';
			logger.warn(
				'redis fan-out unavailable: serving local clients only, resyncing when it returns',
				{ error: lastError || 'connection lost' }
			);
		}
	}

	for (const client of [publisher, subscriber]) {
		client.on('error', (error: unknown) => {
			failedAttempts += 1;
			lastError = errorMessage(error);
			statusChanged(true);
		});
		for (const event of ['ready', 'end', 'reconnecting']) client.on(event, () => statusChanged());
	}

	function deliver(docName: string, raw: Buffer): void {
		const channel = channels.get(docName);
		if (!channel) return;
		const message = decodeFanoutMessage(raw, maxMessageBytes);
		if (!message) return noteMalformed(docName, raw.byteLength);
		if (message.origin === instanceId) return;
		for (const listener of channel.listeners) {
			try {
				listener.message(message);
			} catch (error) {
				logger.error('handling a fan-out message failed', {
					doc: docName,
					error: errorMessage(error)
				});
			}
		}
	}

	/** Something else writes on our channels; say so at most once a minute. */
	function noteMalformed(docName: string, bytes: number): void {
		malformedSinceLog += 1;
		const now = Date.now();
		if (now - malformedLoggedAt < MALFORMED_LOG_INTERVAL_MS) return;
		logger.warn('dropped malformed fan-out messages', {
			doc: docName,
			bytes,
			count: malformedSinceLog
		});
		malformedLoggedAt = now;
		malformedSinceLog = 0;
	}

	async function hold(docName: string, channel: Channel): Promise<boolean> {
		try {
			await subscriber.subscribe(channelOf(docName), channel.handler, true);
			held.set(docName, channel.handler);
			return true;
		} catch {
			// The connection dropped meanwhile: the recovery subscribes everything again.
			return false;
		}
	}

	async function release(docName: string, handler: Channel['handler']): Promise<void> {
		try {
			await subscriber.unsubscribe(channelOf(docName), handler, true);
			if (held.get(docName) === handler) held.delete(docName);
		} catch {
			// Still held: the next recovery releases it.
		}
	}

	function notifyLive(docName: string, listeners: Iterable<FanoutListener>): void {
		for (const listener of listeners) {
			// Only listeners still subscribed (a document may unload while we waited).
			if (!channels.get(docName)?.listeners.has(listener)) continue;
			try {
				listener.live();
			} catch (error) {
				logger.error('resyncing a document failed', { doc: docName, error: errorMessage(error) });
			}
		}
	}

	/** After (re)connecting: hold exactly the open documents' channels, then resync them all. */
	async function resubscribeAll(): Promise<void> {
		for (const [docName, handler] of [...held]) {
			if (channels.get(docName)?.handler !== handler) await release(docName, handler);
		}
		await Promise.all(
			[...channels].map(async ([docName, channel]) => {
				if (await hold(docName, channel)) notifyLive(docName, [...channel.listeners]);
			})
		);
	}

	void publisher.connect().catch(() => {});
	void subscriber.connect().catch(() => {});

	return {
		instanceId,
		get status() {
			return status;
		},
		get degraded() {
			return status === 'connecting' || status === 'degraded';
		},
		get failedAttempts() {
			return failedAttempts;
		},

		publish(docName, kind, payload, originInstanceId) {
			if (status !== 'live') return;
			const envelope = encodeFanoutMessage({ kind, payload, origin: originInstanceId });
			const bytes = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
			// A failure is a lost connection, which the error event reports.
			publisher.publish(channelOf(docName), bytes).catch(() => {});
		},

		subscribe(docName, listener) {
			let channel = channels.get(docName);
			if (!channel) {
				const handler = (message: Buffer) => deliver(docName, message);
				channel = { listeners: new Set(), handler };
				channels.set(docName, channel);
			}
			channel.listeners.add(listener);
			const subscribed = channel;
			if (status === 'live') {
				void hold(docName, subscribed).then((ok) => ok && notifyLive(docName, [listener]));
			}
			return () => {
				subscribed.listeners.delete(listener);
				if (subscribed.listeners.size > 0 || channels.get(docName) !== subscribed) return;
				channels.delete(docName);
				if (status === 'live') void release(docName, subscribed.handler);
			};
		},

		async close() {
			if (status === 'closed') return;
			status = 'closed';
			channels.clear();
			await Promise.all([publisher, subscriber].map(closeClient));
		}
	};
}

/** Waits for commands in flight (e.g. the last presence removals), but not forever. */
async function closeClient(client: ReturnType<typeof createClient>): Promise<void> {
	if (!client.isOpen) return;
	if (client.isReady) {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timedOut = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
		});
		await Promise.race([client.close().catch(() => {}), timedOut]);
		clearTimeout(timer);
	}
	if (client.isOpen) client.destroy();
}
