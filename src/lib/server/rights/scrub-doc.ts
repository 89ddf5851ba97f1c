/**
 * Rewrites a Y.Doc so that given strings (a person's id, e-mail and name) appear nowhere in its
 * content: every occurrence in map values, arrays, texts, XML texts and XML attributes is replaced
 * by a placeholder. The edits are ordinary Yjs operations (delete + insert), so open editors
 * receive them; with garbage collection on (the default) the deleted content itself is dropped
 * from the encoded state, which is what makes the stored copy clean.
 */
import * as Y from 'yjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: any shared type
type Shared = Y.AbstractType<any>;

/** The replacement of an erased person wherever their name, e-mail or id was written. */
export const DELETED_PARTICIPANT = 'verwijderde deelnemer';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive matcher of any of the needles (longest first), or null for none. */
export function needlePattern(needles: readonly string[]): RegExp | null {
	const usable = [...new Set(needles.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
		(a, b) => b.length - a.length
	);
	if (usable.length === 0) return null;
	return new RegExp(usable.map(escapeRegExp).join('|'), 'gi');
}

function replaceInString(text: string, pattern: RegExp, replacement: string): string {
	pattern.lastIndex = 0;
	return text.replace(pattern, replacement);
}

function containsNeedle(text: string, pattern: RegExp): boolean {
	pattern.lastIndex = 0;
	return pattern.test(text);
}

/** A plain (JSON-like) value with every string replaced; object keys too. */
function replaceInPlain(value: unknown, pattern: RegExp, replacement: string): unknown {
	if (typeof value === 'string') return replaceInString(value, pattern, replacement);
	if (Array.isArray(value)) return value.map((v) => replaceInPlain(v, pattern, replacement));
	if (value instanceof Uint8Array) return value;
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) {
			out[replaceInString(key, pattern, replacement)] = replaceInPlain(v, pattern, replacement);
		}
		return out;
	}
	return value;
}

function plainContains(value: unknown, pattern: RegExp): boolean {
	if (typeof value === 'string') return containsNeedle(value, pattern);
	if (value instanceof Uint8Array || value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some((v) => plainContains(v, pattern));
	return Object.entries(value).some(
		([key, v]) => containsNeedle(key, pattern) || plainContains(v, pattern)
	);
}

/** Replaces needles inside a Y.Text or Y.XmlText, keeping each run's formatting. */
function scrubText(text: Y.Text, pattern: RegExp, replacement: string): number {
	let changes = 0;
	const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
	// From the end, so earlier offsets stay valid.
	const runs: { index: number; insert: unknown; attributes?: Record<string, unknown> }[] = [];
	let index = 0;
	for (const op of delta) {
		runs.push({ index, insert: op.insert, attributes: op.attributes });
		index += typeof op.insert === 'string' ? op.insert.length : 1;
	}
	for (const run of runs.reverse()) {
		if (run.attributes && plainContains(run.attributes, pattern)) {
			const length = typeof run.insert === 'string' ? run.insert.length : 1;
			text.format(
				run.index,
				length,
				replaceInPlain(run.attributes, pattern, replacement) as Record<string, unknown>
			);
			changes++;
		}
		if (typeof run.insert !== 'string') {
			if (run.insert instanceof Y.AbstractType)
				changes += scrubType(run.insert, pattern, replacement);
			continue;
		}
		const matches = [...run.insert.matchAll(new RegExp(pattern.source, 'gi'))];
		for (const match of matches.reverse()) {
			const at = run.index + (match.index ?? 0);
			text.delete(at, match[0].length);
			text.insert(at, replacement, run.attributes ?? {});
			changes++;
		}
	}
	return changes;
}

function scrubValue(
	value: unknown,
	pattern: RegExp,
	replacement: string,
	replace: (next: unknown) => void
): number {
	if (value instanceof Y.AbstractType) return scrubType(value, pattern, replacement);
	if (plainContains(value, pattern)) {
		replace(replaceInPlain(value, pattern, replacement));
		return 1;
	}
	return 0;
}

/** Scrubs one shared type and everything inside it; returns how many edits it made. */
export function scrubType(type: Shared, pattern: RegExp, replacement: string): number {
	let changes = 0;
	if (type instanceof Y.Text) return scrubText(type, pattern, replacement);
	if (type instanceof Y.XmlElement) {
		for (const [name, value] of Object.entries(type.getAttributes())) {
			if (plainContains(value, pattern)) {
				type.setAttribute(name, replaceInPlain(value, pattern, replacement) as string);
				changes++;
			}
		}
	}
	if (type instanceof Y.XmlFragment || type instanceof Y.XmlElement) {
		for (const child of type.toArray()) {
			if (child instanceof Y.AbstractType) changes += scrubType(child, pattern, replacement);
		}
		return changes;
	}
	if (type instanceof Y.Map) {
		for (const [key, value] of [...type.entries()]) {
			changes += scrubValue(value, pattern, replacement, (next) => type.set(key, next));
		}
		return changes;
	}
	if (type instanceof Y.Array) {
		const values = type.toArray();
		for (let i = values.length - 1; i >= 0; i--) {
			changes += scrubValue(values[i], pattern, replacement, (next) => {
				type.delete(i, 1);
				type.insert(i, [next]);
			});
		}
	}
	return changes;
}

/**
 * The kind of a root type as stored: a document loaded from an update knows its roots only as
 * `AbstractType`, so the first live item decides (map entries → map; characters → text; XML
 * nodes → XML fragment; anything else → array).
 */
function rootKind(type: Shared): 'map' | 'text' | 'xml' | 'array' | 'empty' {
	if (type instanceof Y.Map) return 'map';
	if (type instanceof Y.XmlFragment) return 'xml';
	if (type instanceof Y.Text) return 'text';
	if (type instanceof Y.Array) return 'array';
	if (type._map.size > 0) return 'map';
	for (let item = type._start; item !== null; item = item.right) {
		const content = item.content;
		if (content instanceof Y.ContentString || content instanceof Y.ContentFormat) return 'text';
		if (content instanceof Y.ContentEmbed) return 'text';
		if (content instanceof Y.ContentType) {
			return content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText
				? 'xml'
				: 'array';
		}
		if (content instanceof Y.ContentAny || content instanceof Y.ContentBinary) return 'array';
	}
	return 'empty';
}

/** Scrubs every root type of the document in one transaction; returns how many edits it made. */
export function scrubDoc(
	doc: Y.Doc,
	needles: readonly string[],
	replacement = DELETED_PARTICIPANT
): number {
	const pattern = needlePattern(needles);
	if (!pattern) return 0;
	let changes = 0;
	doc.transact(() => {
		for (const [name, type] of [...doc.share.entries()]) {
			const kind = rootKind(type);
			if (kind === 'empty') continue;
			const typed =
				kind === 'map'
					? doc.getMap(name)
					: kind === 'text'
						? doc.getText(name)
						: kind === 'xml'
							? doc.getXmlFragment(name)
							: doc.getArray(name);
			changes += scrubType(typed, pattern, replacement);
		}
	});
	return changes;
}

/** Every string of the document (texts, values, attributes, keys), for checks and tests. */
export function docStrings(doc: Y.Doc): string {
	const parts: string[] = [];
	for (const [name, type] of [...doc.share.entries()]) {
		const kind = rootKind(type);
		const typed =
			kind === 'map'
				? doc.getMap(name)
				: kind === 'text'
					? doc.getText(name)
					: kind === 'xml'
						? doc.getXmlFragment(name)
						: kind === 'array'
							? doc.getArray(name)
							: null;
		if (!typed) continue;
		parts.push(name, JSON.stringify(typed.toJSON()));
		if (typed instanceof Y.XmlFragment) parts.push(typed.toString());
	}
	return parts.join('\n');
}
