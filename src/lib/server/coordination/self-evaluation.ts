import { getTemplate, type Template } from '$lib/domain/templates';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { SELF_EVALUATION_KEY } from '$lib/domain/templates/keys';

export function selfEvaluationTemplate(): Template {
	const template = getTemplate(SELF_EVALUATION_KEY);
	if (!template) throw new Error(`${SELF_EVALUATION_KEY} template missing`);
	return template;
}

export interface Evaluation {
	answers: Record<string, unknown>;
	submittedAt: Date;
	submittedBy: string | null;
	versions: number;
}

/** The latest self-evaluation of a programme (coordinators only, by RLS). */
export async function latestEvaluation(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<Evaluation | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Evaluation>(
			`select e.answers, e.submitted_at as "submittedAt", p.display_name as "submittedBy",
				(select count(*)::int from public.program_evaluations x where x.program_id = e.program_id) as versions
			 from public.program_evaluations e left join public.profiles p on p.id = e.submitted_by
			 where e.program_id = $1 order by e.submitted_at desc limit 1`,
			[programId]
		)
	);
	return rows[0] ?? null;
}

export async function saveEvaluation(
	db: Database,
	claims: JwtClaims,
	programId: string,
	answers: Record<string, unknown>
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		await tx.query(
			`insert into public.program_evaluations (program_id, form_version, answers, submitted_by)
			 values ($1, $2, $3, $4)`,
			[programId, selfEvaluationTemplate().version, answers, claims.sub]
		);
		await audit(tx, 'self_evaluation.save', 'program', programId, programId);
	});
}
