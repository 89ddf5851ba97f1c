import type { ProgramRole } from '$lib/domain/policy/types';
import type { Database } from '$lib/server/db/types';
import type { BuiltUser } from './index';

/**
 * The library rows of a programme (through the service role): a published link for mentors only
 * (tagged PS1), one for mentees, one for coordinators, a draft link, the mentor's submitted and
 * draft case studies, a published case study, an organisation-wide link for mentors, a mentor
 * training collection with two items and the mentor's done mark on the first. Returns their ids.
 */
export async function buildResourceRows(
	db: Database,
	staffed: {
		program: { id: string; organisationId: string };
		people: Record<ProgramRole, BuiltUser>;
	}
) {
	const { program, people } = staffed;
	return db.asService(async (tx) => {
		const link = async (
			title: string,
			audience: string,
			status = 'published',
			scope: 'program' | 'organisation' = 'program'
		) => {
			const [row] = await tx.query<{ id: string }>(
				`insert into public.resources (organisation_id, program_id, kind, title, url, phases, instruments, audience, status, author_id)
				 values ($1, $2, 'link', $3, 'https://example.org/' || md5($3), '{BR}', '{PS1}', $4::text[], $5, $6) returning id`,
				[
					scope === 'organisation' ? program.organisationId : null,
					scope === 'program' ? program.id : null,
					title,
					audience,
					status,
					people.coordinator.id
				]
			);
			return row.id;
		};
		const caseStudy = async (title: string, status: string) => {
			const [row] = await tx.query<{ id: string }>(
				`insert into public.resources (program_id, kind, title, body, audience, status, author_id)
				 values ($1, 'case_study', $2, 'What happened', '{mentor}', $3, $4) returning id`,
				[program.id, title, status, people.mentor.id]
			);
			return row.id;
		};
		const mentorLink = await link('Hoe voer je PS1 uit', '{mentor}');
		const menteeLink = await link('Voorbereiding voor mentees', '{mentee}');
		const coordinatorLink = await link('Handleiding coördinatie', '{coordinator}');
		const draftLink = await link('Nog niet klaar', '{mentor,mentee}', 'draft');
		const organisationLink = await link(
			'Visie van de scholengroep',
			'{mentor}',
			'published',
			'organisation'
		);
		const submittedCase = await caseStudy('Een moeilijk gesprek', 'submitted');
		const draftCase = await caseStudy('Mijn kladversie', 'draft');
		const publishedCase = await caseStudy('Een geslaagde start', 'published');
		const [collection] = await tx.query<{ id: string }>(
			`insert into public.resource_collections (program_id, kind, title, audience, created_by)
			 values ($1, 'training', 'Mentoropleiding', '{mentor}', $2) returning id`,
			[program.id, people.coordinator.id]
		);
		const [item] = await tx.query<{ id: string }>(
			`insert into public.resource_collection_items (collection_id, resource_id, position)
			 values ($1, $2, 0) returning id`,
			[collection.id, mentorLink]
		);
		const [item2] = await tx.query<{ id: string }>(
			`insert into public.resource_collection_items (collection_id, resource_id, position)
			 values ($1, $2, 1) returning id`,
			[collection.id, publishedCase]
		);
		await tx.query('insert into public.resource_done (item_id, user_id) values ($1, $2)', [
			item.id,
			people.mentor.id
		]);
		return {
			mentorLink,
			menteeLink,
			coordinatorLink,
			draftLink,
			organisationLink,
			submittedCase,
			draftCase,
			publishedCase,
			collection: collection.id,
			item: item.id,
			item2: item2.id
		};
	});
}
