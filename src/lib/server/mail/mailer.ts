import type { Database } from '$lib/server/db/types';
import type { Config } from '$lib/server/env';
import type { Logger } from '$lib/server/log';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	/** What the mail is for: 'invitation', 'password_reset', … */
	kind: string;
}

/** The Mailer port: the embedded outbox, or SMTP. */
export interface Mailer {
	readonly kind: 'outbox' | 'smtp';
	send(message: MailMessage): Promise<void>;
}

async function record(db: Database, message: MailMessage, sentAt: Date | null, error?: string) {
	await db.asService((tx) =>
		tx.query(
			'insert into public.mail_outbox (to_email, subject, body_text, kind, sent_at, error) values ($1, $2, $3, $4, $5, $6)',
			[message.to, message.subject, message.text, message.kind, sentAt, error ?? null]
		)
	);
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
			await record(db, message, null);
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
			try {
				await transport.sendMail({
					from,
					to: message.to,
					subject: message.subject,
					text: message.text
				});
				await record(db, message, new Date());
			} catch (error) {
				await record(db, message, null, (error as Error).message);
				log.error('mail not sent', { to: message.to, kind: message.kind, error });
				throw error;
			}
		}
	};
}
