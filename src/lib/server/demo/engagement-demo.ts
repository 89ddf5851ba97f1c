import type { Tx } from '$lib/server/db/types';
import { statementHash, statementText } from '$lib/server/groups/engagement';
import { m } from '$lib/paraglide/messages.js';

/**
 * The intake per school in the learning-community demo (seed 004): De Linde and Sint-Jozefschool
 * had their intake conversation and their school leader signed the engagement statement; Het
 * Anker had its intake but has not signed yet; De Regenboog has had no intake. Runs after
 * seedGroupsDemo, which creates the schools and places the school leaders.
 */
const INTAKES: Record<
	string,
	{ daysAgo: number; expectations: string; feasibility: string; commitments: string; sign: boolean }
> = {
	'Basisschool De Linde': {
		daysAgo: 75,
		expectations:
			'Een gedeelde aanpak van leerachterstanden in de eerste graad; leren van scholen met een vergelijkbare populatie.',
		feasibility:
			'Haalbaar: de focus op preventie en remediëring sluit aan bij het traject. De directeur en een beleidsmedewerker nemen deel.',
		commitments:
			'De school plant de bijeenkomsten van de leergemeenschap vooraf in de jaarkalender.',
		sign: true
	},
	'Sint-Jozefschool': {
		daysAgo: 72,
		expectations: 'Meer gedeeld leiderschap in het team en structuur voor waarderend coachen.',
		feasibility:
			'Haalbaar, met de kanttekening dat de school dit jaar ook een nieuwe zorgcoördinator opleidt.',
		commitments: '',
		sign: true
	},
	'Het Anker': {
		daysAgo: 30,
		expectations: 'Inspiratie voor de aanpak van welbevinden en draagkracht in het schoolteam.',
		feasibility:
			'Gedeeltelijk: het traject focust op leerachterstanden; welbevinden komt aan bod in het tweede jaar.',
		commitments: 'Drie deelnemers: de directeur en twee beleidsmedewerkers.',
		sign: false
	}
};

export async function seedEngagementDemo(
	tx: Tx,
	programId: string,
	options: { coordinatorId: string | null }
): Promise<void> {
	const schools = await tx.query<{ id: string; name: string; program_name: string }>(
		`select s.id, s.name, p.name as program_name from public.schools s
		 join public.programs p on p.id = s.program_id where s.program_id = $1`,
		[programId]
	);
	for (const school of schools) {
		const intake = INTAKES[school.name];
		if (!intake) continue;
		await tx.query(
			`insert into public.school_intakes (program_id, school_id, conversation_on, expectations, feasibility,
				commitments, recorded_by, created_at, updated_at)
			 values ($1, $2, current_date - $3::int, $4, $5, $6, $7, now() - make_interval(days => $3::int),
				now() - make_interval(days => $3::int))`,
			[
				programId,
				school.id,
				intake.daysAgo,
				intake.expectations,
				intake.feasibility,
				intake.commitments,
				options.coordinatorId
			]
		);
		if (!intake.sign) continue;
		const hash = statementHash(
			statementText(
				{
					programName: school.program_name,
					schoolName: school.name,
					commitments: intake.commitments
				},
				'nl'
			)
		);
		await tx.query(
			`insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash, signed_at)
			 select sm.school_id, sm.user_id, $2, 'nl', $3, now() - make_interval(days => $4::int)
			 from public.school_members sm where sm.school_id = $1 and sm.function = 'school_leader'`,
			[school.id, m.engage_signer_function({}, { locale: 'nl' }), hash, intake.daysAgo - 5]
		);
	}
}
