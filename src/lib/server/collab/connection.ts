/**
 * One socket on one document. `handleFrame` is the inbound pipeline, in this order: frame size,
 * message rate, decoding, access (read-only drops writes), then the document's own gate for
 * updates and the awareness guard. The first failing step closes this socket and nothing of the
 * frame reaches the document.
 */
import type { WebSocket } from 'ws';
import { CloseCode, type CollabLimits } from '$lib/shared/collab';
import {
	byteBucket,
	isFrameTooLarge,
	isSlowConsumer,
	messageBucket,
	type TokenBucket
} from './limits';
import type { CollabMetrics } from './metrics';
import { decodeClientMessage } from './protocol';
import type { SharedDocument } from './shared-document';
import type { Access, CollabLogger, CollabUser, ConnectionInfo } from './types';

export interface ConnectionContext {
	limits: CollabLimits;
	logger: CollabLogger;
	metrics: CollabMetrics;
	/** After a close the socket gets this long to finish the handshake before it is cut. */
	closeGraceMs: number;
}

export class Connection implements ConnectionInfo {
	/** Cleared by each ping, set by each pong: a socket that stays silent is dead. */
	alive = true;
	private closing = false;
	private readonly messages: TokenBucket;
	private readonly bytes: TokenBucket;

	constructor(
		readonly socket: WebSocket,
		readonly user: CollabUser,
		readonly docName: string,
		readonly access: Access,
		private readonly document: SharedDocument<Connection>,
		private readonly context: ConnectionContext
	) {
		this.messages = messageBucket(context.limits);
		this.bytes = byteBucket(context.limits);
	}

	handleFrame(frame: Uint8Array, isBinary: boolean): void {
		if (this.closing) return;
		const { limits, metrics } = this.context;
		metrics.add('messagesIn');
		if (isFrameTooLarge(frame, limits)) {
			return this.reject(CloseCode.FrameTooLarge, `frame of ${frame.byteLength} bytes`);
		}
		if (!this.messages.take()) return this.reject(CloseCode.RateLimited, 'too many messages');
		if (!this.bytes.take(frame.byteLength)) {
			return this.reject(CloseCode.RateLimited, 'too many bytes');
		}
		if (!isBinary) return this.reject(CloseCode.Malformed, 'text frame');
		const decoded = decodeClientMessage(frame, limits);
		if (!decoded.ok) return this.reject(CloseCode.Malformed, decoded.reason);
		const message = decoded.message;
		switch (message.type) {
			case 'sync-step1':
				this.send(this.document.syncStep2(message.stateVector));
				return;
			case 'sync-step2':
			case 'sync-update': {
				if (this.access !== 'write') {
					metrics.add('readOnlyDrops');
					return;
				}
				const outcome = this.document.applyUpdate(message.update, this);
				if (!outcome.ok) this.reject(outcome.code, outcome.reason);
				return;
			}
			case 'awareness': {
				const outcome = this.document.applyAwareness(message.entries, this);
				if (!outcome.ok) this.reject(outcome.code, outcome.reason);
				return;
			}
			case 'query-awareness':
				this.send(this.document.awarenessFrame());
				return;
		}
	}

	/** Sends unless the socket is closing; a consumer too far behind is closed instead. */
	send(frame: Uint8Array): void {
		if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
		if (isSlowConsumer(this.socket, this.context.limits)) {
			this.close(CloseCode.TooSlow, 'too slow');
			return;
		}
		this.context.metrics.add('messagesOut');
		this.socket.send(frame);
	}

	/** Closes with a code the client sees; cuts the socket if the close handshake stalls. */
	close(code: number, reason: string): void {
		if (this.closing) return;
		this.closing = true;
		this.context.metrics.closed(code);
		this.socket.close(code, truncateReason(reason));
		const timer = setTimeout(() => this.socket.terminate(), this.context.closeGraceMs);
		timer.unref();
		this.socket.once('close', () => clearTimeout(timer));
	}

	private reject(code: number, reason: string): void {
		this.context.logger.warn('closing connection after a rejected message', {
			doc: this.docName,
			userId: this.user.userId,
			code,
			reason
		});
		this.close(code, reason);
	}
}

/** The WebSocket protocol allows 123 bytes of close reason; `ws` throws beyond that. */
export function truncateReason(reason: string): string {
	let result = reason;
	while (Buffer.byteLength(result) > 123) result = result.slice(0, -1);
	return result;
}
