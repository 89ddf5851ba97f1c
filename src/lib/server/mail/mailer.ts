import type { Database } from '$lib/server/db/types';
import type { Config } from '$lib/server/env';
import type { Logger } from '$lib/server/log';

export interface MailAttachment {
	filename: string;
	contentType: string;
	/** The file's content (text, e.g. an .ics, or bytes). */
	content: string | Uint8Array;
}

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	/** An HTML alternative of `text`. */
	html?: string;
	/** Extra headers, e.g. List-Unsubscribe. */
	headers?: Record<string, string>;
	attachments?: MailAttachment[];
	/** What the mail is for: 'invitation', 'password_reset', … */
	kind: string;
	/**
	 * Idempotency key: a mail with a key that was sent (or kept in the outbox) before is not sent
	 * again, so a job that runs twice after a crash mails once.
	 */
	key?: string;
}

/** The Mailer port: the embedded outbox, or SMTP. */
export interface Mailer {
	readonly kind: 'outbox' | 'smtp';
	send(message: MailMessage): Promise<void>;
}

/** Attachments as the outbox keeps them: text as is, bytes in base64. */
function storedAttachments(message: MailMessage) {
	return (message.attachments ?? []).map((a) => ({
		filename: a.filename,
		contentType: a.contentType,
		...(typeof a.content === 'string'
			? { content: a.content }
			: { base64: Buffer.from(a.content).toString('base64') })
	}));
}

/**
 * Records a mail in the outbox; false when its key was recorded before (nothing is recorded then,
 * and the caller does not send it again).
 */
async function record(
	db: Database,
	message: MailMessage,
	sentAt: Date | null,
	error?: string
): Promise<boolean> {
	const rows = await db.asService((tx) =>
		tx.query(
			`insert into public.mail_outbox
				(to_email, subject, body_text, kind, sent_at, error, body_html, headers, attachments, key)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
			 on conflict (key) do nothing returning id`,
			[
				message.to,
				message.subject,
				message.text,
				message.kind,
				sentAt,
				error ?? null,
				message.html ?? null,
				message.headers ?? {},
				JSON.stringify(storedAttachments(message)),
				message.key ?? null
			]
		)
	);
	return rows.length > 0;
}

/** Whether a mail with this key was already sent (SMTP) or kept (outbox). */
async function alreadySent(db: Database, key: string | undefined): Promise<boolean> {
	if (!key) return false;
	const rows = await db.asService((tx) =>
		tx.query<{ sent: boolean }>(
			'select sent_at is not null or error is null as sent from public.mail_outbox where key = $1',
			[key]
		)
	);
	return rows[0]?.sent ?? false;
}

/**
 * No SMTP: nothing leaves the machine and mail is kept in the outbox table. With `logContent`
 * (the embedded mode only) each mail's text is logged too, so whoever runs the app on their own
 * machine can follow a password-reset or invitation link. Otherwise the log gets who and what
 * kind, never the text: it holds links with secret tokens, and a shared server's logs are read
 * by more people than the mail's addressee.
 */
export function createOutboxMailer(
	db: Database,
	log: Logger,
	options: { logContent?: boolean } = {}
): Mailer {
	return {
		kind: 'outbox',
		async send(message) {
			if (!(await record(db, message, null))) return;
			log.info('mail kept in outbox', {
				to: message.to,
				kind: message.kind,
				subject: message.subject,
				...(options.logContent ? { text: message.text } : {})
			});
		}
	};
}

/**
 * The mailer for the configuration: SMTP when `SMTP_URL` is set, else the outbox. Says once, at
 * start-up, what happens to mail and why, since without SMTP no invitation or password-reset
 * mail reaches anyone.
 */
export async function createMailer(
	db: Database,
	log: Logger,
	config: { mail: Config['mail']; database: Config['database']; from: string }
): Promise<Mailer> {
	if (config.mail.kind === 'smtp') return createSmtpMailer(db, log, config.mail.url, config.from);
	const embedded = config.database.kind === 'pglite';
	if (embedded) {
		log.info(
			'mail is not sent; links are logged because this is the embedded mode (PGlite, no SMTP_URL) on one machine: set SMTP_URL to send mail'
		);
	} else {
		log.warn(
			'mail is not sent and its links are not logged (DATABASE_URL without SMTP_URL): set SMTP_URL to send invitations and password resets; coordinators can copy invitation links from the people page'
		);
	}
	return createOutboxMailer(db, log, { logContent: embedded });
}

/** Production: SMTP through nodemailer; every message is also recorded in the outbox. */
export async function createSmtpMailer(
	db: Database,
	log: Logger,
	smtpUrl: string,
	from: string
): Promise<Mailer> {
	const { createTransport } = await import('nodemailer');
	const transport = createTransport(smtpUrl);
	return {
		kind: 'smtp',
		async send(message) {
			// A keyed mail that went out before is not sent again. The window between SMTP accepting
			// it and the row below is the one place a crash can still send a mail twice.
			if (await alreadySent(db, message.key)) return;
			try {
				await transport.sendMail({
					from,
					to: message.to,
					subject: message.subject,
					text: message.text,
					html: message.html,
					headers: message.headers,
					attachments: message.attachments?.map((a) => ({
						filename: a.filename,
						contentType: a.contentType,
						content: typeof a.content === 'string' ? a.content : Buffer.from(a.content)
					}))
				});
				await record(db, message, new Date());
			} catch (error) {
				// A failed keyed mail keeps no row under its key, so a retry sends it.
				await record(db, { ...message, key: undefined }, null, (error as Error).message);
				log.error('mail not sent', { to: message.to, kind: message.kind, error });
				throw error;
			}
		}
	};
}
