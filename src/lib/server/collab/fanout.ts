/**
 * The fan-out port (DESIGN §7): relays the changes of each open document between app instances,
 * so that people connected to different instances edit the same document live. `redis-fanout.ts`
 * is the adapter for several instances; `createLocalFanout` is the single-instance default, where
 * there is nobody to relay to.
 *
 * Delivery is best effort: a broker that is down loses messages. Instances recover by resyncing
 * whenever a subscription becomes live again (`FanoutListener.live`), which Yjs makes safe since
 * applying an update twice changes nothing.
 */
import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * `update`: a Yjs update (V1). `awareness`: a y-websocket awareness message, as sent to clients.
 * `sync`: a state vector; instances holding the document answer with an `update` of what the
 * sender lacks. `event`: not about a document: an access event (`access-events.ts`) on its own
 * channel.
 */
export type FanoutKind = 'update' | 'awareness' | 'sync' | 'event';

/** Their order is the wire format: append only. */
export const FANOUT_KINDS: readonly FanoutKind[] = ['update', 'awareness', 'sync', 'event'];

export interface FanoutMessage {
	kind: FanoutKind;
	payload: Uint8Array;
	/** The instance that published it. */
	origin: string;
}

export interface FanoutListener {
	/** A message another instance published on the document. Must not throw. */
	message(message: FanoutMessage): void;
	/**
	 * The subscription became live: after the first subscribe, and again after each outage of the
	 * broker. Whatever was published meanwhile is lost, so the document resyncs here.
	 */
	live(): void;
}

/** `local`: single instance. `connecting`/`degraded`: serving local clients only. */
export type FanoutStatus = 'local' | 'connecting' | 'live' | 'degraded' | 'closed';

export interface Fanout {
	/** Tags what this instance publishes; messages carrying it are never delivered back to it. */
	readonly instanceId: string;
	readonly status: FanoutStatus;
	/** True while messages cannot be relayed (broker unreachable); local clients are still served. */
	readonly degraded: boolean;
	/** Fire and forget: never throws, and drops the message while degraded. */
	publish(docName: string, kind: FanoutKind, payload: Uint8Array, originInstanceId: string): void;
	/** Listens to a document's channel until the returned function is called. */
	subscribe(docName: string, listener: FanoutListener): () => void;
	close(): Promise<void>;
}

/** Single-instance mode: publishing goes nowhere and no other instance ever speaks. */
export function createLocalFanout(instanceId: string = randomUUID()): Fanout {
	let closed = false;
	return {
		instanceId,
		get status(): FanoutStatus {
			return closed ? 'closed' : 'local';
		},
		degraded: false,
		publish() {},
		subscribe: () => () => {},
		async close() {
			closed = true;
		}
	};
}

const FORMAT_VERSION = 1;
/** Longer origins are not ours: instance ids are UUIDs. */
const MAX_ORIGIN_LENGTH = 128;

/**
 * The envelope on the wire: format version, origin instance id, kind, payload. Binary, so a Yjs
 * update travels as it is.
 */
export function encodeFanoutMessage(message: FanoutMessage): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, FORMAT_VERSION);
	encoding.writeVarString(encoder, message.origin);
	encoding.writeVarUint(encoder, FANOUT_KINDS.indexOf(message.kind));
	encoding.writeVarUint8Array(encoder, message.payload);
	return encoding.toUint8Array(encoder);
}

/**
 * Reads an envelope another process wrote; null for anything malformed, of another format
 * version, or with a payload over `maxPayloadBytes`. Never throws. The payload is not checked
 * here: the document treats it as untrusted input.
 */
export function decodeFanoutMessage(
	bytes: Uint8Array,
	maxPayloadBytes: number
): FanoutMessage | null {
	try {
		const decoder = decoding.createDecoder(bytes);
		if (decoding.readVarUint(decoder) !== FORMAT_VERSION) return null;
		const origin = decoding.readVarString(decoder);
		const kind = FANOUT_KINDS[decoding.readVarUint(decoder)];
		const length = decoding.readVarUint(decoder);
		if (origin.length === 0 || origin.length > MAX_ORIGIN_LENGTH || kind === undefined) return null;
		if (length > maxPayloadBytes || length !== decoder.arr.length - decoder.pos) return null;
		const payload = decoding.readUint8Array(decoder, length);
		return { kind, payload, origin };
	} catch {
		return null;
	}
}
