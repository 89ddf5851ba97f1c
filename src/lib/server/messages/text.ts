/**
 * A message body as the pieces shown: plain text, links made clickable (http and https only)
 * and mentions of one of the pair's sheets or of a field in it, written `#PS1` or
 * `#PS1/field-key`, which link to `/pairs/<id>/sheets/<key>#f-<field>`. Everything else stays
 * text, which the page renders as text (never HTML), so nothing in a body can inject markup.
 */
import { fieldsOf, pairSheets, type Template } from '$lib/domain/templates';
import type { MessagePart } from '$lib/shared/live-events';

const TOKEN =
	/(https?:\/\/[^\s<>"']+)|(?<=^|[\s(])#([A-Za-z0-9][A-Za-z0-9-]{0,40})(?:\/([a-z0-9][a-z0-9-]{0,80}))?/g;

const bySheetKey = new Map<string, Template>(pairSheets.map((t) => [t.key.toLowerCase(), t]));

/** Trailing punctuation belongs to the sentence, not to the link (a closing bracket only when unbalanced). */
function trimUrl(url: string): string {
	let end = url.length;
	while (end > 0) {
		const c = url[end - 1];
		if ('.,;:!?\'"'.includes(c)) end--;
		else if (
			c === ')' &&
			(url.slice(0, end).match(/\(/g)?.length ?? 0) < (url.slice(0, end).match(/\)/g)?.length ?? 0)
		)
			end--;
		else break;
	}
	return url.slice(0, end);
}

function safeHref(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
	} catch {
		return null;
	}
}

export function messageParts(body: string, pairId: string): MessagePart[] {
	const parts: MessagePart[] = [];
	const pushText = (text: string) => {
		if (!text) return;
		const last = parts.at(-1);
		if (last?.t === 'text') last.text += text;
		else parts.push({ t: 'text', text });
	};
	let at = 0;
	for (const match of body.matchAll(TOKEN)) {
		const start = match.index;
		if (match[1]) {
			const url = trimUrl(match[1]);
			const href = safeHref(url);
			pushText(body.slice(at, start));
			if (href) parts.push({ t: 'link', href, text: url });
			else pushText(url);
			at = start + url.length;
			continue;
		}
		const template = bySheetKey.get(match[2].toLowerCase());
		if (!template) continue;
		const field = match[3] ? fieldsOf(template).find((f) => f.key === match[3]) : undefined;
		// `#PS1/unknown` mentions the sheet; the rest stays text.
		const text = field ? match[0] : `#${match[2]}`;
		pushText(body.slice(at, start));
		parts.push({
			t: 'mention',
			href: `/pairs/${pairId}/sheets/${encodeURIComponent(template.key)}${field ? `#f-${field.key}` : ''}`,
			text,
			sheet: { nl: template.title.nl, en: template.title.en },
			field: field ? { nl: field.label.nl, en: field.label.en } : null
		});
		at = start + text.length;
	}
	pushText(body.slice(at));
	return parts;
}

/** The sheets and fields a composer can offer for mentions. */
export function mentionOptions(): { key: string; title: { nl: string; en: string } }[] {
	return pairSheets.map((t) => ({ key: t.key, title: { nl: t.title.nl, en: t.title.en } }));
}
