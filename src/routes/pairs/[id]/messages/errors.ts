import { numberFormat } from '$lib/domain/intl';
import { m } from '$lib/paraglide/messages.js';

type Params = Record<string, number | string> | undefined;

const TEXTS: Record<string, (p: Params) => string> = {
	msg_too_long: (p) => m.msg_too_long({ max: String(p?.max ?? 10000) }),
	msg_invalid_text: () => m.msg_invalid_text(),
	msg_empty: () => m.msg_empty(),
	msg_rate_limited: () => m.msg_rate_limited(),
	msg_read_only: () => m.msg_read_only(),
	msg_edit_expired: () => m.msg_edit_expired(),
	file_too_large: (p) => m.file_too_large({ max: String(p?.max ?? '') }),
	file_type_refused: () => m.file_type_refused(),
	file_quota: (p) => m.file_quota({ max: String(p?.max ?? '') }),
	file_too_many: (p) => m.file_too_many({ max: String(p?.max ?? '') }),
	file_empty: () => m.file_empty()
};

/** The translated text of a refusal the message actions sent. */
export function errorOf(key: unknown, params?: unknown): string {
	const text = typeof key === 'string' ? TEXTS[key] : undefined;
	return text ? text(params as Params) : m.msg_error();
}

/** A file size as people read it. */
export function fileSize(bytes: number, locale: string): string {
	const format = (n: number) => numberFormat(locale, { maximumFractionDigits: 1 }).format(n);
	return bytes < 1024 * 1024
		? m.file_size_kb({ size: format(Math.max(bytes / 1024, 0.1)) })
		: m.file_size_mb({ size: format(bytes / 1024 / 1024) });
}
