/** Documents and hostile updates shared by the collaboration tests. */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Fuzzing by bit flips: one of `inputs`, with 1 to `maxFlips` bits flipped (positions wrap
 * around its length). The input is copied; the originals stay as they were.
 */
export function bitFlipped(
	inputs: readonly Uint8Array[],
	maxFlips: number
): fc.Arbitrary<Uint8Array> {
	return fc
		.tuple(
			fc.integer({ min: 0, max: inputs.length - 1 }),
			fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
				minLength: 1,
				maxLength: maxFlips
			})
		)
		.map(([which, flips]) => {
			const bytes = Uint8Array.from(inputs[which]);
			for (const [at, bit] of flips) bytes[at % bytes.length] ^= 1 << bit;
			return bytes;
		});
}

/** A deterministic document (fixed client id) the recorded hostile updates were made against. */
export function baseDocument(): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = 1;
	doc.getText('t').insert(0, 'hello world');
	const choices = doc.getMap('m');
	choices.set('a', 1);
	choices.set('b', 'x');
	const row = new Y.Map<unknown>();
	row.set('k', 'v');
	doc.getArray('rows').push([row]);
	const paragraph = new Y.XmlElement('p');
	paragraph.insert(0, [new Y.XmlText('rich')]);
	doc.getXmlFragment('x').insert(0, [paragraph]);
	return doc;
}

/**
 * Bit-flipped versions of a real update against `baseDocument()`, found by fuzzing: they decode,
 * and then `Y.applyUpdate` integrates some structs before it throws.
 */
export function partiallyApplyingUpdates(): Uint8Array[] {
	return [
		'01030200c401020103035a5b5a2801016d09630175027d017d022800010d026b32017701771101010002',
		'01030200c401020103125a5a5a2801016d01630175027d017d022800010d026b32017701770101010002'
	].map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
}

/** Inputs known to hang or crash Yjs decoders in some version, plus out-of-bounds declarations. */
export function hostileUpdates(): Record<string, Uint8Array> {
	const hugeStructCount = encoding.createEncoder();
	encoding.writeVarUint(hugeStructCount, 1);
	encoding.writeVarUint(hugeStructCount, 2 ** 40); // structs claimed
	encoding.writeVarUint(hugeStructCount, 5);
	encoding.writeVarUint(hugeStructCount, 0);

	const subdocument = encoding.createEncoder();
	encoding.writeVarUint(subdocument, 1);
	encoding.writeVarUint(subdocument, 1);
	encoding.writeVarUint(subdocument, 5);
	encoding.writeVarUint(subdocument, 0);
	encoding.writeUint8(subdocument, 9); // ContentDoc
	encoding.writeVarUint(subdocument, 1);
	encoding.writeVarString(subdocument, 'root');
	encoding.writeVarString(subdocument, 'guid');
	encoding.writeAny(subdocument, { gc: false });
	encoding.writeVarUint(subdocument, 0);

	const hugeClock = encoding.createEncoder();
	encoding.writeVarUint(hugeClock, 1);
	encoding.writeVarUint(hugeClock, 1);
	encoding.writeVarUint(hugeClock, 5);
	encoding.writeVarUint(hugeClock, 2 ** 50);
	encoding.writeUint8(hugeClock, 0); // GC
	encoding.writeVarUint(hugeClock, 10);
	encoding.writeVarUint(hugeClock, 0);

	return {
		'an empty buffer (yjs#498)': new Uint8Array(),
		'base64 garbage (yjs#479)': Uint8Array.from(Buffer.from('garbagedoc', 'base64')),
		'a struct count far beyond the bytes': encoding.toUint8Array(hugeStructCount),
		'a subdocument': encoding.toUint8Array(subdocument),
		'a clock near 2^53': encoding.toUint8Array(hugeClock)
	};
}

/** yjs#687: a few bytes that make the V2 run-length decoders yield structs forever. */
export const V2_RUN_LENGTH_BOMB = Uint8Array.from(
	Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex')
);
