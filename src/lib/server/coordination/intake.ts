import type { ProgramRole } from '$lib/domain/policy';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { getTemplate, type Template } from '$lib/domain/templates';
import { compareNeedsRounds, type NeedsRoundView } from '$lib/domain/templates/forms/teacher-needs';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import {
	MATCH_MENTEE_KEY,
	MATCH_MENTOR_KEY,
	MENTEE_INTAKE_KEY,
	MENTOR_SELF_ASSESSMENT_KEY,
	TEACHER_NEEDS_KEY
} from '$lib/domain/templates/keys';
import type { CommandContext } from '$lib/server/context';

/** The intake forms a person fills, by programme kind and role. */
export function intakeFormsFor(kind: ProgramKind, role: ProgramRole | undefined): Template[] {
	const keys =
		role === 'mentee'
			? [
					MENTEE_INTAKE_KEY,
					...(kind === 'teacher_induction' ? [TEACHER_NEEDS_KEY] : []),
					MATCH_MENTEE_KEY
				]
			: role === 'mentor'
				? [MENTOR_SELF_ASSESSMENT_KEY, MATCH_MENTOR_KEY]
				: [];
	return keys.map((k) => getTemplate(k)).filter((t): t is Template => t !== undefined);
}

export interface MySubmission {
	formKey: string;
	count: number;
	lastAt: Date;
	answers: Record<string, unknown>;
}

/** What the person submitted: per form, how often, and the latest answers (to start from). */
export async function myIntakeSubmissions(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<MySubmission[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MySubmission>(
			`select distinct on (form_key) form_key as "formKey",
				count(*) over (partition by form_key)::int as count, submitted_at as "lastAt", answers
			 from public.intake_responses where program_id = $1 and user_id = $2
			 order by form_key, submitted_at desc`,
			[programId, claims.sub]
		)
	);
}

/** Stores a submitted form as a row (RLS: only for oneself, only as a member). */
export async function submitIntake(
	ctx: CommandContext,
	programId: string,
	template: Template,
	answers: Record<string, unknown>
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await tx.query(
			`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
			 values ($1, $2, $3, $4, $5)`,
			[programId, claims.sub, template.key, template.version, answers]
		);
		await audit(tx, 'intake.submit', 'intake', template.key, programId);
	});
}

export interface IntakeStatus {
	userId: string;
	name: string;
	role: string;
	forms: Record<string, number>;
}

export interface NeedsRound {
	/** 'YYYY-MM' of the submissions. */
	month: string;
	plane: 'personal' | 'social' | 'professional';
	none: number;
	some: number;
	much: number;
}

/** For the coordinator: who submitted what, and how beginning teachers' needs evolve. */
export async function intakeOverview(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<{ people: IntakeStatus[]; needs: NeedsRound[] }> {
	return db.asUser(claims, async (tx) => {
		const people = await tx.query<IntakeStatus>(
			`select m.user_id as "userId", coalesce(p.display_name, '—') as name, m.role,
				coalesce((select json_object_agg(form_key, n) from (
					select form_key, count(*)::int as n from public.intake_responses r
					where r.program_id = m.program_id and r.user_id = m.user_id group by form_key) x), '{}') as forms
			 from public.memberships m left join public.profiles p on p.id = m.user_id
			 where m.program_id = $1 and m.status = 'active' and m.role in ('mentor', 'mentee')
			 order by m.role, p.display_name`,
			[programId]
		);
		const needs = await tx.query<NeedsRound>(
			`select to_char(r.submitted_at, 'YYYY-MM') as month, plane.name as plane,
				count(*) filter (where r.answers ->> plane.field = 'none')::int as none,
				count(*) filter (where r.answers ->> plane.field = 'some')::int as some,
				count(*) filter (where r.answers ->> plane.field = 'much')::int as much
			 from public.intake_responses r
			 cross join (values ('personal', 'personal-need'), ('social', 'social-need'),
				('professional', 'professional-need')) as plane(name, field)
			 where r.program_id = $1 and r.form_key = '${TEACHER_NEEDS_KEY}'
			 group by 1, 2 order by 1, 2`,
			[programId]
		);
		return { people, needs };
	});
}

/**
 * The needs questionnaire rounds of a pair's mentee, read as the caller: row-level security
 * lets the mentee, the programme's coordinators and the mentor of a confirmed pair with that
 * mentee read them (20261203000400); anyone else gets no rows.
 */
export async function menteeNeedsRounds(
	db: Database,
	claims: JwtClaims,
	programId: string,
	menteeId: string
): Promise<NeedsRoundView[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ submittedAt: Date; answers: Record<string, unknown> }>(
			`select submitted_at as "submittedAt", answers from public.intake_responses
			 where program_id = $1 and user_id = $2 and form_key = '${TEACHER_NEEDS_KEY}'
			 order by submitted_at`,
			[programId, menteeId]
		)
	);
	return compareNeedsRounds(rows);
}

/**
 * What the pair page's "Noden van je mentee" card shows: the rounds for the mentor of a pair in
 * a teacher-induction programme, `null` where the card does not belong (other roles or kinds).
 */
export async function needsForMentor(
	db: Database,
	claims: JwtClaims,
	pair: { programId: string; mentorId: string; menteeId: string }
): Promise<NeedsRoundView[] | null> {
	if (pair.mentorId !== claims.sub) return null;
	const kind = await db.asUser(claims, (tx) =>
		tx.query<{ kind: ProgramKind }>('select kind from public.programs where id = $1', [
			pair.programId
		])
	);
	if (kind[0]?.kind !== 'teacher_induction') return null;
	return menteeNeedsRounds(db, claims, pair.programId, pair.menteeId);
}

/** The forms whose answers the coordinator reads to match people (not the needs follow-up). */
export const MATCHING_FORMS = [
	MENTEE_INTAKE_KEY,
	MENTOR_SELF_ASSESSMENT_KEY,
	MATCH_MENTEE_KEY,
	MATCH_MENTOR_KEY
] as const;

export interface MatchingAnswers {
	userId: string;
	name: string;
	role: 'mentor' | 'mentee';
	/** The latest submission of each matching form, in `MATCHING_FORMS` order. */
	forms: { formKey: string; submittedAt: Date; answers: Record<string, unknown> }[];
}

/**
 * What a mentor or mentee of the programme answered for matching, read with the caller's rights:
 * a coordinator reads anyone's (RLS: `intake_responses_select`), anyone else only their own.
 * Null when the person is not an active mentor or mentee of the programme.
 */
export async function matchingAnswersOf(
	db: Database,
	claims: JwtClaims,
	programId: string,
	userId: string
): Promise<MatchingAnswers | null> {
	return db.asUser(claims, async (tx) => {
		const people = await tx.query<{ name: string; role: 'mentor' | 'mentee' }>(
			`select coalesce(p.display_name, '—') as name, m.role
			 from public.memberships m left join public.profiles p on p.id = m.user_id
			 where m.program_id = $1 and m.user_id = $2 and m.status = 'active'
				and m.role in ('mentor', 'mentee')`,
			[programId, userId]
		);
		if (!people[0]) return null;
		const rows = await tx.query<{
			formKey: string;
			submittedAt: Date;
			answers: Record<string, unknown>;
		}>(
			`select distinct on (form_key) form_key as "formKey", submitted_at as "submittedAt", answers
			 from public.intake_responses
			 where program_id = $1 and user_id = $2 and form_key = any($3::text[])
			 order by form_key, submitted_at desc`,
			[programId, userId, [...MATCHING_FORMS]]
		);
		const order = (key: string) => (MATCHING_FORMS as readonly string[]).indexOf(key);
		// The person sees under "who read my data" that someone read their answers.
		if (userId !== claims.sub) await audit(tx, 'intake.view', 'person', userId, programId);
		return {
			userId,
			...people[0],
			forms: rows.sort((a, b) => order(a.formKey) - order(b.formKey))
		};
	});
}
