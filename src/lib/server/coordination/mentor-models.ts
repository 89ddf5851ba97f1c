import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { insertPair, pairRuleError, type NewPair } from '$lib/server/pairs/commands';
import type { EvaluatorRecord, MentorModels, Person } from '$lib/domain/programs/mentor-models';
import type { CommandContext } from '$lib/server/context';

/**
 * Mentor models (003…): the programme's pool setting, the coordinator's manual pairing (a second
 * mentor for a teacher in a pool programme), pair labels, and who evaluates whom. Every command
 * runs as the coordinator: row-level security and the triggers of 20261204000100 decide too.
 */

const people = (tx: Tx, programId: string, roles: string[]) =>
	tx.query<Person & { role: 'mentor' | 'supporter' | 'observer' }>(
		`select m.user_id as id, coalesce(p.display_name, '—') as name, m.role
		 from public.memberships m left join public.profiles p on p.id = m.user_id
		 where m.program_id = $1 and m.status = 'active' and m.role = any($2::text[])
		 order by p.display_name, m.user_id`,
		[programId, roles]
	);

/** What the coordinator's pairs tab needs for the mentor models (RLS: coordinators only). */
export async function loadMentorModels(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<MentorModels> {
	return db.asUser(claims, async (tx) => {
		const program = await tx.query<{ mentor_pool: boolean }>(
			'select mentor_pool from public.programs where id = $1',
			[programId]
		);
		if (!program[0]) throw new DomainError('not_found', 'not_found');
		const evaluators = await tx.query<EvaluatorRecord>(
			`select e.id, e.evaluator_id as "evaluatorId", coalesce(ev.display_name, '—') as "evaluatorName",
				e.teacher_id as "teacherId", coalesce(t.display_name, '—') as "teacherName"
			 from public.teacher_evaluators e
			 left join public.profiles ev on ev.id = e.evaluator_id
			 left join public.profiles t on t.id = e.teacher_id
			 where e.program_id = $1
			 order by t.display_name, ev.display_name`,
			[programId]
		);
		return {
			pool: program[0].mentor_pool,
			mentors: (await people(tx, programId, ['mentor'])).map(({ id, name }) => ({ id, name })),
			mentees: (await people(tx, programId, ['mentee'])).map(({ id, name }) => ({ id, name })),
			evaluatorCandidates: await people(tx, programId, ['mentor', 'supporter', 'observer']),
			evaluators
		};
	});
}

/** Switches the pool on or off. Off is refused while a teacher still has two open pairs. */
export async function setMentorPool(
	db: Database,
	claims: JwtClaims,
	programId: string,
	pool: boolean
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		if (!pool) {
			const several = await tx.query(
				`select 1 from public.pairs where program_id = $1 and status <> 'ended'
				 group by mentee_id having count(*) > 1`,
				[programId]
			);
			if (several.length) throw new DomainError('conflict', 'pool_still_used');
		}
		const rows = await tx.query(
			'update public.programs set mentor_pool = $2, updated_at = now() where id = $1 returning id',
			[programId, pool]
		);
		if (!rows[0]) throw new DomainError('forbidden', 'forbidden');
		await audit(tx, 'program.mentor_pool', 'program', programId, programId, { pool });
	});
}

/**
 * The coordinator pairs a mentor with a mentee by hand, with an optional label. A second mentor
 * is allowed only in a pool programme; an evaluator never becomes their teacher's mentor.
 */
export async function addPairByHand(
	db: Database,
	claims: JwtClaims,
	input: NewPair & { label: string | null }
): Promise<string> {
	try {
		return await db.asUser(claims, async (tx) => {
			const id = await insertPair(tx, input);
			await audit(tx, 'pair.create', 'pair', id, input.programId, { manual: true });
			return id;
		});
	} catch (e) {
		throw pairRuleError(e);
	}
}

/** Sets or clears a pair's label; both members and the coordinator see it. */
export async function setPairLabel(
	ctx: CommandContext,
	programId: string,
	pairId: string,
	label: string | null
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			`update public.pairs set label = $3, updated_at = now()
			 where id = $2 and program_id = $1 returning id`,
			[programId, pairId, label]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'pair.label', 'pair', pairId, programId);
	});
}

const EVALUATOR_RULES = ['eval_is_mentor', 'eval_coordinator'] as const;

/** Records that `evaluatorId` evaluates `teacherId` in the programme. */
export async function addEvaluator(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: { evaluatorId: string; teacherId: string }
): Promise<string> {
	try {
		return await db.asUser(claims, async (tx) => {
			const roles = await tx.query<{ user_id: string; role: string }>(
				`select user_id, role from public.memberships
				 where program_id = $1 and status = 'active' and user_id = any($2::uuid[])`,
				[programId, [input.evaluatorId, input.teacherId]]
			);
			const roleOf = (id: string) => roles.find((r) => r.user_id === id)?.role;
			if (roleOf(input.teacherId) !== 'mentee') throw new DomainError('invalid', 'eval_roles');
			const evaluatorRole = roleOf(input.evaluatorId);
			if (evaluatorRole === 'coordinator') throw new DomainError('conflict', 'eval_coordinator');
			if (!['mentor', 'supporter', 'observer'].includes(evaluatorRole ?? ''))
				throw new DomainError('invalid', 'eval_roles');
			const mentor = await tx.query(
				'select 1 from public.pairs where program_id = $1 and mentor_id = $2 and mentee_id = $3',
				[programId, input.evaluatorId, input.teacherId]
			);
			if (mentor.length) throw new DomainError('conflict', 'eval_is_mentor');
			const rows = await tx.query<{ id: string }>(
				`insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id, created_by)
				 values ($1, $2, $3, $4)
				 on conflict (program_id, evaluator_id, teacher_id) do nothing returning id`,
				[programId, input.evaluatorId, input.teacherId, claims.sub]
			);
			if (!rows[0]) throw new DomainError('conflict', 'eval_exists');
			await audit(tx, 'evaluator.add', 'teacher_evaluator', rows[0].id, programId);
			return rows[0].id;
		});
	} catch (e) {
		const message = (e as { message?: unknown } | null)?.message;
		const key = EVALUATOR_RULES.find((k) => k === message);
		throw key ? new DomainError('conflict', key) : e;
	}
}

export async function removeEvaluator(
	db: Database,
	claims: JwtClaims,
	programId: string,
	id: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			'delete from public.teacher_evaluators where id = $1 and program_id = $2 returning id',
			[id, programId]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'evaluator.remove', 'teacher_evaluator', id, programId);
	});
}
