import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_ROLES, type ProgramRole } from '$lib/domain/policy/types';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	buildInvitation,
	buildGroupWithContent,
	buildPairWithContent,
	buildOrganisation,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { buildCareRows } from '../factories/care';
import { buildResourceRows } from '../factories/resources';
import { buildEngagementRows } from '../factories/engagement';
import { buildMentorGroup } from '../factories/mentor-groups';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let x: Awaited<ReturnType<typeof buildStaffedProgram>>;
let y: Awaited<ReturnType<typeof buildStaffedProgram>>;
let stranger: BuiltUser;
let xPair: string;
let yPair: string;

/**
 * For every table in `public`: the rows that belong to programme Y. A member of programme X
 * must read none of them. The list must name every table (checked below), so a new table
 * cannot be added without saying how it is scoped.
 */
const OF_Y: Record<string, string> = {
	organisations: 'id = y.org',
	organisation_members: 'organisation_id = y.org',
	profiles: 'id = any(y.people)',
	programs: 'id = y.program',
	memberships: 'program_id = y.program',
	invitations: 'program_id = y.program',
	audit_events: 'program_id = y.program',
	pairs: 'program_id = y.program',
	meetings: 'pair_id = y.pair',
	sheets: 'pair_id = y.pair',
	sheet_progress: 'pair_id = y.pair',
	signatures: 'pair_id = y.pair',
	log_submissions: 'pair_id = y.pair',
	intake_responses: 'program_id = y.program',
	match_preferences: 'program_id = y.program',
	matching_settings: 'program_id = y.program',
	mentor_supporters: 'program_id = y.program',
	exit_requests: 'pair_id = y.pair',
	program_evaluations: 'program_id = y.program',
	pair_call_links: 'pair_id = y.pair',
	assignments: 'pair_id = y.pair',
	calendar_feeds: 'user_id = any(y.people)',
	mail_outbox: 'true',
	yjs_updates: 'true',
	yjs_snapshots: 'true',
	jobs: 'program_id = y.program',
	notifications: 'user_id = any(y.people)',
	notification_preferences: 'user_id = any(y.people)',
	schools: 'program_id = y.program',
	school_members: 'program_id = y.program',
	groups: 'program_id = y.program',
	group_members: 'private.group_program(group_id) = y.program',
	group_documents: 'private.group_program(group_id) = y.program',
	reflections: 'private.group_program(group_id) = y.program',
	reflection_comments: 'author_id = any(y.people)',
	reflection_reactions: 'user_id = any(y.people)',
	group_meetings: 'private.group_program(group_id) = y.program',
	intervision_rounds: 'private.group_program(group_id) = y.program',
	group_duos: 'private.group_program(group_id) = y.program',
	needs_analyses: 'private.group_program(group_id) = y.program',
	community_self_evaluations: 'private.group_program(group_id) = y.program',
	messages: 'pair_id = y.pair',
	message_reads: 'pair_id = y.pair',
	files: 'pair_id = y.pair',
	pair_path_history: 'pair_id = y.pair',
	phase_proposals: 'pair_id = y.pair',
	certificates: 'program_id = y.program',
	portfolio_items: 'owner_id = any(y.people)',
	data_exports: 'user_id = any(y.people)',
	erasure_requests: 'program_id = y.program or user_id = any(y.people)',
	retention_runs: 'program_id = y.program',
	checkins: 'pair_id = y.pair',
	concerns: 'pair_id = y.pair',
	support_meetings: 'program_id = y.program',
	program_instruments: 'program_id = y.program',
	sheet_lessons: 'pair_id = y.pair',
	resources: 'program_id = y.program or organisation_id = y.org',
	resource_collections: 'program_id = y.program or organisation_id = y.org',
	resource_collection_items:
		'collection_id in (select c.id from public.resource_collections c where c.program_id = y.program)',
	resource_done: 'user_id = any(y.people)',
	school_intakes: 'program_id = y.program',
	engagement_signatures: 'private.school_program(school_id) = y.program',
	mentor_groups: 'program_id = y.program',
	mentor_group_members: 'private.mentor_group_program(group_id) = y.program',
	mentor_group_sheets: 'private.mentor_group_program(group_id) = y.program',
	teacher_evaluators: 'program_id = y.program'
};

const countSql = (table: string) =>
	`select count(*)::int as n
	 from public.${table}, (select $1::uuid as org, $2::uuid as program, $3::uuid[] as people, $4::uuid as pair) y
	 where ${OF_Y[table]}`;
const yParams = () => [
	y.program.organisationId,
	y.program.id,
	Object.values(y.people).map((p) => p.id),
	yPair
];

/** Rows of Y the person can read; a table they may not select from at all counts as 0. */
async function countAs(claims: JwtClaims | null, table: string): Promise<number> {
	try {
		const rows = await db.asUser(claims, (tx) =>
			tx.query<{ n: number }>(countSql(table), yParams())
		);
		return rows[0].n;
	} catch (error) {
		if (/permission denied/.test((error as Error).message)) return 0;
		throw error;
	}
}

beforeAll(async () => {
	db = await createTestDatabase();
	x = await buildStaffedProgram(db);
	const orgY = await buildOrganisation(db);
	y = await buildStaffedProgram(db, orgY.id);
	stranger = await buildUser(db);
	await db.asService(async (tx) => {
		await tx.query("insert into public.organisation_members values ($1, $2, 'owner')", [
			orgY.id,
			y.people.coordinator.id
		]);
		await tx.query(
			"insert into public.audit_events (program_id, action, entity_type) values ($1, 'test', 'program')",
			[y.program.id]
		);
		await tx.query(
			"insert into public.mail_outbox (to_email, subject, body_text, kind) values ('a@example.org', 's', 'b', 'test')"
		);
		await tx.query("insert into public.yjs_updates (doc_name, update) values ('pair/x', '\\x00')");
		await tx.query(
			"insert into public.yjs_snapshots (doc_name, state, upto_id) values ('pair/x', '\\x00', 1)"
		);
		await tx.query("insert into public.jobs (kind, program_id) values ('test', $1)", [
			y.program.id
		]);
		// Each person of Y has a notification and preferences: nobody of X (or a stranger) reads them.
		for (const person of Object.values(y.people)) {
			await tx.query(
				"insert into public.notifications (user_id, kind, category, program_id, link) values ($1, 'pair_status', 'pair', $2, '/')",
				[person.id, y.program.id]
			);
			await tx.query('insert into public.notification_preferences (user_id) values ($1)', [
				person.id
			]);
			await tx.query('insert into public.data_exports (user_id) values ($1)', [person.id]);
		}
		await tx.query('insert into public.erasure_requests (user_id, program_id) values ($1, $2)', [
			y.people.mentee.id,
			y.program.id
		]);
		await tx.query('insert into public.retention_runs (program_id) values ($1)', [y.program.id]);
		await tx.query(
			"insert into public.program_instruments (program_id, template_key, enabled, position) values ($1, 'S1', true, 0)",
			[y.program.id]
		);
		await tx.query(
			'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id) values ($1, $2, $3)',
			[y.program.id, y.people.observer.id, y.people.mentee.id]
		);
	});
	await buildInvitation(db, y.program.id);
	await buildInvitation(db, x.program.id);
	xPair = await buildPairWithContent(db, x);
	yPair = await buildPairWithContent(db, y);
	await buildEngagementRows(db, y, await buildGroupWithContent(db, y));
	await buildCareRows(db, y, yPair);
	await buildResourceRows(db, y);
	await buildMentorGroup(db, y.program.id, y.people.mentor.id, [y.people.mentee.id]);
	await db.asService(async (tx) => {
		// A second lesson observation of Y's pair.
		await tx.query(
			`insert into public.sheet_lessons (id, sheet_id, pair_id, number, doc_name, created_by)
			 select g.id, s.id, s.pair_id, 2, 'pair/' || s.pair_id::text || '/sheet/' || g.id::text, $2
			 from public.sheets s, (select gen_random_uuid() as id) g
			 where s.pair_id = $1 and s.template_key = 'lesson-observation'`,
			[yPair, y.people.mentor.id]
		);
		const [message] = await tx.query<{ id: string }>(
			"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hello') returning id",
			[yPair, y.people.mentor.id]
		);
		const file = randomUUID();
		await tx.query(
			"insert into public.files (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key) values ($1, $2, $3, $4, 'plan.pdf', 'application/pdf', 10, $5)",
			[file, yPair, message.id, y.people.mentor.id, `pair/${yPair}/${file}`]
		);
		await tx.query(
			'insert into public.message_reads (pair_id, user_id, read_at) values ($1, $2, now())',
			[yPair, y.people.mentee.id]
		);
		await tx.query(
			"insert into public.phase_proposals (pair_id, from_phase, to_phase, proposed_by, proposer_role) values ($1, 'BR', 'SD', $2, 'mentor')",
			[yPair, y.people.mentor.id]
		);
		const [certificate] = await tx.query<{ id: string }>(
			`insert into public.certificates (code, program_id, pair_id, person_id, role, person_name,
				program_name, organisation_name, period_start, period_end, sessions_held, coordinator_name)
			 values ($1, $2, $3, $4, 'mentee', 'M', 'P', 'O', '2026-01-01', '2026-06-30', 3, 'C') returning id`,
			['y'.repeat(43), y.program.id, yPair, y.people.mentee.id]
		);
		await tx.query(
			"insert into public.portfolio_items (owner_id, kind, certificate_id) values ($1, 'certificate', $2)",
			[y.people.mentee.id, certificate.id]
		);
	});
});
afterAll(() => db.close());

describe(`row-level security (${testEngine()})`, () => {
	it('names every table in public and has RLS enabled on each', async () => {
		const tables = await db.asOwner((tx) =>
			tx.query<{ relname: string; relrowsecurity: boolean }>(
				`select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
				 where n.nspname = 'public' and c.relkind = 'r' order by 1`
			)
		);
		expect(tables.map((t) => t.relname).sort()).toEqual(Object.keys(OF_Y).sort());
		expect(tables.every((t) => t.relrowsecurity)).toBe(true);
	});

	it('sees the rows of Y as its service role (the test data is there)', async () => {
		for (const table of Object.keys(OF_Y)) {
			const rows = await db.asService((tx) => tx.query<{ n: number }>(countSql(table), yParams()));
			expect(rows[0].n, table).toBeGreaterThan(0);
		}
	});

	for (const role of PROGRAM_ROLES) {
		it(`a ${role} of programme X reads 0 rows of programme Y in every table`, async () => {
			for (const table of Object.keys(OF_Y)) {
				expect(await countAs(x.people[role].claims, table), table).toBe(0);
			}
		});
	}

	it('a person in no programme reads 0 rows of Y in every table', async () => {
		for (const table of Object.keys(OF_Y))
			expect(await countAs(stranger.claims, table), table).toBe(0);
	});

	it('anonymous reads nothing at all', async () => {
		for (const table of Object.keys(OF_Y)) expect(await countAs(null, table), table).toBe(0);
		// Not even a count: the anon role has no privilege on any table.
		await expect(
			db.asUser(null, (tx) => tx.query('select count(*) from public.programs'))
		).rejects.toThrow(/permission denied/);
	});

	it.each(['supporter', 'mentor', 'mentee', 'observer'] as ProgramRole[])(
		'a %s cannot read the invitations of their own programme',
		async (role) => {
			const rows = await db.asUser(x.people[role].claims, (tx) =>
				tx.query('select * from public.invitations')
			);
			expect(rows).toHaveLength(0);
		}
	);

	it("a coordinator reads their programme's invitations and members, not others'", async () => {
		const claims = x.people.coordinator.claims;
		const invitations = await db.asUser(claims, (tx) =>
			tx.query<{ program_id: string }>('select program_id from public.invitations')
		);
		expect(invitations.map((i) => i.program_id)).toEqual([x.program.id]);
		const memberships = await db.asUser(claims, (tx) =>
			tx.query<{ program_id: string }>('select distinct program_id from public.memberships')
		);
		expect(memberships.map((m) => m.program_id)).toEqual([x.program.id]);
	});

	it('a mentee sees only their own membership', async () => {
		const mentee = x.people.mentee;
		const memberships = await db.asUser(mentee.claims, (tx) =>
			tx.query<{ user_id: string }>('select user_id from public.memberships')
		);
		expect(memberships.map((m) => m.user_id)).toEqual([mentee.id]);
	});

	it('a coordinator manages only their own programme', async () => {
		const claims = x.people.coordinator.claims;
		const updated = await db.asUser(claims, (tx) =>
			tx.query('update public.programs set name = $2 where id = $1 returning id', [
				x.program.id,
				'Renamed'
			])
		);
		expect(updated).toHaveLength(1);
		const foreign = await db.asUser(claims, (tx) =>
			tx.query('update public.programs set name = $2 where id = $1 returning id', [
				y.program.id,
				'Hijacked'
			])
		);
		expect(foreign).toHaveLength(0);
		await expect(
			db.asUser(claims, (tx) =>
				tx.query(
					"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'mentor')",
					[y.program.id, stranger.id]
				)
			)
		).rejects.toThrow(/row-level security/);
		await expect(
			db.asUser(claims, (tx) =>
				tx.query(
					"insert into public.invitations (program_id, email, role, token_hash, invited_by, expires_at) values ($1, 'z@example.org', 'mentee', 'h', $2, now())",
					[y.program.id, claims.sub]
				)
			)
		).rejects.toThrow(/row-level security/);
		// Nobody deletes memberships: a member leaves by being marked removed.
		await expect(
			db.asUser(claims, (tx) =>
				tx.query('delete from public.memberships where program_id = $1 returning id', [
					y.program.id
				])
			)
		).rejects.toThrow(/permission denied/);
	});

	it('a mentee cannot promote themselves or edit the programme', async () => {
		const mentee = x.people.mentee;
		const promoted = await db.asUser(mentee.claims, (tx) =>
			tx.query(
				"update public.memberships set role = 'coordinator' where user_id = $1 returning id",
				[mentee.id]
			)
		);
		expect(promoted).toHaveLength(0);
		const edited = await db.asUser(mentee.claims, (tx) =>
			tx.query("update public.programs set name = 'x' where id = $1 returning id", [x.program.id])
		);
		expect(edited).toHaveLength(0);
		await expect(
			db.asUser(mentee.claims, (tx) =>
				tx.query(
					"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'coordinator')",
					[y.program.id, mentee.id]
				)
			)
		).rejects.toThrow(/row-level security/);
	});

	it('only organisers create programmes, and only in their organisation', async () => {
		const insert = (claims: JwtClaims, organisationId: string) =>
			db.asUser(claims, (tx) =>
				tx.query(
					"insert into public.programs (organisation_id, kind, name, starts_on, ends_on, created_by) values ($1, 'youth', 'New', '2026-01-01', '2026-12-31', $2)",
					[organisationId, claims.sub]
				)
			);
		await expect(insert(x.people.coordinator.claims, y.program.organisationId)).rejects.toThrow(
			/row-level security/
		);
		await expect(
			insert(y.people.coordinator.claims, y.program.organisationId)
		).resolves.toBeDefined();
	});

	it('audit events cannot be forged or written into another programme', async () => {
		const mentor = x.people.mentor;
		await db.asUser(mentor.claims, (tx) =>
			tx.query("select public.record_audit_event('probe', 'program', null, $1)", [x.program.id])
		);
		await expect(
			db.asUser(mentor.claims, (tx) =>
				tx.query("select public.record_audit_event('probe', 'program', null, $1)", [y.program.id])
			)
		).rejects.toThrow(/member of/);
		const rows = await db.asService((tx) =>
			tx.query<{ program_id: string; actor_id: string }>(
				"select program_id, actor_id from public.audit_events where action = 'probe'"
			)
		);
		expect(rows).toEqual([{ program_id: x.program.id, actor_id: mentor.id }]);
		await expect(
			db.asUser(mentor.claims, (tx) =>
				tx.query(
					"insert into public.audit_events (program_id, action, entity_type) values ($1, 'x', 'y')",
					[x.program.id]
				)
			)
		).rejects.toThrow(/permission denied/);
	});

	it("a coordinator reads the pair's metadata but never its sheets", async () => {
		const claims = x.people.coordinator.claims;
		const count = (table: string) =>
			db.asUser(claims, (tx) =>
				tx.query<{ n: number }>(
					`select count(*)::int as n from public.${table} where pair_id = $1`,
					[xPair]
				)
			);
		for (const table of ['meetings', 'sheet_progress', 'signatures', 'log_submissions']) {
			expect((await count(table))[0].n, table).toBeGreaterThan(0);
		}
		expect((await count('sheets'))[0].n).toBe(0);
	});

	it("the supporter reads the mentor's submissions only; each author reads only their own", async () => {
		const roles = async (claims: JwtClaims) =>
			(
				await db.asUser(claims, (tx) =>
					tx.query<{ author_role: string }>(
						'select author_role from public.log_submissions order by 1'
					)
				)
			).map((r) => r.author_role);
		expect(await roles(x.people.supporter.claims)).toEqual(['mentor']);
		expect(await roles(x.people.mentor.claims)).toEqual(['mentor']);
		expect(await roles(x.people.mentee.claims)).toEqual(['mentee']);
		expect(await roles(x.people.observer.claims)).toEqual([]);
	});

	it('nobody writes a signature through the API: the server signs with the hash it computes', async () => {
		const sheet = await db.asService((tx) =>
			tx.query<{ id: string; template_key: string }>(
				"select id, template_key from public.sheets where pair_id = $1 and template_key in ('01-agreement', '02-confidentiality')",
				[xPair]
			)
		);
		for (const role of ['mentor', 'mentee', 'coordinator'] as const) {
			for (const s of sheet) {
				await expect(
					db.asUser(x.people[role].claims, (tx) =>
						tx.query(
							'insert into public.signatures (sheet_id, pair_id, signer_id, template_key, role, content_hash) values ($1, $2, $3, $4, $5, $6)',
							[s.id, xPair, x.people[role].id, s.template_key, role, 'a'.repeat(64)]
						)
					),
					`${role} ${s.template_key}`
				).rejects.toThrow(/permission denied/);
			}
		}
	});

	it("mentor and mentee see each other's profile; other mentees stay hidden", async () => {
		const visible = async (claims: JwtClaims) =>
			(await db.asUser(claims, (tx) => tx.query<{ id: string }>('select id from public.profiles')))
				.map((p) => p.id)
				.sort();
		expect(await visible(x.people.mentee.claims)).toEqual(
			[x.people.mentor.id, x.people.mentee.id].sort()
		);
	});

	it('an exit request reaches the coordinator and the supporter, never the other person', async () => {
		const count = async (claims: JwtClaims) =>
			(
				await db.asUser(claims, (tx) =>
					tx.query<{ n: number }>(
						'select count(*)::int as n from public.exit_requests where pair_id = $1',
						[xPair]
					)
				)
			)[0].n;
		expect(await count(x.people.mentee.claims)).toBe(1);
		expect(await count(x.people.coordinator.claims)).toBe(1);
		expect(await count(x.people.supporter.claims)).toBe(1);
		expect(await count(x.people.mentor.claims)).toBe(0);
		expect(await count(x.people.observer.claims)).toBe(0);
	});

	it("intake answers are the author's and the coordinator's only", async () => {
		const count = async (claims: JwtClaims) =>
			(await db.asUser(claims, (tx) => tx.query('select 1 from public.intake_responses'))).length;
		expect(await count(x.people.mentee.claims)).toBe(1);
		expect(await count(x.people.coordinator.claims)).toBe(1);
		expect(await count(x.people.mentor.claims)).toBe(0);
		expect(await count(x.people.supporter.claims)).toBe(0);
	});

	it('the auth schema is closed to people', async () => {
		await expect(
			db.asUser(x.people.coordinator.claims, (tx) => tx.query('select * from auth.users'))
		).rejects.toThrow(/permission denied/);
		await expect(
			db.asUser(x.people.coordinator.claims, (tx) => tx.query('select * from auth.local_sessions'))
		).rejects.toThrow(/permission denied/);
	});

	it('auth.uid(), auth.role() and auth.jwt() answer as on Supabase', async () => {
		const claims = x.people.mentor.claims;
		const rows = await db.asUser(claims, (tx) =>
			tx.query<{ uid: string; role: string; email: string; current: string }>(
				"select auth.uid() as uid, auth.role() as role, auth.jwt() ->> 'email' as email, current_user as current"
			)
		);
		expect(rows[0]).toEqual({
			uid: claims.sub,
			role: 'authenticated',
			email: claims.email,
			current: 'authenticated'
		});
	});
});
