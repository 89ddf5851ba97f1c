/**
 * The one context object a command takes first: the infrastructure it works with (database,
 * the signed-in person's claims, mailer, site origin, collaboration server, locale, jobs), so a
 * command's own parameters are only its domain arguments: `inviteMember(ctx, programId, input)`.
 * Routes build it with `commandContext(event, session)` (http.ts); tests build it by hand.
 */
import type { Locale } from '$lib/domain/templates/types';
import type { CollabServer } from './collab/server';
import type { Database, JwtClaims } from './db/types';
import type { JobRunner } from './jobs/runner';
import type { Mailer } from './mail/mailer';

export interface CommandContext {
	db: Database;
	/** The person the command acts for (RLS: `db.asUser(claims, …)`). */
	claims: JwtClaims;
	mailer?: Mailer;
	/** The site's origin (`https://…`, no trailing slash), for links in e-mails. */
	origin?: string;
	/** The collaboration server, for commands that read or change a live document. */
	collab?: CollabServer;
	/** The language of the request, for text the command writes. */
	locale?: Locale;
	jobs?: JobRunner;
}

/** A context that must carry the named parts: a command that needs the mailer says so. */
export type ContextWith<K extends Exclude<keyof CommandContext, 'db' | 'claims'>> = CommandContext &
	Required<Pick<CommandContext, K>>;

/** For commands that send e-mail with links to the site. */
export type MailContext = ContextWith<'mailer' | 'origin'>;
/** For commands that change a live (collaborative) document. */
export type CollabContext = ContextWith<'collab'>;
/** For commands that write translated text. */
export type LocaleContext = ContextWith<'locale'>;

/**
 * For work done as the service for a person who is not signed in (no claims: the e-mail change
 * link is opened signed out), so the command checks itself whom it acts for (a token, an id).
 */
export interface ServiceContext {
	db: Database;
	mailer: Mailer;
	/** The site's origin (`https://…`, no trailing slash), for links in e-mails. */
	origin: string;
}
