import {
	menteeFromIntake,
	mentorFromSelfAssessment,
	preferencesFromRows,
	proposeMatching,
	validateWeights,
	type Exclusion,
	type MatchingInput,
	type MatchingResult,
	type Objective,
	type PairRef,
	type PreferenceRow
} from '$lib/domain/matching';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import type { Mailer } from '$lib/server/mail/mailer';
import type { MailContext } from '$lib/server/context';
import { insertPair } from '$lib/server/pairs/commands';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';

export interface MatchingSetup {
	weights: Record<string, number>;
	objective: Objective;
	exclusions: Exclusion[];
	locked: PairRef[];
}

export interface MatchingContext {
	input: MatchingInput;
	setup: MatchingSetup;
	names: Record<string, string>;
	/** People without a submitted intake form: matched on preferences only. */
	missingIntake: string[];
}

export async function readSetup(tx: Tx, programId: string): Promise<MatchingSetup> {
	const rows = await tx.query<{
		weights: Record<string, number>;
		objective: Objective;
		exclusions: Exclusion[];
		locked: PairRef[];
	}>(
		'select weights, objective, exclusions, locked from public.matching_settings where program_id = $1',
		[programId]
	);
	return rows[0] ?? { weights: {}, objective: 'most_matched', exclusions: [], locked: [] };
}

/**
 * Everything the engine needs, read as the coordinator: mentees without an open pair, mentors
 * with room left (their stated capacity minus open pairs, never above the programme maximum),
 * the latest intake answers, the matching-day choices, and the coordinator's set-up. People in a
 * mentor group (group mentoring) are left out: the group is their mentoring.
 */
export async function loadMatchingContext(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<MatchingContext> {
	return db.asUser(claims, (tx) => readMatchingContext(tx, programId));
}

/** loadMatchingContext inside the caller's transaction (the confirm reads and writes in one). */
export async function readMatchingContext(tx: Tx, programId: string): Promise<MatchingContext> {
	const program = await tx.query<{ max: number }>(
		'select max_mentees_per_mentor as max from public.programs where id = $1',
		[programId]
	);
	if (!program[0]) throw new DomainError('not_found', 'not_found');
	const people = await tx.query<{
		user_id: string;
		role: 'mentor' | 'mentee';
		name: string;
		open_pairs: number;
	}>(
		`select m.user_id, m.role, coalesce(p.display_name, '—') as name,
			(select count(*)::int from public.pairs x where x.program_id = m.program_id and x.status <> 'ended'
				and (x.mentor_id = m.user_id or x.mentee_id = m.user_id)) as open_pairs
		 from public.memberships m left join public.profiles p on p.id = m.user_id
		 where m.program_id = $1 and m.status = 'active' and m.role in ('mentor', 'mentee')
			-- Group mentoring: a mentor group's mentor and teachers are matched there, not here.
			and not exists (
				select 1 from public.mentor_groups g
				where g.program_id = m.program_id
					and (g.mentor_id = m.user_id or exists (
						select 1 from public.mentor_group_members gm
						where gm.group_id = g.id and gm.user_id = m.user_id))
			)`,
		[programId]
	);
	const intake = await tx.query<{
		user_id: string;
		form_key: string;
		answers: Record<string, unknown>;
	}>(
		`select distinct on (user_id, form_key) user_id, form_key, answers from public.intake_responses
		 where program_id = $1 and form_key in ('mentee-intake', 'mentor-self-assessment')
		 order by user_id, form_key, submitted_at desc`,
		[programId]
	);
	const answersOf = (id: string, key: string) =>
		intake.find((r) => r.user_id === id && r.form_key === key)?.answers;
	const preferenceRows = await tx.query<PreferenceRow>(
		`select mp.chooser_id as "chooserId", mp.chosen_id as "chosenId", m.role as "chooserRole",
			mp.rating, mp.rank, mp.place
		 from public.match_preferences mp
		 join public.memberships m on m.program_id = mp.program_id and m.user_id = mp.chooser_id
		 where mp.program_id = $1 and m.role in ('mentor', 'mentee')`,
		[programId]
	);
	const setup = await readSetup(tx, programId);
	// An evaluator is never proposed as the mentor of the teacher they evaluate.
	const evaluators = await tx.query<Exclusion>(
		`select teacher_id as "menteeId", evaluator_id as "mentorId" from public.teacher_evaluators
		 where program_id = $1`,
		[programId]
	);
	const mentees = people.filter((p) => p.role === 'mentee' && p.open_pairs === 0);
	const mentors = people.filter((p) => p.role === 'mentor');
	const missingIntake: string[] = [];
	const input: MatchingInput = {
		mentees: mentees.map((p) => {
			const answers = answersOf(p.user_id, 'mentee-intake');
			if (!answers) missingIntake.push(p.user_id);
			return menteeFromIntake(p.user_id, answers ?? {});
		}),
		mentors: mentors
			.map((p) => {
				const answers = answersOf(p.user_id, 'mentor-self-assessment');
				if (!answers) missingIntake.push(p.user_id);
				const profile = mentorFromSelfAssessment(p.user_id, answers ?? {});
				const stated = profile.capacity ?? program[0].max;
				return {
					...profile,
					capacity: Math.max(0, Math.min(stated, program[0].max) - p.open_pairs)
				};
			})
			.filter((m) => (m.capacity ?? 0) > 0),
		preferences: preferencesFromRows(preferenceRows),
		exclusions: [...setup.exclusions, ...evaluators],
		locked: setup.locked.filter(
			(l) =>
				mentees.some((m) => m.user_id === l.menteeId) &&
				mentors.some((m) => m.user_id === l.mentorId)
		),
		settings: { weights: setup.weights, maxMenteesPerMentor: program[0].max }
	};
	return {
		input,
		setup,
		names: Object.fromEntries(people.map((p) => [p.user_id, p.name])),
		missingIntake
	};
}

export function runMatching(context: MatchingContext): MatchingResult {
	return proposeMatching(context.input, { objective: context.setup.objective });
}

/** Saves the coordinator's set-up (weights are validated and clamped by the engine's rules). */
export async function saveMatchingSetup(
	db: Database,
	claims: JwtClaims,
	programId: string,
	setup: Partial<MatchingSetup>
): Promise<void> {
	await db.asUser(claims, async (tx) => writeSetup(tx, programId, setup));
}

/** Merges `setup` into the stored set-up, inside the caller's transaction. */
export async function writeSetup(
	tx: Tx,
	programId: string,
	setup: Partial<MatchingSetup>
): Promise<void> {
	const current = await readSetup(tx, programId);
	const next = { ...current, ...setup };
	const weights = validateWeights(next.weights);
	if (!weights.ok) throw new DomainError('invalid', 'range');
	await tx.query(
		`insert into public.matching_settings (program_id, weights, objective, exclusions, locked, updated_at)
		 values ($1, $2, $3, $4, $5, now())
		 on conflict (program_id) do update set weights = excluded.weights, objective = excluded.objective,
			exclusions = excluded.exclusions, locked = excluded.locked, updated_at = now()`,
		[
			programId,
			weights.weights,
			next.objective,
			JSON.stringify(next.exclusions),
			JSON.stringify(next.locked)
		]
	);
}

/**
 * Confirms the proposed pairs: each becomes a pair with its planned meetings and sheets, the
 * mentor's supporter is attached, and both people are introduced by e-mail — each gets the
 * other's contact details, and the mentor is asked to plan the first meeting.
 */
export async function confirmMatching(
	ctx: MailContext,
	programId: string,
	pairs: readonly { menteeId: string; mentorId: string; place?: string | null }[]
): Promise<string[]> {
	const { db, mailer, origin, claims } = ctx;
	const created = await db.asUser(claims, (tx) => createMatchedPairs(tx, programId, pairs));
	await introducePairs(db, mailer, origin, created);
	return created.map((p) => p.pairId);
}

export interface CreatedPair {
	pairId: string;
	menteeId: string;
	mentorId: string;
	place?: string | null;
}

/**
 * Inside the caller's transaction: every pair is created (with its meetings and sheets), the
 * locks are cleared and the confirm is audited. Any refusal leaves none of it.
 */
export async function createMatchedPairs(
	tx: Tx,
	programId: string,
	pairs: readonly { menteeId: string; mentorId: string; place?: string | null }[]
): Promise<CreatedPair[]> {
	const ids: CreatedPair[] = [];
	for (const pair of pairs) {
		const pairId = await insertPair(tx, {
			programId,
			mentorId: pair.mentorId,
			menteeId: pair.menteeId
		});
		ids.push({ ...pair, pairId });
	}
	await tx.query(
		"update public.matching_settings set locked = '[]'::jsonb, updated_at = now() where program_id = $1",
		[programId]
	);
	await audit(tx, 'matching.confirm', 'program', programId, programId, { pairs: ids.length });
	return ids;
}

/**
 * Introduces both people of each new pair by e-mail, after the pairs are committed: each gets
 * the other's contact details, and the mentor is asked to plan the first meeting.
 */
export async function introducePairs(
	db: Database,
	mailer: Mailer,
	origin: string,
	created: readonly CreatedPair[]
): Promise<void> {
	if (created.length === 0) return;
	const contacts = await db.asService((tx) =>
		tx.query<{ id: string; email: string; display_name: string }>(
			'select id, email, display_name from public.profiles where id = any($1::uuid[])',
			[created.flatMap((p) => [p.mentorId, p.menteeId])]
		)
	);
	const person = (id: string) => contacts.find((c) => c.id === id);
	for (const pair of created) {
		const mentor = person(pair.mentorId);
		const mentee = person(pair.menteeId);
		if (!mentor || !mentee) continue;
		const link = `${origin}/pairs/${pair.pairId}`;
		await mailer.send({
			to: mentor.email,
			kind: 'introduction',
			subject: `Je mentee: ${mentee.display_name} · Your mentee: ${mentee.display_name}`,
			text:
				`Je bent gekoppeld aan ${mentee.display_name} (${mentee.email}). Neem contact op, plan jullie eerste bijeenkomst en vul de datum en plaats in bij bijeenkomst 1 in jullie werkruimte: ${link}` +
				(pair.place ? `\nVoorkeursplaats: ${pair.place}` : '') +
				`\n\n---\n\nYou are paired with ${mentee.display_name} (${mentee.email}). Get in touch, plan your first meeting and enter its date and place under meeting 1 in your workspace: ${link}`
		});
		await mailer.send({
			to: mentee.email,
			kind: 'introduction',
			subject: `Je mentor: ${mentor.display_name} · Your mentor: ${mentor.display_name}`,
			text:
				`Je mentor is ${mentor.display_name} (${mentor.email}). Je mentor neemt contact met je op om jullie eerste bijeenkomst te plannen. Jullie werkruimte: ${link}` +
				`\n\n---\n\nYour mentor is ${mentor.display_name} (${mentor.email}). Your mentor will contact you to plan your first meeting. Your workspace: ${link}`
		});
	}
}
