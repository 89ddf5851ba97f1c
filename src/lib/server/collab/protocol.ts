/**
 * The y-websocket wire format: decoding untrusted frames into typed messages, and encoding what
 * the server sends. Decoding never touches a document: the caller decides what to apply.
 *
 * We read sync frames with lib0 ourselves instead of `readSyncMessage` from y-protocols, because
 * that function applies the update to the document as it reads it (and only logs failures), which
 * leaves no room to validate first. Outgoing frames use y-protocols' writers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType, type CollabLimits } from '$lib/shared/collab';

export type AwarenessState = Record<string, unknown>;

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: AwarenessState | null;
}

export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'sync-update'; update: Uint8Array }
	| { type: 'awareness'; entries: AwarenessEntry[] }
	| { type: 'query-awareness' };

export type DecodeResult = { ok: true; message: ClientMessage } | { ok: false; reason: string };

type FrameLimits = Pick<CollabLimits, 'maxAwarenessEntries' | 'maxAwarenessStateBytes'>;

class Malformed extends Error {}

/**
 * Decodes one client frame. Never throws: truncated, padded or nonsensical input is reported as
 * `{ ok: false }`. Every loop is bounded by the frame's bytes or by an explicit limit.
 */
export function decodeClientMessage(frame: Uint8Array, limits: FrameLimits): DecodeResult {
	try {
		const decoder = decoding.createDecoder(frame);
		const message = readMessage(decoder, limits);
		if (decoding.hasContent(decoder)) throw new Malformed('trailing bytes after message');
		return { ok: true, message };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : 'undecodable frame' };
	}
}

function readMessage(decoder: decoding.Decoder, limits: FrameLimits): ClientMessage {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MessageType.Sync:
			return readSync(decoder);
		case MessageType.Awareness:
			return {
				type: 'awareness',
				entries: readAwareness(decoding.readVarUint8Array(decoder), limits)
			};
		case MessageType.QueryAwareness:
			return { type: 'query-awareness' };
		default:
			// Auth (2) is server-to-client only.
			throw new Malformed(`unexpected message type ${type}`);
	}
}

function readSync(decoder: decoding.Decoder): ClientMessage {
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	switch (step) {
		case syncProtocol.messageYjsSyncStep1:
			// Decoded here so a bad state vector is a protocol error, not a failure while replying.
			Y.decodeStateVector(payload);
			return { type: 'sync-step1', stateVector: payload };
		case syncProtocol.messageYjsSyncStep2:
			return { type: 'sync-step2', update: payload };
		case syncProtocol.messageYjsUpdate:
			return { type: 'sync-update', update: payload };
		default:
			throw new Malformed(`unknown sync step ${step}`);
	}
}

function readAwareness(update: Uint8Array, limits: FrameLimits): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > limits.maxAwarenessEntries) throw new Malformed(`${count} awareness entries`);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		if (json.length > limits.maxAwarenessStateBytes)
			throw new Malformed('awareness state too large');
		const state: unknown = JSON.parse(json);
		if (state !== null && !isPlainObject(state))
			throw new Malformed('awareness state is not an object');
		entries.push({ clientId, clock, state });
	}
	if (decoding.hasContent(decoder)) throw new Malformed('trailing bytes after awareness entries');
	return entries;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return frame((encoder) => {
		encoding.writeVarUint(encoder, MessageType.Sync);
		syncProtocol.writeSyncStep1(encoder, doc);
	});
}

/** The reply to a client's sync step 1: everything the client lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	return frame((encoder) => {
		encoding.writeVarUint(encoder, MessageType.Sync);
		syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	});
}

/** A sync step 2 carrying an update already encoded (a document's whole state). */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
	return frame((encoder) => {
		encoding.writeVarUint(encoder, MessageType.Sync);
		encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
		encoding.writeVarUint8Array(encoder, update);
	});
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return frame((encoder) => {
		encoding.writeVarUint(encoder, MessageType.Sync);
		syncProtocol.writeUpdate(encoder, update);
	});
}

export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	return frame((encoder) => {
		encoding.writeVarUint(encoder, MessageType.Awareness);
		encoding.writeVarUint8Array(
			encoder,
			awarenessProtocol.encodeAwarenessUpdate(awareness, clients)
		);
	});
}

/** An awareness update payload (without the message type) from already validated entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
	return frame((encoder) => {
		encoding.writeVarUint(encoder, entries.length);
		for (const entry of entries) {
			encoding.writeVarUint(encoder, entry.clientId);
			encoding.writeVarUint(encoder, entry.clock);
			encoding.writeVarString(encoder, JSON.stringify(entry.state));
		}
	});
}
