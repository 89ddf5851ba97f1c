/**
 * Hostile y-websocket frames, drawn from a seeded generator: random bytes, truncated and
 * bit-flipped valid frames (sync step 1/2, update, awareness), awareness for other client ids,
 * and now and then an oversized frame. Used by the benchmark (scenario F) and the fuzz test.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { syncFrame } from './shared';

export type HostileKind =
	'random' | 'truncated' | 'bit-flipped' | 'foreign-awareness' | 'oversized' | 'trailing';

export interface HostileFrame {
	kind: HostileKind;
	frame: Uint8Array;
}

export function seededRandom(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		// xorshift32
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 4_294_967_296;
	};
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, JSON.stringify(state));
	encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
	return encoding.toUint8Array(e);
}

/** Valid frames of every kind a client sends, against a small document. */
export function validFrames(): Uint8Array[] {
	const doc = new Y.Doc();
	doc.clientID = 77;
	doc.getText('t').insert(0, 'hello world');
	doc.getMap('m').set('field', 'value');
	const update = Y.encodeStateAsUpdate(doc);
	const before = Y.encodeStateVector(doc);
	doc.getArray('rows').push([new Y.Map()]);
	const delta = Y.encodeStateAsUpdate(doc, before);
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ cursor: { anchor: 3 } });
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [77]));
	const frames = [
		syncFrame(0, Y.encodeStateVector(doc)),
		syncFrame(1, update),
		syncFrame(2, delta),
		encoding.toUint8Array(e)
	];
	awareness.destroy();
	doc.destroy();
	return frames;
}

/**
 * An endless supply of hostile frames. `oversizeBytes` is the size of the rare oversized frame
 * (pick it above the server's frame limit); `oversizeEvery` how rare it is.
 */
export function hostileFrames(
	seed: number,
	{ oversizeBytes, oversizeEvery = 500 }: { oversizeBytes: number; oversizeEvery?: number }
): () => HostileFrame {
	const random = seededRandom(seed);
	const valid = validFrames();
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	let count = 0;
	return () => {
		count += 1;
		if (count % oversizeEvery === 0) {
			return { kind: 'oversized', frame: syncFrame(2, new Uint8Array(oversizeBytes)) };
		}
		const roll = random();
		if (roll < 0.25) {
			const frame = new Uint8Array(1 + Math.floor(random() * 64));
			for (let i = 0; i < frame.length; i++) frame[i] = Math.floor(random() * 256);
			return { kind: 'random', frame };
		}
		if (roll < 0.45) {
			const source = pick(valid);
			return { kind: 'truncated', frame: source.slice(0, Math.floor(random() * source.length)) };
		}
		if (roll < 0.85) {
			const frame = pick(valid).slice();
			const flips = 1 + Math.floor(random() * 3);
			for (let i = 0; i < flips; i++) {
				frame[Math.floor(random() * frame.length)] ^= 1 << Math.floor(random() * 8);
			}
			return { kind: 'bit-flipped', frame };
		}
		if (roll < 0.95) {
			const clientId = 1 + Math.floor(random() * 2 ** 30);
			return {
				kind: 'foreign-awareness',
				frame: awarenessFrame(clientId, 1 + Math.floor(random() * 100), { user: { name: 'x' } })
			};
		}
		const source = pick(valid);
		return { kind: 'trailing', frame: Uint8Array.from([...source, Math.floor(random() * 256)]) };
	};
}
