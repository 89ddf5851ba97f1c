import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { SchoolFunction } from '$lib/domain/groups/schemas';
import { insertUser } from '$lib/server/auth/local';
import type { Tx } from '$lib/server/db/types';

/**
 * The learning-community demo (seed 004, "GO ALL for learning!"): four schools of one network,
 * a leergemeenschap of school leaders (LGSL) and one of pupil-support staff (LGLB), each with
 * two or three people per school, one process coach for both, the starting documents with some
 * text, and reflections that are private, shared with the group and shared with the school.
 */

export const GROUPS_DEMO_COACH = {
	email: 'procescoach@example.org',
	name: 'Karel Procescoach'
} as const;

const SCHOOLS = [
	{ name: 'Basisschool De Linde', region: 'Sint-Niklaas' },
	{ name: 'Sint-Jozefschool', region: 'Temse' },
	{ name: 'Het Anker', region: 'Beveren' },
	{ name: 'De Regenboog', region: 'Lokeren' }
] as const;
const NETWORK = 'Scholengroep Waasland';

/** [email, name, school index, function] per group; the first of each group is its demo login. */
export const GROUPS_DEMO_PEOPLE: Record<
	'LGSL' | 'LGLB',
	readonly (readonly [string, string, number, SchoolFunction])[]
> = {
	LGSL: [
		['lgsl1@example.org', 'Lotte Verbeke', 0, 'school_leader'],
		['lgsl2@example.org', 'Maarten De Smet', 0, 'policy_member'],
		['lgsl3@example.org', 'Nadia Bouzid', 1, 'school_leader'],
		['lgsl4@example.org', 'Olivier Van Damme', 1, 'policy_member'],
		['lgsl5@example.org', 'Petra Coppens', 2, 'school_leader'],
		['lgsl6@example.org', 'Quinten Martens', 2, 'policy_member'],
		['lgsl7@example.org', 'Roos Van Acker', 2, 'policy_member'],
		['lgsl8@example.org', 'Sam Hermans', 3, 'school_leader'],
		['lgsl9@example.org', 'Tine Wuyts', 3, 'policy_member']
	],
	LGLB: [
		['lglb1@example.org', 'Ursula De Wilde', 0, 'pupil_support_lead'],
		['lglb2@example.org', 'Victor Aerts', 0, 'pupil_support_lead'],
		['lglb3@example.org', 'Wendy Stevens', 1, 'pupil_support_lead'],
		['lglb4@example.org', 'Xander Jacobs', 1, 'pupil_support_lead'],
		['lglb5@example.org', 'Yasmine El Idrissi', 2, 'pupil_support_lead'],
		['lglb6@example.org', 'Zeno Michiels', 2, 'pupil_support_lead'],
		['lglb7@example.org', 'Anke Lambrecht', 3, 'pupil_support_lead'],
		['lglb8@example.org', 'Bram Segers', 3, 'pupil_support_lead']
	]
};

/** People the demo adds to the learning-community programme only. */
export const GROUPS_DEMO_MEMBERS =
	1 + GROUPS_DEMO_PEOPLE.LGSL.length + GROUPS_DEMO_PEOPLE.LGLB.length;

const GROUPS = [
	{ kind: 'LGSL', name: 'LGSL Waasland' },
	{ kind: 'LGLB', name: 'LGLB Waasland' }
] as const;

const DOCUMENT_TEXT: Record<string, string[]> = {
	agenda: [
		'Bijeenkomst 3 — gastschool: Het Anker',
		'1. Check-in: wat nam je mee uit de vorige bijeenkomst?',
		'2. Intervisie (incidentmethode): casus van De Regenboog',
		'3. Actieplan: leerachterstanden in het derde leerjaar'
	],
	intervision_notes: [
		'Casus: hoe betrekken we ouders bij de aanpak van leerachterstanden?',
		'Verhelderende vragen: wat werd al geprobeerd, wie is betrokken?'
	],
	action_plan: [
		'Doel: elke school kiest één aanpak voor remediëring en evalueert die in juni.',
		'Volgende stap: klasobservaties plannen bij elkaar.'
	]
};

const REFLECTIONS: readonly {
	author: number;
	title: string;
	text: string;
	scope: 'group' | 'school' | null;
}[] = [
	{
		author: 0,
		title: 'Na bijeenkomst 1: onderwijskundig leiderschap',
		text: 'Ik merk dat ik vooral brandjes blus. De intervisie hielp me om één prioriteit te kiezen.',
		scope: 'group'
	},
	{
		author: 0,
		title: 'Wat ik nog niet durf te zeggen',
		text: 'Persoonlijk: mijn twijfels over de nieuwe structuur in het team.',
		scope: null
	},
	{
		author: 1,
		title: 'Onze aanpak van leerachterstanden',
		text: 'Voor onze school: we willen de klasobservaties eerst intern proberen.',
		scope: 'school'
	},
	{
		author: 2,
		title: 'Reflectie na de incidentmethode',
		text: 'De verhelderende vragen openden mijn blik: het probleem lag niet waar ik dacht.',
		scope: 'group'
	}
];

/** A Tiptap-shaped `body` fragment: one paragraph per line, as GroupEditor reads it. */
function bodyUpdate(lines: readonly string[]): Uint8Array {
	const doc = new Y.Doc();
	const body = doc.getXmlFragment('body');
	body.insert(
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

async function storeText(tx: Tx, docName: string, lines: readonly string[]): Promise<void> {
	await tx.query('insert into public.yjs_updates (doc_name, "update") values ($1, $2)', [
		docName,
		bodyUpdate(lines)
	]);
}

export async function seedGroupsDemo(
	tx: Tx,
	programId: string,
	options: { passwordHash: string; coordinatorId: string | null }
): Promise<void> {
	const schoolIds: string[] = [];
	for (const school of SCHOOLS) {
		const rows = await tx.query<{ id: string }>(
			`insert into public.schools (program_id, name, school_group, region) values ($1, $2, $3, $4)
			 returning id`,
			[programId, school.name, NETWORK, school.region]
		);
		schoolIds.push(rows[0].id);
	}
	const coachId = await insertUser(
		tx,
		GROUPS_DEMO_COACH.email,
		options.passwordHash,
		GROUPS_DEMO_COACH.name
	);
	await tx.query(
		"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'supporter')",
		[programId, coachId]
	);

	for (const [g, spec] of GROUPS.entries()) {
		const groupId = randomUUID();
		await tx.query(
			`insert into public.groups (id, program_id, kind, name, created_at) values ($1, $2, $3, $4, now() - interval '60 days')`,
			[groupId, programId, spec.kind, spec.name]
		);
		await tx.query(
			"insert into public.group_members (group_id, user_id, role) values ($1, $2, 'facilitator')",
			[groupId, coachId]
		);
		const members: string[] = [];
		for (const [email, name, school, fn] of GROUPS_DEMO_PEOPLE[spec.kind]) {
			const id = await insertUser(tx, email, options.passwordHash, name);
			members.push(id);
			await tx.query(
				"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'mentee')",
				[programId, id]
			);
			await tx.query(
				'insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, $4)',
				[programId, id, schoolIds[school], fn]
			);
			await tx.query(
				"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
				[groupId, id, schoolIds[school]]
			);
		}
		const documents: [string, string, number | null][] = [
			['agenda', 'Agenda', null],
			['intervision_notes', 'Intervisienotities', null],
			['action_plan', 'Actieplan', null],
			['school_actions', `Acties in onze school — ${SCHOOLS[0].name}`, 0]
		];
		for (const [kind, title, school] of documents) {
			const docId = randomUUID();
			const docName = `group/${groupId}/doc/${docId}`;
			await tx.query(
				`insert into public.group_documents (id, group_id, kind, school_id, title, doc_name, created_by)
				 values ($1, $2, $3, $4, $5, $6, $7)`,
				[
					docId,
					groupId,
					kind,
					school === null ? null : schoolIds[school],
					title,
					docName,
					options.coordinatorId
				]
			);
			await storeText(
				tx,
				docName,
				DOCUMENT_TEXT[kind] ?? ['Nog te bespreken in de volgende bijeenkomst.']
			);
		}
		// The LGSL group has its history in the reflections; the LGLB group starts with one.
		const reflectionIds: string[] = [];
		for (const reflection of g === 0 ? REFLECTIONS : REFLECTIONS.slice(0, 1)) {
			const id = randomUUID();
			const docName = `reflection/${id}`;
			await tx.query(
				`insert into public.reflections (id, author_id, group_id, title, doc_name, shared_at, share_scope)
				 values ($1, $2, $3, $4, $5, case when $6::text is null then null else now() - interval '7 days' end, $6)`,
				[id, members[reflection.author], groupId, reflection.title, docName, reflection.scope]
			);
			await storeText(tx, docName, [reflection.text]);
			reflectionIds.push(id);
		}
		await seedGroupHistory(tx, groupId, coachId, members, reflectionIds);
	}
}

/**
 * What the group did before today: two meetings held (on location, in turn at a school) and the
 * next one online, an intervision round held, and a comment on a shared reflection.
 */
async function seedGroupHistory(
	tx: Tx,
	groupId: string,
	coachId: string,
	members: readonly string[],
	reflectionIds: readonly string[]
): Promise<void> {
	const meetings: [string, string, string | null, boolean][] = [
		['-42 days', SCHOOLS[0].name, null, true],
		['-14 days', SCHOOLS[1].name, null, true],
		['+14 days', '', 'https://meet.jit.si/mentorpad-leergemeenschap-demo', false]
	];
	for (const [offset, place, link, held] of meetings) {
		await tx.query(
			`insert into public.group_meetings (group_id, starts_at, duration_minutes, mode, place, call_link, held_at, created_by)
			 values ($1, date_trunc('day', now()) + $2::interval + interval '14 hours', 120, $3, $4, $5,
				case when $6 then date_trunc('day', now()) + $2::interval + interval '16 hours' end, $7)`,
			[groupId, offset, link ? 'online' : 'face_to_face', place, link, held, coachId]
		);
	}
	await tx.query(
		`insert into public.intervision_rounds (group_id, method, case_owner_id, chair_id, timekeeper_id,
			step, step_seconds, started_by, started_at, ended_at)
		 values ($1, 'incident', $2, $3, $4, 4, 300, $3, now() - interval '14 days', now() - interval '14 days' + interval '45 minutes')`,
		[groupId, members[2], coachId, members[1]]
	);
	if (reflectionIds[0]) {
		await tx.query(
			`insert into public.reflection_comments (reflection_id, author_id, body, created_at)
			 values ($1, $2, $3, now() - interval '6 days')`,
			[
				reflectionIds[0],
				members[2],
				'Herkenbaar! Eén prioriteit kiezen hielp mij ook. Zullen we dat in de volgende bijeenkomst delen?'
			]
		);
	}
}
