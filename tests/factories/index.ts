import { randomUUID } from 'node:crypto';
import type { OrganisationRole, ProgramRole } from '$lib/domain/policy/types';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { insertUser } from '$lib/server/auth/local';
import { hashPassword } from '$lib/server/auth/passwords';
import type { Database, JwtClaims } from '$lib/server/db/types';

/** Factories: each creates its parents when not given, through the service role. */

export const FACTORY_PASSWORD = 'factory-password-1';
let passwordHash: Promise<string> | undefined;

export interface BuiltUser {
	id: string;
	email: string;
	claims: JwtClaims;
}

export async function buildUser(
	db: Database,
	overrides: { email?: string; name?: string } = {}
): Promise<BuiltUser> {
	passwordHash ??= hashPassword(FACTORY_PASSWORD);
	const email = overrides.email ?? `user-${randomUUID().slice(0, 8)}@example.org`;
	const id = await db.asService(async (tx) =>
		insertUser(tx, email, await passwordHash!, overrides.name ?? `Person ${email.split('@')[0]}`)
	);
	return { id, email, claims: { sub: id, role: 'authenticated', email } };
}

export async function buildOrganisation(
	db: Database,
	overrides: { name?: string; owner?: BuiltUser; ownerRole?: OrganisationRole } = {}
): Promise<{ id: string }> {
	return db.asService(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			'insert into public.organisations (name) values ($1) returning id',
			[overrides.name ?? `Organisation ${randomUUID().slice(0, 6)}`]
		);
		if (overrides.owner) {
			await tx.query(
				'insert into public.organisation_members (organisation_id, user_id, role) values ($1, $2, $3)',
				[rows[0].id, overrides.owner.id, overrides.ownerRole ?? 'owner']
			);
		}
		return rows[0];
	});
}

export async function buildProgram(
	db: Database,
	overrides: { organisationId?: string; kind?: ProgramKind; name?: string } = {}
): Promise<{ id: string; organisationId: string }> {
	const organisationId = overrides.organisationId ?? (await buildOrganisation(db)).id;
	return db.asService(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into public.programs (organisation_id, kind, name, starts_on, ends_on)
			 values ($1, $2, $3, '2026-09-01', '2027-06-30') returning id`,
			[organisationId, overrides.kind ?? 'youth', overrides.name ?? 'Programme']
		);
		return { id: rows[0].id, organisationId };
	});
}

export async function buildMembership(
	db: Database,
	programId: string,
	user: BuiltUser,
	role: ProgramRole
): Promise<{ id: string }> {
	const rows = await db.asService((tx) =>
		tx.query<{ id: string }>(
			'insert into public.memberships (program_id, user_id, role) values ($1, $2, $3) returning id',
			[programId, user.id, role]
		)
	);
	return rows[0];
}

/** A programme with one person in every role. */
export async function buildStaffedProgram(db: Database, organisationId?: string) {
	const program = await buildProgram(db, { organisationId });
	const people = {} as Record<ProgramRole, BuiltUser>;
	for (const role of ['coordinator', 'supporter', 'mentor', 'mentee', 'observer'] as const) {
		people[role] = await buildUser(db);
		await buildMembership(db, program.id, people[role], role);
	}
	return { program, people };
}

export async function buildInvitation(
	db: Database,
	programId: string,
	email = `invitee-${randomUUID().slice(0, 8)}@example.org`,
	role: ProgramRole = 'mentee'
): Promise<{ id: string }> {
	const rows = await db.asService((tx) =>
		tx.query<{ id: string }>(
			`insert into public.invitations (program_id, email, role, token_hash, expires_at)
			 values ($1, $2, $3, $4, now() + interval '14 days') returning id`,
			[programId, email, role, randomUUID()]
		)
	);
	return rows[0];
}

/**
 * A pair of the programme's mentor and mentee (supported by its supporter) with a bit of
 * everything: meetings and sheets (from insertPair), progress, a signature and one logbook
 * submission from each of the two, a call link, an assignment for the mentee (PS1 before meeting 3)
 * and the mentee's calendar feed.
 */
export async function buildPairWithContent(
	db: Database,
	staffed: { program: { id: string }; people: Record<ProgramRole, BuiltUser> }
): Promise<string> {
	const { insertPair } = await import('$lib/server/pairs/commands');
	return db.asService(async (tx) => {
		await tx.query(
			`insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)
			 on conflict (program_id, mentor_id) do nothing`,
			[staffed.program.id, staffed.people.mentor.id, staffed.people.supporter.id]
		);
		const pairId = await insertPair(tx, {
			programId: staffed.program.id,
			mentorId: staffed.people.mentor.id,
			menteeId: staffed.people.mentee.id
		});
		const sheets = await tx.query<{ id: string; template_key: string }>(
			'select id, template_key from public.sheets where pair_id = $1',
			[pairId]
		);
		const agreement = sheets.find((s) => s.template_key === '01-agreement')!;
		await tx.query(
			"insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total) values ($1, $2, '01-agreement', 1, 5)",
			[agreement.id, pairId]
		);
		await tx.query(
			"insert into public.signatures (sheet_id, pair_id, signer_id, template_key, role, content_hash) values ($1, $2, $3, '01-agreement', 'mentor', $4)",
			[agreement.id, pairId, staffed.people.mentor.id, 'b'.repeat(64)]
		);
		const { program, people } = staffed;
		await tx.query(
			"insert into public.intake_responses (program_id, user_id, form_key, form_version, answers) values ($1, $2, 'mentee-intake', 1, '{}')",
			[program.id, people.mentee.id]
		);
		await tx.query(
			'insert into public.match_preferences (program_id, chooser_id, chosen_id, rank) values ($1, $2, $3, 1)',
			[program.id, people.mentee.id, people.mentor.id]
		);
		await tx.query('insert into public.matching_settings (program_id) values ($1)', [program.id]);
		await tx.query(
			"insert into public.program_evaluations (program_id, form_version, answers) values ($1, 1, '{}')",
			[program.id]
		);
		await tx.query(
			"insert into public.exit_requests (pair_id, requested_by, requester_role, reason) values ($1, $2, 'mentee', 'reason')",
			[pairId, people.mentee.id]
		);
		for (const role of ['mentor', 'mentee'] as const) {
			await tx.query(
				"insert into public.log_submissions (pair_id, author_id, author_role, met_on, difficulties) values ($1, $2, $3, '2026-10-01', 'x')",
				[pairId, staffed.people[role].id, role]
			);
		}
		await tx.query(
			"insert into public.pair_call_links (pair_id, url, updated_by) values ($1, 'https://meet.jit.si/Mentorpad-factory', $2)",
			[pairId, people.mentor.id]
		);
		await tx.query(
			`insert into public.assignments (pair_id, sheet_key, assignee_id, created_by, due_on, meeting_number, note)
			 values ($1, 'PS1', $2, $3, '2026-12-01', 3, 'before meeting 3')`,
			[pairId, people.mentee.id, people.mentor.id]
		);
		await tx.query(
			`insert into public.calendar_feeds (user_id, secret_hash) values ($1, encode(sha256(gen_random_uuid()::text::bytea), 'hex'))
			 on conflict (user_id) do nothing`,
			[people.mentee.id]
		);
		return pairId;
	});
}

/**
 * A staffed programme that started on 1900-01-01, as a database from before the date bounds
 * (`DATE_BOUNDS_MIGRATION`) could hold: build it on a database migrated up to just before them.
 */
export async function buildProgramFrom1900(db: Database) {
	const old = await buildStaffedProgram(db);
	await db.asService((tx) =>
		tx.query("update public.programs set starts_on = '1900-01-01' where id = $1", [old.program.id])
	);
	return old;
}

/**
 * The most a coordinator can make the monitoring page work for: a programme of the longest
 * allowed length (10 years, started as long ago as that allows, so every fortnight up to today
 * counts) with `pairs` pairs, each with 200 meetings held across the whole range, a logbook
 * submission from both people every fortnight (a third of them flagged) and an exit request.
 */
export async function buildBusyProgram(db: Database, options: { pairs: number }) {
	const staffed = await buildStaffedProgram(db);
	const { program, people } = staffed;
	const { insertPair } = await import('$lib/server/pairs/commands');
	await db.asService((tx) =>
		tx.query(
			`update public.programs set starts_on = (current_date - interval '10 years')::date + 1,
				ends_on = current_date where id = $1`,
			[program.id]
		)
	);
	for (let n = 0; n < options.pairs; n++) {
		const mentor = await buildUser(db);
		const mentee = await buildUser(db);
		await buildMembership(db, program.id, mentor, 'mentor');
		await buildMembership(db, program.id, mentee, 'mentee');
		await db.asService(async (tx) => {
			await tx.query(
				'insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)',
				[program.id, mentor.id, people.supporter.id]
			);
			await insertPair(tx, { programId: program.id, mentorId: mentor.id, menteeId: mentee.id });
		});
	}
	// The bulk rows go in with triggers off, and the monitoring rollups are then built in one go,
	// as the rollups migration's backfill does: row by row, the rollup triggers took 11 s of the
	// 17 s on PGlite (over 60 s on a busy machine, near the hook's limit). The rollup tests prove
	// the triggers and the rebuild agree.
	await db.asOwner(async (tx) => {
		await tx.query('set local session_replication_role = replica');
		const range = `(select starts_on, ends_on from public.programs where id = $1) r`;
		await tx.query(
			`update public.meetings m set
				planned_on = r.starts_on + (m.number - 1) * 18,
				held_at = (r.starts_on + (m.number - 1) * 18 + time '10:00') at time zone 'UTC'
			 from public.pairs p, ${range}
			 where p.id = m.pair_id and p.program_id = $1`,
			[program.id]
		);
		await tx.query(
			`insert into public.meetings (pair_id, number, planned_on, held_at)
			 select p.id, k, r.starts_on + (k - 1) * 18,
				(r.starts_on + (k - 1) * 18 + time '10:00') at time zone 'UTC'
			 from public.pairs p, ${range}, generate_series(1, 200) k
			 where p.program_id = $1
			 on conflict (pair_id, number) do nothing`,
			[program.id]
		);
		await tx.query(
			`insert into public.log_submissions
				(pair_id, author_id, author_role, met_on, difficulty_flag, created_at)
			 select p.id, case a.role when 'mentor' then p.mentor_id else p.mentee_id end, a.role,
				r.starts_on + d, d % 42 = 0, (r.starts_on + d + time '12:00') at time zone 'UTC'
			 from public.pairs p, ${range}, (values ('mentor'), ('mentee')) a (role),
				generate_series(0, r.ends_on - r.starts_on, 14) d
			 where p.program_id = $1`,
			[program.id]
		);
		await tx.query('set local session_replication_role = origin');
		await tx.query('select private.monitoring_rollups_rebuild($1)', [program.id]);
		await tx.query(
			`insert into public.exit_requests (pair_id, requested_by, requester_role, reason, status, created_at)
			 select p.id, p.mentee_id, 'mentee', 'reason', 'handled',
				(r.starts_on + (row_number() over (order by p.id))::integer * 7 + time '09:00') at time zone 'UTC'
			 from public.pairs p, ${range}
			 where p.program_id = $1`,
			[program.id]
		);
	});
	return staffed;
}

/**
 * A learning-community group in a staffed programme: schools A (mentor, mentee) and B (observer),
 * the supporter as facilitator, one agenda document, and reflections by the mentee (private,
 * shared with the group, shared with the school) and one private by the observer.
 */
export async function buildGroupWithContent(
	db: Database,
	staffed: { program: { id: string }; people: Record<ProgramRole, BuiltUser> }
) {
	const { program, people } = staffed;
	return db.asService(async (tx) => {
		const schools = await tx.query<{ id: string }>(
			`insert into public.schools (program_id, name, school_group, region)
			 values ($1, 'School A', 'Scholengroep A', 'Gent'), ($1, 'School B', '', 'Aalst') returning id`,
			[program.id]
		);
		const [schoolA, schoolB] = schools.map((s) => s.id);
		const place = [
			[people.mentor, schoolA, 'school_leader'],
			[people.mentee, schoolA, 'policy_member'],
			[people.observer, schoolB, 'school_leader']
		] as const;
		for (const [person, school, fn] of place) {
			await tx.query(
				'insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, $4)',
				[program.id, person.id, school, fn]
			);
		}
		const group = (
			await tx.query<{ id: string }>(
				"insert into public.groups (program_id, kind, name) values ($1, 'LGSL', 'Groep 1') returning id",
				[program.id]
			)
		)[0].id;
		await tx.query(
			`insert into public.group_members (group_id, user_id, role, school_id) values
				($1, $2, 'member', $5), ($1, $3, 'member', $5), ($1, $4, 'member', $6), ($1, $7, 'facilitator', null)`,
			[
				group,
				people.mentor.id,
				people.mentee.id,
				people.observer.id,
				schoolA,
				schoolB,
				people.supporter.id
			]
		);
		const docId = randomUUID();
		await tx.query(
			"insert into public.group_documents (id, group_id, kind, title, doc_name) values ($1, $2, 'agenda', 'Agenda', $3)",
			[docId, group, `group/${group}/doc/${docId}`]
		);
		const reflection = async (author: BuiltUser, scope: 'group' | 'school' | null) => {
			const id = randomUUID();
			await tx.query(
				`insert into public.reflections (id, author_id, group_id, title, doc_name, shared_at, share_scope)
				 values ($1, $2, $3, 'Reflectie', $4, case when $5::text is null then null else now() end, $5)`,
				[id, author.id, group, `reflection/${id}`, scope]
			);
			return id;
		};
		const reflections = {
			menteePrivate: await reflection(people.mentee, null),
			menteeGroup: await reflection(people.mentee, 'group'),
			menteeSchool: await reflection(people.mentee, 'school'),
			observerPrivate: await reflection(people.observer, null)
		};
		// Part 2: a comment by the observer on the group-shared reflection, one by the mentor on the
		// school-shared one, a meeting and an open intervision round chaired by the facilitator.
		const comment = async (on: string, author: BuiltUser) =>
			(
				await tx.query<{ id: string }>(
					"insert into public.reflection_comments (reflection_id, author_id, body) values ($1, $2, 'Herkenbaar') returning id",
					[on, author.id]
				)
			)[0].id;
		const comments = {
			observerOnGroup: await comment(reflections.menteeGroup, people.observer),
			mentorOnSchool: await comment(reflections.menteeSchool, people.mentor)
		};
		const meeting = (
			await tx.query<{ id: string }>(
				"insert into public.group_meetings (group_id, starts_at, place, created_by) values ($1, now() + interval '7 days', 'School A', $2) returning id",
				[group, people.supporter.id]
			)
		)[0].id;
		const round = (
			await tx.query<{ id: string }>(
				`insert into public.intervision_rounds
					(group_id, method, case_owner_id, chair_id, timekeeper_id, step_seconds, started_by)
				 values ($1, 'incident', $2, $3, $4, 300, $3) returning id`,
				[group, people.mentee.id, people.supporter.id, people.observer.id]
			)
		)[0].id;
		// A peer coaching duo of the mentor and the observer, with its workspace.
		const duo = (
			await tx.query<{ id: string }>(
				'insert into public.group_duos (group_id, member_a, member_b, created_by) values ($1, $2, $3, $4) returning id',
				[group, people.mentor.id, people.observer.id, people.supporter.id]
			)
		)[0].id;
		const duoDocId = randomUUID();
		await tx.query(
			"insert into public.group_documents (id, group_id, kind, duo_id, title, doc_name) values ($1, $2, 'duo_workspace', $3, 'Duo', $4)",
			[duoDocId, group, duo, `group/${group}/doc/${duoDocId}`]
		);
		const needs = (
			await tx.query<{ id: string }>(
				`insert into public.needs_analyses (group_id, user_id, moment, answers)
				 values ($1, $2, 'start', '{"pedagogy": 3, "leadership": 2}') returning id`,
				[group, people.mentee.id]
			)
		)[0].id;
		// The mentee's own self-evaluation at the start.
		const selfEvaluation = (
			await tx.query<{ id: string }>(
				`insert into public.community_self_evaluations (group_id, user_id, moment, answers, to_grow)
				 values ($1, $2, 'start', '{"pedagogy": 2, "leadership": 1}', 'Feedback geven') returning id`,
				[group, people.mentee.id]
			)
		)[0].id;
		// Part 3: the observer finds the group-shared reflection recognisable.
		const reaction = (
			await tx.query<{ id: string }>(
				"insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, 'recognisable') returning id",
				[reflections.menteeGroup, people.observer.id]
			)
		)[0].id;
		return {
			group,
			schoolA,
			schoolB,
			docId,
			reflections,
			comments,
			reaction,
			meeting,
			round,
			duo,
			duoDocId,
			needs,
			selfEvaluation
		};
	});
}
