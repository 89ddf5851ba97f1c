import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import { isUuid } from '$lib/server/db/transaction';
import { CATEGORIES, type Category } from './model';

/**
 * One-click unsubscribe links: `/unsubscribe?u=<user>&c=<category>&s=<signature>`, the signature
 * an HMAC-SHA256 of user and category with the database's own secret (made by the migration, so
 * every instance shares it without configuration). The link works without signing in and
 * changes only that person's choice for that category.
 */

let cached: { db: Database; secret: Promise<string> } | null = null;

export function linkSecret(db: Database): Promise<string> {
	if (cached?.db !== db) {
		const secret = db
			.asService((tx) =>
				tx.query<{ value: string }>(
					"select value from private.app_secrets where name = 'mail_links'"
				)
			)
			.then((rows) => {
				if (!rows[0]) throw new Error('the mail link secret is missing (migrations not applied?)');
				return rows[0].value;
			});
		cached = { db, secret };
		secret.catch(() => {
			if (cached?.secret === secret) cached = null;
		});
	}
	return cached.secret;
}

const sign = (secret: string, userId: string, category: Category) =>
	createHmac('sha256', secret).update(`unsubscribe:${userId}:${category}`).digest('base64url');

/**
 * The path and query of a person's unsubscribe link for one category: the page with a button
 * (in the mail's text), or with `oneClick` the RFC 8058 endpoint (the List-Unsubscribe header).
 */
export async function unsubscribePath(
	db: Database,
	userId: string,
	category: Category,
	options: { oneClick?: boolean } = {}
): Promise<string> {
	const signature = sign(await linkSecret(db), userId, category);
	const path = options.oneClick ? '/unsubscribe/one-click' : '/unsubscribe';
	return `${path}?u=${userId}&c=${category}&s=${signature}`;
}

export interface UnsubscribeRequest {
	userId: string;
	category: Category;
}

/** The person and category of a link, or null when it was not made by us (tampered, truncated). */
export async function verifyUnsubscribe(
	db: Database,
	query: { u?: string | null; c?: string | null; s?: string | null }
): Promise<UnsubscribeRequest | null> {
	const { u, c, s } = query;
	if (!u || !c || !s || !isUuid(u) || !(CATEGORIES as readonly string[]).includes(c)) return null;
	const category = c as Category;
	const expected = Buffer.from(sign(await linkSecret(db), u, category));
	const given = Buffer.from(s);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return { userId: u, category };
}

/** Turns e-mail off for the link's category only. */
export async function unsubscribe(db: Database, request: UnsubscribeRequest): Promise<void> {
	// `category` is one of CATEGORIES (checked above), a fixed list of column names.
	await db.asService((tx) =>
		tx.query(
			`insert into public.notification_preferences (user_id, ${request.category}, updated_at)
			 select $1, 'off', now() where exists (select 1 from auth.users where id = $1)
			 on conflict (user_id) do update set ${request.category} = 'off', updated_at = now()`,
			[request.userId]
		)
	);
}
