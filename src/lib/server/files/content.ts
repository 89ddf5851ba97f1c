/**
 * What an attachment is, decided by its bytes (magic numbers), never by its name: the
 * maintained `file-type` package reads the signatures, including the content-type part of
 * OOXML (docx/xlsx/pptx) and the `mimetype` entry of OpenDocument zips. Plain text has no
 * signature: it is accepted when it is valid UTF-8 without NUL bytes.
 */
import { fileTypeFromBuffer } from 'file-type';

export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/vnd.oasis.opendocument.text': 'odt',
	'application/vnd.oasis.opendocument.spreadsheet': 'ods',
	'application/vnd.oasis.opendocument.presentation': 'odp',
	'text/plain': 'txt'
};

/** The allowed type of these bytes, or null (an executable, an archive, anything else). */
export async function detectType(bytes: Uint8Array): Promise<string | null> {
	if (bytes.byteLength === 0) return null;
	const found = await fileTypeFromBuffer(bytes);
	if (found) return Object.hasOwn(ALLOWED_TYPES, found.mime) ? found.mime : null;
	if (bytes.includes(0)) return null;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return 'text/plain';
	} catch {
		return null;
	}
}

const MAX_NAME = 120;

/**
 * A file name safe to store and to send back: no path (only the part after the last separator),
 * no control or bidi-override characters, no leading dots, at most 120 characters with the
 * extension kept; the extension is the detected type's when the name has another one.
 */
export function sanitiseFileName(raw: string, mime: string): string {
	const extension = ALLOWED_TYPES[mime] ?? 'bin';
	let name = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
	name = name
		.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
		.replace(/[<>:"|?*]/g, '_')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	const dot = name.lastIndexOf('.');
	let stem = dot > 0 ? name.slice(0, dot) : name;
	const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
	const keep = given === extension || (extension === 'jpg' && given === 'jpeg');
	if (!keep && dot > 0) stem = name;
	stem = stem.trim() || 'file';
	const suffix = `.${keep ? given : extension}`;
	const chars = [...stem];
	if (chars.length + suffix.length > MAX_NAME)
		stem = chars.slice(0, MAX_NAME - suffix.length).join('');
	return `${stem}${suffix}`;
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 + RFC 5987 `filename*`). */
export function contentDisposition(name: string): string {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
