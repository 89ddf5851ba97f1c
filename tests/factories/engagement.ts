import type { ProgramRole } from '$lib/domain/policy/types';
import type { Database } from '$lib/server/db/types';
import type { BuiltUser } from './index';

/**
 * The intake rows of buildGroupWithContent's schools (through the service role): an intake for
 * school A and one for school B, recorded by the coordinator, and school A's statement signed by
 * its school leader (the mentor). Returns the signature's id.
 */
export async function buildEngagementRows(
	db: Database,
	staffed: { program: { id: string }; people: Record<ProgramRole, BuiltUser> },
	group: { schoolA: string; schoolB: string }
): Promise<{ signature: string }> {
	const { program, people } = staffed;
	return db.asService(async (tx) => {
		await tx.query(
			`insert into public.school_intakes (program_id, school_id, conversation_on, expectations, feasibility,
				commitments, recorded_by)
			 values ($1, $2, '2026-06-17', 'Samen leren', 'Haalbaar', 'Twee deelnemers', $4),
				($1, $3, '2026-06-18', 'Intervisie', 'Haalbaar', '', $4)`,
			[program.id, group.schoolA, group.schoolB, people.coordinator.id]
		);
		const [signature] = await tx.query<{ id: string }>(
			`insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash)
			 values ($1, $2, 'coördinerend directeur', 'nl', $3) returning id`,
			[group.schoolA, people.mentor.id, 'a'.repeat(64)]
		);
		return { signature: signature.id };
	});
}
