/** A refusal the UI can show: `code` picks the HTTP status, `key` the translated message. */
export class DomainError extends Error {
	constructor(
		readonly code: 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'gone',
		readonly key: string
	) {
		super(`${code}: ${key}`);
		this.name = 'DomainError';
	}

	get status(): number {
		return { not_found: 404, forbidden: 403, conflict: 409, invalid: 400, gone: 410 }[this.code];
	}
}
