import { m } from '$lib/paraglide/messages.js';
import type { MailAttachment, MailMessage } from '$lib/server/mail/mailer';
import type { Category } from './model';
import { categoryName, type Locale } from './text';

/** One line of a mail: a sentence and where it leads (an absolute URL). */
export interface MailLine {
	text: string;
	url: string;
}

const escapeHtml = (value: string) =>
	value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

export interface MailInput {
	to: string;
	name: string;
	locale: Locale;
	subject: string;
	intro?: string;
	lines: MailLine[];
	/** The category the unsubscribe links turn off: the page (in the mail) and one-click (header). */
	unsubscribe: { category: Category; url: string; oneClickUrl: string };
	preferencesUrl: string;
	kind: string;
	key: string;
	attachments?: MailAttachment[];
}

/**
 * A notification or digest mail: plain text and HTML, the recipient's language, a one-click
 * unsubscribe link for its category (RFC 8058 headers). It names what happened and links to it;
 * it never carries message text or sheet content, as mentees may be minors and mail is forwarded,
 * shared and kept.
 */
export function composeMail(input: MailInput): MailMessage {
	const o = { locale: input.locale };
	const category = categoryName(input.unsubscribe.category, input.locale);
	const greeting = m.mail_greeting({ name: input.name }, o);
	const privacy = m.mail_privacy({}, o);
	const text = [
		greeting,
		'',
		...(input.intro ? [input.intro, ''] : []),
		...input.lines.flatMap((line) => [`- ${line.text}`, `  ${line.url}`]),
		'',
		privacy,
		'',
		'-- ',
		m.mail_unsubscribe({ category, url: input.unsubscribe.url }, o),
		m.mail_preferences({ url: input.preferencesUrl }, o)
	].join('\n');
	const html = `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; color: #1f2937; line-height: 1.5; max-width: 36rem;">
<p>${escapeHtml(greeting)}</p>
${input.intro ? `<p>${escapeHtml(input.intro)}</p>` : ''}
<ul>
${input.lines.map((line) => `<li><a href="${escapeHtml(line.url)}">${escapeHtml(line.text)}</a></li>`).join('\n')}
</ul>
<p style="color: #4b5563;">${escapeHtml(privacy)}</p>
<hr>
<p style="font-size: 0.875rem; color: #4b5563;"><a href="${escapeHtml(input.unsubscribe.url)}">${escapeHtml(m.mail_unsubscribe_link({ category }, o))}</a>
· <a href="${escapeHtml(input.preferencesUrl)}">${escapeHtml(m.notif_prefs_title({}, o))}</a></p>
</body></html>`;
	return {
		to: input.to,
		subject: input.subject,
		text,
		html,
		headers: {
			'List-Unsubscribe': `<${input.unsubscribe.oneClickUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		},
		attachments: input.attachments,
		kind: input.kind,
		key: input.key
	};
}
