import type { Database } from '$lib/server/db/types';
import type { LiveHub } from '$lib/server/live/hub';

export type GroupTopic = 'intervision' | 'comments' | 'meetings';

/**
 * Tells the open pages of a group's people (and `extra` people, e.g. an author who left) that a
 * part of the group changed; each page reads that part again, as itself, so RLS still decides
 * what it sees. Returns the group's people.
 */
export async function publishToGroup(
	deps: { db: Database; live: LiveHub },
	groupId: string,
	topic: GroupTopic,
	extra: readonly string[] = []
): Promise<string[]> {
	const rows = await deps.db.asService((tx) =>
		tx.query<{ user_id: string }>('select user_id from public.group_members where group_id = $1', [
			groupId
		])
	);
	const people = rows.map((row) => row.user_id);
	const to = [...new Set([...people, ...extra])];
	if (to.length) deps.live.publishToUsers(to, { type: 'group', groupId, topic });
	return people;
}
