import { randomUUID } from 'node:crypto';
import type { Tx } from '$lib/server/db/types';
import { resourceStorageKey, type FileStore } from '$lib/server/files';
import { createPdf } from '$lib/server/pdf/document';

/**
 * The resource library of the school-leader demo programme (issue #14), in the seed's
 * service-role transaction: links for mentors, mentees and coordinators, one small PDF (made
 * here, stored in the file store when the seed has one), a case study by the demo mentor that
 * the coordinator published, the mentor training and the orientation programme for new
 * directors, with one item of the training done by the mentor.
 */
export async function seedResourcesDemo(
	tx: Tx,
	programId: string,
	files: FileStore | undefined
): Promise<void> {
	const [people] = await tx.query<{ coordinator: string; mentor: string }>(
		`select (select id from public.profiles where email = 'coordinator@example.org') as coordinator,
			(select id from public.profiles where email = 'mentor3@example.org') as mentor`
	);
	const add = async (row: {
		kind: 'link' | 'document' | 'case_study';
		title: string;
		description: string;
		url?: string;
		body?: string;
		phases: string[];
		instruments: string[];
		audience: string[];
		author?: string;
		file?: { name: string; bytes: Uint8Array };
	}): Promise<string> => {
		const id = randomUUID();
		const key = row.file ? resourceStorageKey(programId, id) : null;
		if (row.file && key && files) await files.put(key, row.file.bytes, 'application/pdf');
		await tx.query(
			`insert into public.resources (id, program_id, kind, title, description, body, url, file_name,
				file_type, file_size, storage_key, phases, instruments, audience, status, author_id)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
				array(select jsonb_array_elements_text($12::jsonb)),
				array(select jsonb_array_elements_text($13::jsonb)),
				array(select jsonb_array_elements_text($14::jsonb)), 'published', $15)`,
			[
				id,
				programId,
				row.kind,
				row.title,
				row.description,
				row.body ?? '',
				row.url ?? null,
				row.file?.name ?? null,
				row.file ? 'application/pdf' : null,
				row.file?.bytes.byteLength ?? null,
				key,
				JSON.stringify(row.phases),
				JSON.stringify(row.instruments),
				JSON.stringify(row.audience),
				row.author ?? people.coordinator
			]
		);
		return id;
	};

	// A document needs its bytes in the store: without one (a seed run without files), no guide.
	const guide = files
		? await add({
				kind: 'document',
				title: 'Handleiding: PS1 samen invullen',
				description:
					'Hoe je het eerste gesprek over de beginsituatie voorbereidt en samen PS1 invult.',
				phases: ['BR'],
				instruments: ['PS1'],
				audience: ['mentor'],
				file: { name: 'handleiding-ps1.pdf', bytes: await guidePdf() }
			})
		: null;
	const listening = await add({
		kind: 'link',
		title: 'Gesprekstechnieken: actief luisteren en doorvragen',
		description: 'Korte inleiding voor mentoren, met oefeningen voor de eerste gesprekken.',
		url: 'https://www.vlaanderen.be/onderwijs-en-vorming',
		phases: ['BR', 'SD'],
		instruments: ['PS1', 'PS2'],
		audience: ['mentor']
	});
	const firstDays = await add({
		kind: 'link',
		title: 'Checklist: je eerste honderd dagen als directeur',
		description: 'Wat je als nieuwe directeur best eerst regelt, en wat kan wachten.',
		url: 'https://www.vlaanderen.be/onderwijs-en-vorming',
		phases: ['BR'],
		instruments: ['03-mutual-presentation'],
		audience: ['mentee', 'mentor']
	});
	const network = await add({
		kind: 'link',
		title: 'Wegwijs in de scholengroep: wie doet wat',
		description: 'De diensten van de scholengroep en wie je waarvoor contacteert.',
		url: 'https://www.vlaanderen.be/onderwijs-en-vorming',
		phases: ['BR'],
		instruments: [],
		audience: ['mentee']
	});
	await add({
		kind: 'link',
		title: 'Draaiboek voor de matchingdag',
		description: 'Voor coördinatoren: de planning van de matchingdag, stap voor stap.',
		url: 'https://www.vlaanderen.be/onderwijs-en-vorming',
		phases: [],
		instruments: [],
		audience: ['coordinator']
	});
	const caseStudy = await add({
		kind: 'case_study',
		title: 'Een eerste teamvergadering die anders liep dan gepland',
		description: 'Hoe een mentee leerde een moeilijk punt op de agenda te zetten.',
		body:
			'De mentee wilde in haar eerste teamvergadering de nieuwe toezichtsregeling aankondigen. ' +
			'Het team reageerde afwachtend en één leraar vroeg waarom er niet eerst overlegd was.\n\n' +
			'In ons gesprek daarna (PS2) keken we samen naar wat er gebeurde: wat wilde ze bereiken, ' +
			'wat hoorde het team? Ze besloot de regeling opnieuw te bespreken in een werkgroep.\n\n' +
			'Wat ik als mentor leerde: eerst laten vertellen, pas dan samen zoeken naar een volgende stap.',
		phases: ['SD'],
		instruments: ['PS2'],
		audience: ['mentor'],
		author: people.mentor
	});

	const collection = async (
		kind: 'training' | 'orientation',
		title: string,
		description: string,
		audience: string[],
		items: (string | null)[]
	) => {
		const [row] = await tx.query<{ id: string }>(
			`insert into public.resource_collections (program_id, kind, title, description, audience, created_by)
			 values ($1, $2, $3, $4, array(select jsonb_array_elements_text($5::jsonb)), $6) returning id`,
			[programId, kind, title, description, JSON.stringify(audience), people.coordinator]
		);
		const ids: string[] = [];
		for (const [position, resource] of items.entries()) {
			if (!resource) continue;
			const [item] = await tx.query<{ id: string }>(
				`insert into public.resource_collection_items (collection_id, resource_id, position)
				 values ($1, $2, $3) returning id`,
				[row.id, resource, position]
			);
			ids.push(item.id);
		}
		return ids;
	};
	const training = await collection(
		'training',
		'Mentoropleiding',
		'De basisopleiding voor mentoren van startende schoolleiders.',
		['mentor'],
		[listening, guide, caseStudy]
	);
	await collection(
		'orientation',
		'Oriëntatieprogramma nieuwe directeurs',
		'Wat je in je eerste weken als directeur doorneemt.',
		['mentee'],
		[firstDays, network]
	);
	await tx.query('insert into public.resource_done (item_id, user_id) values ($1, $2)', [
		training[0],
		people.mentor
	]);
}

/** A small tagged PDF: the guide's text. */
async function guidePdf(): Promise<Uint8Array> {
	const pdf = await createPdf({ title: 'Handleiding: PS1 samen invullen', locale: 'nl' });
	pdf.heading('Handleiding: PS1 samen invullen', 1);
	pdf.paragraph(
		'PS1 brengt de beginsituatie van de mentee in kaart. Vul het blad samen in tijdens het eerste gesprek.'
	);
	pdf.list([
		{ mark: '1.', text: 'Laat de mentee vooraf de eerste vragen lezen.' },
		{ mark: '2.', text: 'Begin met wat goed loopt; vraag dan naar wat moeilijk is.' },
		{ mark: '3.', text: 'Spreek af welke punten jullie in PS2 verder uitwerken.' }
	]);
	return pdf.finish();
}
