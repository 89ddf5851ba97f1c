/**
 * Binds an `<input>` or `<textarea>` to a Y.Text. Local edits are applied as the smallest
 * delete + insert that turns the old value into the new one, so two people typing in the same
 * text at once merge character by character instead of overwriting each other; remote edits move
 * the local selection along with the text around it.
 */
import type { Attachment } from 'svelte/attachments';
import type * as Y from 'yjs';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** The single change between two strings: `deleteCount` characters at `index` replaced by `insert`. */
export function textDiff(
	before: string,
	after: string
): { index: number; deleteCount: number; insert: string } {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before[start] === after[start]) start++;
	let end = 0;
	while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
		end++;
	}
	return {
		index: start,
		deleteCount: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/** Where a position ends up after a remote change described by a Yjs delta. */
function transform(position: number, delta: Delta): number {
	let index = 0;
	let result = position;
	for (const op of delta) {
		if (op.retain !== undefined) {
			index += op.retain;
		} else if (typeof op.insert === 'string') {
			// Text inserted exactly at the caret goes after it: the caret stays where the person was.
			if (index < result) result += op.insert.length;
			index += op.insert.length;
		} else if (op.delete !== undefined) {
			if (index < result) result -= Math.min(op.delete, result - index);
		}
	}
	return result;
}

/** `{@attach yText(text)}` on an input or textarea. */
export function yText(text: Y.Text): Attachment<TextControl> {
	return (element) => {
		const origin = {};
		element.value = text.toString();

		const onInput = () => {
			const before = text.toString();
			const { index, deleteCount, insert } = textDiff(before, element.value);
			if (deleteCount === 0 && insert === '') return;
			text.doc?.transact(() => {
				if (deleteCount > 0) text.delete(index, deleteCount);
				if (insert !== '') text.insert(index, insert);
			}, origin);
		};
		const onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
			if (tr.origin === origin) return;
			const focused = document.activeElement === element;
			const start = element.selectionStart ?? 0;
			const end = element.selectionEnd ?? 0;
			element.value = text.toString();
			if (focused) {
				const delta = event.delta as Delta;
				element.setSelectionRange(transform(start, delta), transform(end, delta));
			}
		};
		element.addEventListener('input', onInput);
		text.observe(onRemote);
		return () => {
			element.removeEventListener('input', onInput);
			text.unobserve(onRemote);
		};
	};
}
