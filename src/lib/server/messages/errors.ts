/** A refused message or attachment: the HTTP status and the translated message's key. */
export class MessageError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 413 | 415 | 429,
		readonly key: string,
		readonly params: Record<string, number | string> = {}
	) {
		super(`${status}: ${key}`);
		this.name = 'MessageError';
	}
}
