import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryFilters } from '$lib/domain/resources';
import type { Database, JwtClaims, SqlValue } from '$lib/server/db/types';
import { createLocalFileStore, type FileStore } from '$lib/server/files';
import {
	addToCollection,
	createCollection,
	createResource,
	deleteResource,
	findResourceFile,
	getResource,
	listCollections,
	LibraryError,
	resourcesForSheet,
	reviewCaseStudy,
	saveCaseStudy,
	searchLibrary,
	setDone
} from '$lib/server/resources';
import { DomainError } from '$lib/server/errors';
import { buildOrganisation, buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { buildResourceRows } from '../factories/resources';
import { createTestDatabase, testEngine } from '../helpers/db';

type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;

let db: Database;
let x: Staffed;
let other: Staffed;
let stranger: BuiltUser;
let organiser: BuiltUser;
let rows: Awaited<ReturnType<typeof buildResourceRows>>;
let filesDir: string;
let files: FileStore;

const PDF = new Uint8Array(
	Buffer.from(
		'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
	)
);
/** The start of a Windows executable ("MZ" + PE header bytes). */
const EXE = new Uint8Array([
	0x4d,
	0x5a,
	0x90,
	0x00,
	0x03,
	0x00,
	0x00,
	0x00,
	...new Array(120).fill(0)
]);

async function titlesAs(
	claims: JwtClaims | null,
	table = 'resources'
): Promise<string[] | 'denied'> {
	try {
		const result = await db.asUser(claims, (tx) =>
			tx.query<{ title: string }>(`select title from public.${table} order by title`)
		);
		return result.map((r) => r.title);
	} catch (error) {
		if (/permission denied/.test((error as Error).message)) return 'denied';
		throw error;
	}
}

/** Whether a write as a person goes through (a refusal or zero rows touched: false). */
async function writes(claims: JwtClaims | null, sql: string, params: SqlValue[] = []) {
	try {
		const result = await db.asUser(claims, (tx) => tx.query(sql, params));
		return /returning/.test(sql) ? result.length > 0 : true;
	} catch (error) {
		if (/permission denied|row-level security|violates/.test((error as Error).message))
			return false;
		throw error;
	}
}

beforeAll(async () => {
	db = await createTestDatabase();
	organiser = await buildUser(db);
	const org = await buildOrganisation(db, { owner: organiser });
	x = await buildStaffedProgram(db, org.id);
	other = await buildStaffedProgram(db);
	stranger = await buildUser(db);
	rows = await buildResourceRows(db, x);
	await buildResourceRows(db, other);
	filesDir = await mkdtemp(join(tmpdir(), 'mentorpad-resources-'));
	files = createLocalFileStore(filesDir);
});
afterAll(async () => {
	await db.close();
	await rm(filesDir, { recursive: true, force: true });
});

describe(`resources: who reads what (${testEngine()})`, () => {
	const all = [
		'Een geslaagde start',
		'Een moeilijk gesprek',
		'Handleiding coördinatie',
		'Hoe voer je PS1 uit',
		'Nog niet klaar',
		'Visie van de scholengroep',
		'Voorbereiding voor mentees'
	];

	it('the coordinator reads all but a mentor’s draft; the supporter material for mentors and staff', async () => {
		expect(await titlesAs(x.people.coordinator.claims)).toEqual(all);
		expect(await titlesAs(x.people.supporter.claims)).toEqual([
			'Een geslaagde start',
			'Handleiding coördinatie',
			'Hoe voer je PS1 uit',
			'Visie van de scholengroep'
		]);
	});

	it('the mentor reads material for mentors and their own case studies, drafts included', async () => {
		expect(await titlesAs(x.people.mentor.claims)).toEqual([
			'Een geslaagde start',
			'Een moeilijk gesprek',
			'Hoe voer je PS1 uit',
			'Mijn kladversie',
			'Visie van de scholengroep'
		]);
	});

	it('a mentee never reads mentor-only or coordinator-only material', async () => {
		expect(await titlesAs(x.people.mentee.claims)).toEqual(['Voorbereiding voor mentees']);
		expect(
			await resourcesForSheet({ db, claims: x.people.mentee.claims }, x.program.id, 'mentee', 'PS1')
		).toEqual([expect.objectContaining({ title: 'Voorbereiding voor mentees' })]);
		expect(await getResource(db, x.people.mentee.claims, x.program.id, rows.mentorLink)).toBeNull();
	});

	it('an observer, another programme, a stranger and anonymous read nothing', async () => {
		expect(await titlesAs(x.people.observer.claims)).toEqual([]);
		// The other programme has its own rows with the same titles: none of X's.
		for (const person of Object.values(other.people)) {
			const ids = await db.asUser(person.claims, (tx) =>
				tx.query<{ id: string }>(
					'select id from public.resources where program_id = $1 or organisation_id = $2',
					[x.program.id, x.program.organisationId]
				)
			);
			expect(ids).toEqual([]);
		}
		expect(await titlesAs(stranger.claims)).toEqual([]);
		expect(await titlesAs(null)).toBe('denied');
		for (const table of ['resource_collections', 'resource_collection_items', 'resource_done'])
			await expect(
				db.asUser(null, (tx) => tx.query(`select count(*) from public.${table}`)),
				table
			).rejects.toThrow(/permission denied/);
	});

	it('collections: the mentor reads the training and their own done mark; the mentee neither', async () => {
		const mentor = await listCollections(db, x.people.mentor.claims, x.program.id, 'mentor');
		expect(mentor).toHaveLength(1);
		expect(mentor[0].items.map((i) => [i.resource.title, i.done])).toEqual([
			['Hoe voer je PS1 uit', true],
			['Een geslaagde start', false]
		]);
		expect(await listCollections(db, x.people.mentee.claims, x.program.id, 'mentee')).toEqual([]);
		const count = (claims: JwtClaims, table: string) =>
			db.asUser(claims, (tx) => tx.query(`select 1 from public.${table}`)).then((r) => r.length);
		expect(await count(x.people.mentee.claims, 'resource_collection_items')).toBe(0);
		// Done marks are each person's own: not even the coordinator reads the mentor's.
		expect(await count(x.people.coordinator.claims, 'resource_done')).toBe(0);
		expect(await count(x.people.mentor.claims, 'resource_done')).toBe(1);
		expect(await count(other.people.coordinator.claims, 'resource_collections')).toBe(1);
	});
});

describe(`resources: who writes what (${testEngine()})`, () => {
	const insertLink = (audience = '{mentor}', status = 'published') =>
		`insert into public.resources (program_id, kind, title, url, audience, status, author_id)
		 values ($1, 'link', 'New', 'https://example.org/new', '${audience}', '${status}', auth.uid()) returning id`;
	const insertCase = (status: string) =>
		`insert into public.resources (program_id, kind, title, body, status, author_id)
		 values ($1, 'case_study', 'Case', 'Body', '${status}', auth.uid()) returning id`;

	it('only the coordinator adds a link; a mentor only a draft or submitted case study', async () => {
		for (const [role, ok] of [
			['coordinator', true],
			['supporter', false],
			['mentor', false],
			['mentee', false],
			['observer', false]
		] as const)
			expect(await writes(x.people[role].claims, insertLink(), [x.program.id]), role).toBe(ok);
		expect(await writes(other.people.coordinator.claims, insertLink(), [x.program.id])).toBe(false);
		expect(await writes(stranger.claims, insertLink(), [x.program.id])).toBe(false);
		expect(await writes(null, insertLink(), [x.program.id])).toBe(false);
		expect(await writes(x.people.mentor.claims, insertCase('submitted'), [x.program.id])).toBe(
			true
		);
		expect(await writes(x.people.mentor.claims, insertCase('draft'), [x.program.id])).toBe(true);
		expect(await writes(x.people.mentor.claims, insertCase('published'), [x.program.id])).toBe(
			false
		);
		expect(await writes(x.people.mentee.claims, insertCase('draft'), [x.program.id])).toBe(false);
		expect(await writes(x.people.supporter.claims, insertCase('draft'), [x.program.id])).toBe(
			false
		);
	});

	it('the database refuses javascript: links and a blob key of another scope', async () => {
		expect(
			await writes(
				x.people.coordinator.claims,
				`insert into public.resources (program_id, kind, title, url, author_id)
				 values ($1, 'link', 'Bad', 'javascript:alert(1)', auth.uid()) returning id`,
				[x.program.id]
			)
		).toBe(false);
		expect(
			await writes(
				x.people.coordinator.claims,
				`insert into public.resources (id, program_id, kind, title, file_name, file_type, file_size, storage_key, author_id)
				 values (gen_random_uuid(), $1, 'document', 'Bad', 'a.pdf', 'application/pdf', 10,
					'resource/' || $2 || '/' || gen_random_uuid(), auth.uid()) returning id`,
				[x.program.id, other.program.id]
			)
		).toBe(false);
	});

	it('a mentor cannot publish their case study; the coordinator can, and is stamped as publisher', async () => {
		const publish = `update public.resources set status = 'published' where id = $1 returning id`;
		expect(await writes(x.people.mentor.claims, publish, [rows.submittedCase])).toBe(false);
		expect(await writes(x.people.mentee.claims, publish, [rows.submittedCase])).toBe(false);
		// The coordinator cannot touch a mentor's draft (it is not theirs to see).
		expect(await writes(x.people.coordinator.claims, publish, [rows.draftCase])).toBe(false);
		await db
			.asUser(x.people.coordinator.claims, async (tx) => {
				await tx.query(publish, [rows.submittedCase]);
				const [row] = await tx.query<{ by: string; at: string | null }>(
					'select published_by as by, published_at as at from public.resources where id = $1',
					[rows.submittedCase]
				);
				expect(row.by).toBe(x.people.coordinator.id);
				expect(row.at).not.toBeNull();
				// Rolled back, so the next tests see the submitted case study.
				throw new Rollback();
			})
			.catch((e) => {
				if (!(e instanceof Rollback)) throw e;
			});
		// Nobody writes who published.
		expect(
			await writes(
				x.people.coordinator.claims,
				'update public.resources set published_by = auth.uid() where id = $1 returning id',
				[rows.mentorLink]
			)
		).toBe(false);
	});

	it('deletes: the coordinator any but a mentor’s draft; the mentor their unpublished case study only', async () => {
		const del = 'delete from public.resources where id = $1 returning id';
		const tryDelete = async (claims: JwtClaims, id: string) =>
			db
				.asUser(claims, async (tx) => {
					const ok = (await tx.query(del, [id])).length > 0;
					throw new Rollback(ok);
				})
				.catch((e) => {
					if (e instanceof Rollback) return e.value;
					throw e;
				});
		expect(await tryDelete(x.people.coordinator.claims, rows.mentorLink)).toBe(true);
		expect(await tryDelete(x.people.coordinator.claims, rows.draftCase)).toBe(false);
		expect(await tryDelete(x.people.mentor.claims, rows.draftCase)).toBe(true);
		expect(await tryDelete(x.people.mentor.claims, rows.publishedCase)).toBe(false);
		expect(await tryDelete(x.people.mentor.claims, rows.mentorLink)).toBe(false);
		for (const role of ['supporter', 'mentee', 'observer'] as const)
			expect(await tryDelete(x.people[role].claims, rows.menteeLink), role).toBe(false);
		expect(await tryDelete(other.people.coordinator.claims, rows.mentorLink)).toBe(false);
		expect(await tryDelete(organiser.claims, rows.organisationLink)).toBe(true);
		expect(await tryDelete(x.people.coordinator.claims, rows.organisationLink)).toBe(false);
	});

	it('done marks: only one’s own, only on items one reads', async () => {
		const mark = (claims: JwtClaims, item: string, user: string) =>
			writes(
				claims,
				'insert into public.resource_done (item_id, user_id) values ($1, $2) returning item_id',
				[item, user]
			);
		expect(await mark(x.people.mentee.claims, rows.item2, x.people.mentee.id)).toBe(false);
		expect(await mark(x.people.coordinator.claims, rows.item2, x.people.mentor.id)).toBe(false);
		expect(await mark(other.people.mentor.claims, rows.item2, other.people.mentor.id)).toBe(false);
		expect(
			await writes(
				x.people.coordinator.claims,
				'delete from public.resource_done where item_id = $1 returning 1',
				[rows.item]
			)
		).toBe(false);
		await setDone({ db, claims: x.people.mentor.claims }, x.program.id, rows.item2, true);
		const after = await listCollections(db, x.people.mentor.claims, x.program.id, 'mentor');
		expect(after[0].done).toBe(2);
		await setDone({ db, claims: x.people.mentor.claims }, x.program.id, rows.item2, false);
		await expect(
			setDone({ db, claims: x.people.mentee.claims }, x.program.id, rows.item2, true)
		).rejects.toBeInstanceOf(DomainError);
	});

	it('collections: the coordinator manages them, nobody else', async () => {
		const insert = `insert into public.resource_collections (program_id, kind, title, audience, created_by)
			values ($1, 'orientation', 'Oriëntatie', '{mentee}', auth.uid()) returning id`;
		for (const role of ['supporter', 'mentor', 'mentee', 'observer'] as const)
			expect(await writes(x.people[role].claims, insert, [x.program.id]), role).toBe(false);
		expect(await writes(other.people.coordinator.claims, insert, [x.program.id])).toBe(false);
		const id = await createCollection(db, x.people.coordinator.claims, x.program.id, {
			kind: 'orientation',
			title: 'Oriëntatieprogramma nieuwe directeurs',
			description: '',
			audience: ['mentee']
		});
		await addToCollection(
			{ db, claims: x.people.coordinator.claims },
			x.program.id,
			id,
			rows.menteeLink
		);
		// Another programme's resource does not fit.
		const [foreign] = await db.asService((tx) =>
			tx.query<{ id: string }>('select id from public.resources where program_id = $1 limit 1', [
				other.program.id
			])
		);
		await expect(
			addToCollection({ db, claims: x.people.coordinator.claims }, x.program.id, id, foreign.id)
		).rejects.toBeInstanceOf(DomainError);
		const mentee = await listCollections(db, x.people.mentee.claims, x.program.id, 'mentee');
		expect(mentee.map((c) => [c.title, c.items.length])).toEqual([
			['Oriëntatieprogramma nieuwe directeurs', 1]
		]);
	});
});

describe(`resources: the library's commands and search (${testEngine()})`, () => {
	const deps = () => ({ db, files, fileMaxBytes: 1024 * 1024 });
	const input = {
		kind: 'link' as const,
		title: 'Gesprekstechnieken',
		description: 'Luisteren, doorvragen',
		url: 'https://example.org/gesprek',
		phases: ['SD' as const],
		instruments: ['PS2'],
		audience: ['mentor' as const],
		publish: true
	};

	it('refuses javascript: and other non-web links, executables and empty files', async () => {
		for (const url of [
			'javascript:alert(1)',
			'data:text/html,x',
			'file:///etc/passwd',
			'https://',
			'ftp://x.org'
		])
			await expect(
				createResource({ ...deps(), claims: x.people.coordinator.claims }, x.program.id, {
					...input,
					url
				})
			).rejects.toMatchObject({ key: 'res_url' });
		await expect(
			createResource(
				{ ...deps(), claims: x.people.coordinator.claims },
				x.program.id,
				{ ...input, kind: 'document' },
				{
					name: 'setup.pdf',
					bytes: EXE
				}
			)
		).rejects.toMatchObject({ key: 'res_file_type' });
		await expect(
			createResource(
				{ ...deps(), claims: x.people.coordinator.claims },
				x.program.id,
				{ ...input, kind: 'document' },
				{
					name: 'big.pdf',
					bytes: new Uint8Array(2 * 1024 * 1024)
				}
			)
		).rejects.toBeInstanceOf(LibraryError);
		await expect(
			createResource({ ...deps(), claims: x.people.mentor.claims }, x.program.id, input)
		).rejects.toMatchObject({ key: 'forbidden' });
	});

	it('stores a document; its file is read only by those who read the resource', async () => {
		const id = await createResource(
			{ ...deps(), claims: x.people.coordinator.claims },
			x.program.id,
			{ ...input, kind: 'document', title: 'Gids voor PS1', instruments: ['PS1'] },
			{ name: 'gids.pdf', bytes: PDF }
		);
		const file = await findResourceFile(db, x.people.mentor.claims, x.program.id, id);
		expect(file).toMatchObject({
			name: 'gids.pdf',
			contentType: 'application/pdf',
			size: PDF.byteLength
		});
		expect(file!.storageKey).toBe(`resource/${x.program.id}/${id}`);
		expect(new Uint8Array(await readFile(join(filesDir, 'resource', x.program.id, id)))).toEqual(
			PDF
		);
		expect(await findResourceFile(db, x.people.mentee.claims, x.program.id, id)).toBeNull();
		expect(await findResourceFile(db, other.people.mentor.claims, x.program.id, id)).toBeNull();
		await deleteResource({ db, files }, x.people.coordinator.claims, x.program.id, id);
		expect(await files.get(`resource/${x.program.id}/${id}`)).toBeNull();
	});

	it('searches by words (prefixes), filters by phase, instrument, audience and kind', async () => {
		await createResource({ ...deps(), claims: x.people.coordinator.claims }, x.program.id, input);
		const search = (
			q: Record<string, string>,
			claims = x.people.mentor.claims,
			role = 'mentor' as const
		) =>
			searchLibrary({ db, claims }, x.program.id, role, libraryFilters.parse(q)).then((p) =>
				p.items.map((i) => i.title)
			);
		expect(await search({ q: 'gespreks' })).toEqual(['Gesprekstechnieken']);
		expect(await search({ q: 'doorvra luist' })).toEqual(['Gesprekstechnieken']);
		expect(await search({ q: '%' })).toEqual([]);
		expect(await search({ phase: 'SD' })).toEqual(['Gesprekstechnieken']);
		expect((await search({ instrument: 'PS1', kind: 'link' })).sort()).toEqual([
			'Hoe voer je PS1 uit',
			'Visie van de scholengroep'
		]);
		expect(await search({ q: 'gesprek' }, x.people.mentee.claims, 'mentee' as never)).toEqual([]);
		expect(await search({ q: '\u0000 gespreks' })).toEqual(['Gesprekstechnieken']);
	});

	it('lists the material of a sheet for the person’s role', async () => {
		const mentor = await resourcesForSheet(
			{ db, claims: x.people.mentor.claims },
			x.program.id,
			'mentor',
			'PS1'
		);
		expect(mentor.map((r) => r.title).sort()).toEqual([
			'Hoe voer je PS1 uit',
			'Visie van de scholengroep'
		]);
		expect(
			await resourcesForSheet(
				{ db, claims: x.people.observer.claims },
				x.program.id,
				'observer',
				'PS1'
			)
		).toEqual([]);
	});

	it('a case study goes from the mentor’s draft to submitted to published, and back', async () => {
		const mentor = x.people.mentor.claims;
		const id = await saveCaseStudy({ db, claims: mentor }, x.program.id, {
			title: 'Een schoolraad',
			description: '',
			body: 'Wat er gebeurde',
			phases: ['P'],
			submit: false
		});
		await expect(
			reviewCaseStudy({ db, claims: x.people.coordinator.claims }, x.program.id, id, {
				publish: true,
				audience: ['mentor']
			})
		).rejects.toMatchObject({ key: 'res_not_submitted' });
		await saveCaseStudy(
			{ db, claims: mentor },
			x.program.id,
			{
				title: 'Een schoolraad',
				description: '',
				body: 'Wat er gebeurde',
				phases: ['P'],
				submit: true
			},
			id
		);
		await reviewCaseStudy({ db, claims: x.people.coordinator.claims }, x.program.id, id, {
			publish: true,
			audience: ['mentor', 'mentee']
		});
		expect((await getResource(db, x.people.mentee.claims, x.program.id, id))?.status).toBe(
			'published'
		);
		// Returned to its author: a draft again, which the mentee no longer reads.
		await reviewCaseStudy({ db, claims: x.people.coordinator.claims }, x.program.id, id, {
			publish: false
		});
		expect(await getResource(db, x.people.mentee.claims, x.program.id, id)).toBeNull();
		expect((await getResource(db, mentor, x.program.id, id))?.status).toBe('draft');
		const again = {
			title: 'Een schoolraad',
			description: '',
			body: 'Wat',
			phases: [],
			submit: true
		};
		await saveCaseStudy({ db, claims: mentor }, x.program.id, again, id);
		await reviewCaseStudy({ db, claims: x.people.coordinator.claims }, x.program.id, id, {
			publish: true,
			audience: ['mentor']
		});
		// Published: no longer the mentor's to change.
		await expect(
			saveCaseStudy(
				{ db, claims: mentor },
				x.program.id,
				{ title: 'X', description: '', body: 'Y', phases: [], submit: true },
				id
			)
		).rejects.toMatchObject({ key: 'res_case_locked' });
		await expect(
			saveCaseStudy({ db, claims: x.people.mentee.claims }, x.program.id, {
				title: 'X',
				description: '',
				body: 'Y',
				phases: [],
				submit: true
			})
		).rejects.toMatchObject({ key: 'forbidden' });
	});

	it('an organisation’s owner adds material for every programme; a coordinator who is not one cannot', async () => {
		await expect(
			createResource({ ...deps(), claims: x.people.coordinator.claims }, x.program.id, {
				...input,
				organisationWide: true
			})
		).rejects.toMatchObject({ key: 'res_not_organiser' });
	});
});

class Rollback extends Error {
	constructor(readonly value: boolean = false) {
		super('rollback');
	}
}

describe(`resources demo data (${testEngine()})`, () => {
	it('gives the school-leader programme material, a PDF, a case study and two collections', async () => {
		const { seedDemo } = await import('$lib/server/demo/seed');
		const demo = await createTestDatabase();
		try {
			await seedDemo(demo, { files });
			const [ids] = await demo.asService((tx) =>
				tx.query<{ mentor: string; mentee: string; program: string }>(
					`select (select id from public.profiles where email = 'mentor3@example.org') as mentor,
						(select id from public.profiles where email = 'mentee4@example.org') as mentee,
						(select id from public.programs where kind = 'school_leader') as program`
				)
			);
			const claims = (sub: string): JwtClaims => ({ sub, role: 'authenticated' });
			const mentorSheet = await resourcesForSheet(
				{ db: demo, claims: claims(ids.mentor) },
				ids.program,
				'mentor',
				'PS1'
			);
			expect(mentorSheet.map((r) => r.kind).sort()).toEqual(['document', 'link']);
			expect(
				await resourcesForSheet(
					{ db: demo, claims: claims(ids.mentee) },
					ids.program,
					'mentee',
					'PS1'
				)
			).toEqual([]);
			const pdf = mentorSheet.find((r) => r.kind === 'document')!;
			const file = await findResourceFile(demo, claims(ids.mentor), ids.program, pdf.id);
			const stream = await files.get(file!.storageKey);
			const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
			expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
			const training = await listCollections(demo, claims(ids.mentor), ids.program, 'mentor');
			expect(training.map((c) => [c.kind, c.items.length, c.done])).toEqual([['training', 3, 1]]);
			const orientation = await listCollections(demo, claims(ids.mentee), ids.program, 'mentee');
			expect(orientation.map((c) => [c.kind, c.items.length])).toEqual([['orientation', 2]]);
		} finally {
			await demo.close();
		}
	});
});
