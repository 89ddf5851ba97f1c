import type { ProgramRole } from '$lib/domain/policy/types';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { insertUser } from '$lib/server/auth/local';
import { hashPassword } from '$lib/server/auth/passwords';
import type { Database } from '$lib/server/db/types';
import { insertPair } from '$lib/server/pairs/commands';
import { seedCareDemo } from './care-demo';
import { seedCommunityNeedsDemo } from './community-needs-demo';
import { seedCommunitySelfEvaluationDemo } from './community-self-evaluation-demo';
import { seedEngagementDemo } from './engagement-demo';
import { seedGroupMentoringDemo } from './group-mentoring-demo';
import { seedGroupHostsDemo } from './group-hosts-demo';
import { seedGroupsDemo } from './groups-demo';
import { seedMatchingDemo } from './matching-demo';
import { seedMonitoringDemo } from './monitoring-demo';
import { seedPathDemo } from './path-demo';
import { seedResourcesDemo } from './resources-demo';
import type { FileStore } from '$lib/server/files';
import { seedTeacherDemo } from './teacher-demo';
import { seedMentorPoolDemo } from './mentor-pool-demo';

export const DEMO_PASSWORD = 'mentorpad-demo';
export const DEMO_ORGANISATION = 'Scholengroep De Linde (demo)';

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: ProgramRole }[] = [
	{ email: 'coordinator@example.org', name: 'Ann Coördinator', role: 'coordinator' },
	{ email: 'ondersteuner@example.org', name: 'Bart Ondersteuner', role: 'supporter' },
	{ email: 'mentor1@example.org', name: 'Carla Peeters', role: 'mentor' },
	{ email: 'mentor2@example.org', name: 'Dirk Janssens', role: 'mentor' },
	{ email: 'mentor3@example.org', name: 'Els Maes', role: 'mentor' },
	{ email: 'mentee1@example.org', name: 'Fien Claes', role: 'mentee' },
	{ email: 'mentee2@example.org', name: 'Gert Willems', role: 'mentee' },
	{ email: 'mentee3@example.org', name: 'Hanne Goossens', role: 'mentee' },
	{ email: 'mentee4@example.org', name: 'Ilias El Amrani', role: 'mentee' },
	{ email: 'mentee5@example.org', name: 'Jana Wouters', role: 'mentee' }
];

/** Pairs already matched in the demo programmes (mentor, mentee). */
export const DEMO_PAIRS: Partial<Record<ProgramKind, [string, string][]>> = {
	youth: [
		['mentor1@example.org', 'mentee1@example.org'],
		['mentor1@example.org', 'mentee2@example.org'],
		['mentor2@example.org', 'mentee3@example.org']
	],
	school_leader: [['mentor3@example.org', 'mentee4@example.org']]
};

const PROGRAMS: readonly { kind: ProgramKind; name: string; description: string }[] = [
	{
		kind: 'school_leader',
		name: 'Startende schoolleiders 2026–2027',
		description:
			'Ervaren en recent gepensioneerde schoolleiders begeleiden nieuw benoemde directeurs.'
	},
	{
		kind: 'teacher_induction',
		name: 'Aanvangsbegeleiding beginnende leraren',
		description: 'Mentoren ondersteunen beginnende leraren in hun eerste jaren.'
	},
	{
		kind: 'youth',
		name: 'VM-PRO jongerenmentoring',
		description: 'Erasmus+ mentoring van jongeren naar werk, met de VM-PRO-werkbladen.'
	},
	{
		kind: 'learning_community',
		name: 'Lerende gemeenschap schoolleiders',
		description: 'Schoolleiders van vier scholen delen reflecties en doen intervisie.'
	}
];

/**
 * Creates the demo organisation, its people (one password for all) and one programme per kind,
 * once: nothing happens when any organisation exists.
 */
export async function seedDemo(
	db: Database,
	options: { files?: FileStore } = {}
): Promise<{ organisationId: string } | null> {
	const existing = await db.asService((tx) =>
		tx.query('select 1 from public.organisations limit 1')
	);
	if (existing.length) return null;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return db.asService(async (tx) => {
		const org = await tx.query<{ id: string }>(
			'insert into public.organisations (name) values ($1) returning id',
			[DEMO_ORGANISATION]
		);
		const organisationId = org[0].id;
		const people: { id: string; role: ProgramRole; email: string }[] = [];
		for (const account of DEMO_ACCOUNTS) {
			const id = await insertUser(tx, account.email, passwordHash, account.name);
			people.push({ id, role: account.role, email: account.email });
			if (account.role === 'coordinator') {
				await tx.query(
					"insert into public.organisation_members (organisation_id, user_id, role) values ($1, $2, 'owner')",
					[organisationId, id]
				);
			}
		}
		const coordinator = people.find((p) => p.role === 'coordinator');
		const today = new Date();
		const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
		const end = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), 0));
		for (const program of PROGRAMS) {
			const rows = await tx.query<{ id: string }>(
				`insert into public.programs (organisation_id, kind, name, description, starts_on, ends_on, created_by)
				 values ($1, $2, $3, $4, $5, $6, $7) returning id`,
				[
					organisationId,
					program.kind,
					program.name,
					program.description,
					start.toISOString().slice(0, 10),
					end.toISOString().slice(0, 10),
					coordinator?.id ?? null
				]
			);
			for (const person of people) {
				await tx.query(
					'insert into public.memberships (program_id, user_id, role) values ($1, $2, $3)',
					[rows[0].id, person.id, person.role]
				);
			}
			for (const [mentor, mentee] of DEMO_PAIRS[program.kind] ?? []) {
				await tx.query(
					`insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)
					 on conflict (program_id, mentor_id) do nothing`,
					[rows[0].id, idOf(mentor), idOf('ondersteuner@example.org')]
				);
				await insertPair(tx, {
					programId: rows[0].id,
					mentorId: idOf(mentor),
					menteeId: idOf(mentee),
					firstMeetingOn: start.toISOString().slice(0, 10)
				});
			}
			await seedMatchingDemo(tx, rows[0].id, program.kind, idOf);
			// Enough history in the youth programme for every monitoring chart to show something.
			if (program.kind === 'youth') await seedMonitoringDemo(tx, rows[0].id, { passwordHash });
			if (program.kind === 'youth') await seedCareDemo(tx, rows[0].id);
			if (program.kind === 'school_leader') await seedResourcesDemo(tx, rows[0].id, options.files);
			if (program.kind === 'teacher_induction')
				await seedTeacherDemo(tx, rows[0].id, {
					passwordHash,
					startsOn: start.toISOString().slice(0, 10)
				});
			if (program.kind === 'teacher_induction') {
				await seedGroupMentoringDemo(tx, rows[0].id, { passwordHash });
				await seedMentorPoolDemo(tx, rows[0].id, {
					passwordHash,
					startsOn: start.toISOString().slice(0, 10)
				});
			}
			// Two groups of four schools, a process coach and reflections in the learning community.
			if (program.kind === 'learning_community') {
				await seedGroupsDemo(tx, rows[0].id, {
					passwordHash,
					coordinatorId: coordinator?.id ?? null
				});
				await seedEngagementDemo(tx, rows[0].id, { coordinatorId: coordinator?.id ?? null });
				await seedCommunityNeedsDemo(tx, rows[0].id);
				await seedGroupHostsDemo(tx, rows[0].id);
				await seedCommunitySelfEvaluationDemo(tx, rows[0].id);
			}
		}
		// Every demo pair's phase history matches its phase (the path's monitoring reads it).
		await seedPathDemo(tx, organisationId);
		return { organisationId };

		function idOf(email: string): string {
			const person = people.find((p) => p.email === email);
			if (!person) throw new Error(`demo person ${email} is missing`);
			return person.id;
		}
	});
}
