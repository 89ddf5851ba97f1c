/**
 * Peer coaching duos: two members of a group with a small workspace of their own (seed 004:
 * peer coaching within and between schools). The process coach forms duos of any two members, a
 * member forms one with a partner; the workspace is a group document only the two open, started
 * with the headings of the V1 action plan (goals, actions, state of play, each with its timing).
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';

export interface Duo {
	id: string;
	memberA: string;
	memberB: string;
	nameA: string;
	nameB: string;
	/** The workspace, for the two only (null for the process coach). */
	docId: string | null;
}

/** The V1 action plan's headings (`001…` L1721), as the workspace's first lines. */
const WORKSPACE_START: Record<'nl' | 'en', string[]> = {
	nl: [
		'Actieplan van ons coachingsduo',
		'Doelen — synchronisatie:',
		'Acties — synchronisatie:',
		'Stand van de kunst — synchronisatie:',
		'Notities van onze gesprekken:'
	],
	en: [
		'Action plan of our coaching duo',
		'Goals — timing:',
		'Actions — timing:',
		'State of play — timing:',
		'Notes of our conversations:'
	]
};

/** A Tiptap-shaped `body` fragment with one paragraph per line (as GroupEditor reads it). */
export function paragraphsUpdate(lines: readonly string[]): Uint8Array {
	const doc = new Y.Doc();
	doc.getXmlFragment('body').insert(
		0,
		lines.map((line) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(line)]);
			return paragraph;
		})
	);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

export async function listDuos(db: Database, claims: JwtClaims, groupId: string): Promise<Duo[]> {
	return db.asUser(claims, (tx) =>
		tx.query<Duo>(
			`select d.id, d.member_a as "memberA", d.member_b as "memberB",
				coalesce(a.display_name, '') as "nameA", coalesce(b.display_name, '') as "nameB",
				(select gd.id from public.group_documents gd where gd.duo_id = d.id limit 1) as "docId"
			 from public.group_duos d
			 left join public.profiles a on a.id = d.member_a
			 left join public.profiles b on b.id = d.member_b
			 where d.group_id = $1 order by d.created_at`,
			[groupId]
		)
	);
}

/**
 * Forms a duo and its workspace in one transaction. A member forms one with themselves in it;
 * the process coach any two members. 409 when the two already form a duo in this group.
 */
export async function createDuo(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: { memberA: string; memberB: string; locale: 'nl' | 'en' }
): Promise<{ duoId: string; docId: string }> {
	if (input.memberA === input.memberB) throw new DomainError('invalid', 'lg_duo_same');
	const duoId = randomUUID();
	const docId = randomUUID();
	const docName = `group/${groupId}/doc/${docId}`;
	await db.asUser(claims, async (tx) => {
		const roles = await tx.query<{ user_id: string; role: string }>(
			'select user_id, role from public.group_members where group_id = $1',
			[groupId]
		);
		const role = (id: string) => roles.find((r) => r.user_id === id)?.role;
		const mine = role(claims.sub);
		if (!mine) throw new DomainError('not_found', 'not_found');
		if (role(input.memberA) !== 'member' || role(input.memberB) !== 'member')
			throw new DomainError('invalid', 'lg_not_in_group');
		if (mine !== 'facilitator' && ![input.memberA, input.memberB].includes(claims.sub))
			throw new DomainError('forbidden', 'lg_duo_own');
		const exists = await tx.query(
			`select 1 from public.group_duos where group_id = $1
			 and least(member_a, member_b) = least($2::uuid, $3::uuid)
			 and greatest(member_a, member_b) = greatest($2::uuid, $3::uuid)`,
			[groupId, input.memberA, input.memberB]
		);
		if (exists.length) throw new DomainError('conflict', 'lg_duo_exists');
		await tx.query(
			'insert into public.group_duos (id, group_id, member_a, member_b, created_by) values ($1, $2, $3, $4, $5)',
			[duoId, groupId, input.memberA, input.memberB, claims.sub]
		);
		const names = await tx.query<{ name: string }>(
			`select coalesce(display_name, '') as name from public.profiles where id in ($1, $2)
			 order by id = $1 desc`,
			[input.memberA, input.memberB]
		);
		const title = `${input.locale === 'en' ? 'Coaching duo' : 'Coachingsduo'}: ${names
			.map((n) => n.name)
			.join(' & ')}`.slice(0, 200);
		await tx.query(
			`insert into public.group_documents (id, group_id, kind, duo_id, title, doc_name, created_by)
			 values ($1, $2, 'duo_workspace', $3, $4, $5, $6)`,
			[docId, groupId, duoId, title, docName, claims.sub]
		);
	});
	await db.asService((tx) =>
		tx.query('insert into public.yjs_updates (doc_name, "update") values ($1, $2)', [
			docName,
			paragraphsUpdate(WORKSPACE_START[input.locale])
		])
	);
	return { duoId, docId };
}

/**
 * Ends a duo (one of the two or the process coach); its workspace goes with it. Returns the two,
 * whose open sockets must be re-checked.
 */
export async function endDuo(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	duoId: string
): Promise<string[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ member_a: string; member_b: string }>(
			'delete from public.group_duos where id = $1 and group_id = $2 returning member_a, member_b',
			[duoId, groupId]
		)
	);
	if (!rows[0]) throw new DomainError('not_found', 'not_found');
	// The workspace row went with the duo; its stored text goes too.
	await db.asService(async (tx) => {
		const orphaned = `select d.doc_name from (select $1::text as prefix) p
			cross join lateral (select doc_name from public.yjs_updates where doc_name like p.prefix || '%'
				union select doc_name from public.yjs_snapshots where doc_name like p.prefix || '%') d
			where not exists (select 1 from public.group_documents g where g.doc_name = d.doc_name)`;
		const names = await tx.query<{ doc_name: string }>(orphaned, [`group/${groupId}/doc/`]);
		for (const { doc_name } of names) {
			await tx.query('delete from public.yjs_updates where doc_name = $1', [doc_name]);
			await tx.query('delete from public.yjs_snapshots where doc_name = $1', [doc_name]);
		}
	});
	return [rows[0].member_a, rows[0].member_b];
}
