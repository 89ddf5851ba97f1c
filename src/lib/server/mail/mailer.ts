import type { Database } from '$lib/server/db/types';
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
 * Embedded mode: nothing leaves the machine. Mail is kept in the outbox table and logged, so an
 * operator can read the link; coordinators also copy invitation links from the UI.
 */
export function createOutboxMailer(db: Database, log: Logger): Mailer {
	return {
		kind: 'outbox',
		async send(message) {
			await record(db, message, null);
			log.info('mail kept in outbox', {
				to: message.to,
				kind: message.kind,
				subject: message.subject,
				text: message.text
			});
		}
	};
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
