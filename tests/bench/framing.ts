/**
 * How a load client frames y-protocols messages for each server. Ours and the reference speak
 * y-websocket: one document per socket (named by the URL), each frame a bare y-protocols
 * message. Hocuspocus multiplexes documents over a socket: every frame starts with the document
 * name as a var-string, then the message type (0 sync, 1 awareness, 2 auth, 4 sync reply,
 * 8 sync status, …). A client must send an auth message (type 2, token sub-type 0, token, provider
 * version) before anything else for that document: until the server has run its (here empty)
 * `onAuthenticate` hooks it queues the document's other messages. Read from
 * `@hocuspocus/provider` 4.x (`AuthenticationMessage`, `SyncStepOneMessage`, `UpdateMessage`)
 * and `@hocuspocus/server` 4.7.0 (`ClientConnection.handleQueueingMessage`, `MessageReceiver`).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readServerFrame, readSyncMessage, type ServerFrame } from './shared';

export type FramingKind = 'y-websocket' | 'hocuspocus';

/** The provider version a Hocuspocus client announces after its token. */
export const HOCUSPOCUS_PROVIDER_VERSION = 'mentorpad-bench';

const HOCUSPOCUS_SYNC = 0;
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;

export interface Framing {
	/** Frames to send right after the socket opens, before sync step 1. */
	hello(): Uint8Array[];
	/** A y-websocket frame (type first) as this server wants it. */
	wrap(frame: Uint8Array): Uint8Array;
	/** What the server sent, as a y-websocket frame would read. */
	read(data: Uint8Array): ServerFrame;
}

const yWebsocket: Framing = {
	hello: () => [],
	wrap: (frame) => frame,
	read: readServerFrame
};

export function framingFor(kind: FramingKind, documentName: string): Framing {
	if (kind === 'y-websocket') return yWebsocket;
	const address = encoding.createEncoder();
	encoding.writeVarString(address, documentName);
	const prefix = encoding.toUint8Array(address);
	return {
		hello() {
			const e = encoding.createEncoder();
			encoding.writeUint8Array(e, prefix);
			encoding.writeVarUint(e, HOCUSPOCUS_AUTH);
			encoding.writeVarUint(e, 0);
			encoding.writeVarString(e, '');
			encoding.writeVarString(e, HOCUSPOCUS_PROVIDER_VERSION);
			return [encoding.toUint8Array(e)];
		},
		wrap(frame) {
			const out = new Uint8Array(prefix.byteLength + frame.byteLength);
			out.set(prefix, 0);
			out.set(frame, prefix.byteLength);
			return out;
		},
		read(data) {
			const decoder = decoding.createDecoder(data);
			decoding.readVarString(decoder);
			const type = decoding.readVarUint(decoder);
			if (type !== HOCUSPOCUS_SYNC && type !== HOCUSPOCUS_SYNC_REPLY) return { kind: 'other' };
			return readSyncMessage(decoder);
		}
	};
}
