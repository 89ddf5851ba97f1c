import { z } from 'zod';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	CATEGORIES,
	DEFAULT_DELIVERY,
	DEFAULT_DIGEST_HOUR,
	DELIVERIES,
	type Category,
	type Delivery
} from './model';

export type Preferences = Record<Category, Delivery> & { digestHour: number };

export const preferencesInput = z.object({
	messages: z.enum(DELIVERIES, 'required'),
	comments: z.enum(DELIVERIES, 'required'),
	assignments: z.enum(DELIVERIES, 'required'),
	meetings: z.enum(DELIVERIES, 'required'),
	reminders: z.enum(DELIVERIES, 'required'),
	pair: z.enum(DELIVERIES, 'required'),
	digestHour: z.coerce.number('whole').int('whole').min(0, 'range').max(23, 'range')
});

export const DEFAULT_PREFERENCES: Preferences = {
	...DEFAULT_DELIVERY,
	digestHour: DEFAULT_DIGEST_HOUR
};

/** The reader's e-mail preferences (the defaults when they never chose). */
export async function getPreferences(db: Database, claims: JwtClaims): Promise<Preferences> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Preferences>(
			`select messages, comments, assignments, meetings, reminders, pair, digest_hour as "digestHour"
			 from public.notification_preferences where user_id = (select auth.uid())`
		)
	);
	return rows[0] ?? { ...DEFAULT_PREFERENCES };
}

/** Saves the reader's own preferences (row-level security: their row only). */
export async function savePreferences(
	db: Database,
	claims: JwtClaims,
	input: Preferences
): Promise<void> {
	await db.asUser(claims, (tx) =>
		tx.query(
			`insert into public.notification_preferences
				(user_id, messages, comments, assignments, meetings, reminders, pair, digest_hour, updated_at)
			 values ((select auth.uid()), $1, $2, $3, $4, $5, $6, $7, now())
			 on conflict (user_id) do update set messages = excluded.messages,
				comments = excluded.comments, assignments = excluded.assignments,
				meetings = excluded.meetings, reminders = excluded.reminders, pair = excluded.pair,
				digest_hour = excluded.digest_hour, updated_at = now()`,
			[...CATEGORIES.map((c) => input[c]), input.digestHour]
		)
	);
}
