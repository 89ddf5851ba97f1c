/**
 * Splitting a document's whole state into updates that can be applied one after another, each
 * integrating completely (nothing left pending), so a large document can be built on the main
 * thread a few milliseconds per turn of the event loop instead of in one long Yjs call.
 *
 * Yjs has no upper-bounded `encodeStateAsUpdate`, so the pieces are written here the way Yjs
 * writes an update (V1: per client the number of structs, the client, the first clock, then each
 * struct's own `write`), taking the structs in an order where everything a struct refers to — its
 * left and right origins, the item holding its parent type, the previous struct of its client —
 * comes first. The delete set goes last, in an update of its own.
 *
 * `causalChunks` is self-contained (no imports, no outside names; Yjs comes in as a parameter):
 * the decoder runs its source text on a worker thread (`decoder.ts`).
 */
import type * as Y from 'yjs';

/**
 * The state of `doc` as a list of updates to apply in order: each holds structs of about
 * `budget` characters of content at most (a single larger struct alone), and the last one holds
 * the delete set and no structs.
 */
export function causalChunks(yjs: typeof Y, doc: Y.Doc, budget: number): Uint8Array[] {
	type Struct = Y.Item | Y.GC;
	interface Queue {
		client: number;
		structs: Struct[];
		/** The next struct to take. */
		next: number;
		/** Where this queue's structs start in the chunk being built, or -1. */
		chunkStart: number;
	}

	function varUint(out: number[], value: number): void {
		while (value > 127) {
			out.push(128 | (value % 128));
			value = Math.floor(value / 128);
		}
		out.push(value);
	}

	/** The clock up to which a client's structs have been taken. */
	function taken(queue: Queue): number {
		const struct = queue.structs[queue.next];
		if (struct) return struct.id.clock;
		const last = queue.structs[queue.structs.length - 1];
		return last.id.clock + last.length;
	}

	const queues = new Map<number, Queue>();
	for (const [client, structs] of doc.store.clients) {
		if (structs.length > 0) queues.set(client, { client, structs, next: 0, chunkStart: -1 });
	}

	function has(id: Y.ID | null): boolean {
		if (id === null) return true;
		const queue = queues.get(id.client);
		return queue !== undefined && id.clock < taken(queue);
	}

	function ready(struct: Struct): boolean {
		if (!(struct instanceof yjs.Item)) return true;
		if (!has(struct.origin) || !has(struct.rightOrigin)) return false;
		const parent = struct.parent as { _item?: Y.Item | null } | null;
		const holder = parent && typeof parent === 'object' ? parent._item : null;
		return !holder || has(holder.id);
	}

	const chunks: Uint8Array[] = [];
	let inChunk: Queue[] = [];
	let size = 0;

	function flush(): void {
		if (inChunk.length === 0) return;
		const head: number[] = [];
		varUint(head, inChunk.length);
		const parts: Uint8Array[] = [];
		for (const queue of inChunk) {
			const encoder = new yjs.UpdateEncoderV1();
			for (let i = queue.chunkStart; i < queue.next; i++) queue.structs[i].write(encoder, 0);
			const prefix: number[] = [];
			varUint(prefix, queue.next - queue.chunkStart);
			varUint(prefix, queue.client);
			varUint(prefix, queue.structs[queue.chunkStart].id.clock);
			parts.push(Uint8Array.from(prefix), encoder.toUint8Array());
			queue.chunkStart = -1;
		}
		// An empty delete set: no clients.
		const all = [Uint8Array.from(head), ...parts, Uint8Array.of(0)];
		const chunk = new Uint8Array(all.reduce((sum, part) => sum + part.byteLength, 0));
		let offset = 0;
		for (const part of all) {
			chunk.set(part, offset);
			offset += part.byteLength;
		}
		chunks.push(chunk);
		inChunk = [];
		size = 0;
	}

	let remaining = 0;
	for (const queue of queues.values()) remaining += queue.structs.length;
	while (remaining > 0) {
		let progress = false;
		for (const queue of queues.values()) {
			while (queue.next < queue.structs.length && ready(queue.structs[queue.next])) {
				if (queue.chunkStart < 0) {
					queue.chunkStart = queue.next;
					inChunk.push(queue);
				}
				size += queue.structs[queue.next].length + 8;
				queue.next += 1;
				remaining -= 1;
				progress = true;
				if (size >= budget) flush();
			}
		}
		// A document's own structs always have an order; none means the store is inconsistent.
		if (!progress) throw new Error('causalChunks: no struct can be taken');
	}
	flush();
	chunks.push(yjs.encodeStateAsUpdate(doc, yjs.encodeStateVector(doc)));
	return chunks;
}
