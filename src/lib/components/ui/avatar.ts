/** How many avatar tints tokens.css defines (`--avatar-1-bg` … `--avatar-8-bg`). */
export const AVATAR_TONES = 8;

/**
 * The letters shown in an avatar: the first letters of the first and last word of a name
 * ("Eva van der Berg" → "EB"), one letter for a one-word name, and for an e-mail address the
 * parts of what comes before the @ ("nieuwe.mentee@…" → "NM"). "?" when there is nothing.
 */
export function initials(name: string | null | undefined): string {
	let text = (name ?? '').trim();
	if (text.includes('@')) text = text.slice(0, text.indexOf('@')).replace(/[._+-]+/g, ' ');
	const words = text
		.split(/\s+/)
		.map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
		.filter(Boolean);
	if (words.length === 0) return '?';
	const first = Array.from(words[0])[0];
	const last = words.length > 1 ? Array.from(words[words.length - 1])[0] : '';
	return (first + last).toLocaleUpperCase();
}

/**
 * A stable tint (1 … AVATAR_TONES) for a key, normally a person's id so the colour does not
 * change when their name does. FNV-1a: cheap and well spread for short strings.
 */
export function avatarTone(key: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		hash ^= key.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return ((hash >>> 0) % AVATAR_TONES) + 1;
}
