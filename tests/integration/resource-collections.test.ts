/**
 * Issue #14 leftovers in the library: material for the whole organisation from the add form, and
 * collections renamed, reordered (collections and their items) and deleted — by those the
 * row-level security allows, and nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceInput } from '$lib/domain/resources';
import type { Database, JwtClaims, SqlValue } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { createLocalFileStore } from '$lib/server/files';
import {
	addToCollection,
	createCollection,
	createResource,
	deleteCollection,
	instrumentKeys,
	listCollections,
	moveCollection,
	moveCollectionItem,
	moved,
	organisesLibrary,
	renameCollection,
	resourceFormValues,
	searchLibrary,
	setDone
} from '$lib/server/resources';
import { libraryFilters } from '$lib/domain/resources';
import {
	buildMembership,
	buildOrganisation,
	buildProgram,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;

let db: Database;
let x: Staffed;
let other: Staffed;
let sibling: { id: string };
let siblingMentor: BuiltUser;
let organiser: BuiltUser;

const link = {
	kind: 'link' as const,
	title: 'Visie op begeleiding',
	description: '',
	url: 'https://example.org/visie',
	phases: [],
	instruments: [],
	audience: ['mentor' as const],
	publish: true
};

/** Whether a write as a person touches a row (a refusal or zero rows: false). */
async function writes(claims: JwtClaims | null, sql: string, params: SqlValue[] = []) {
	try {
		const result = await db.asUser(claims, (tx) => tx.query(sql, params));
		return result.length > 0;
	} catch (error) {
		if (/permission denied|row-level security|violates/.test((error as Error).message))
			return false;
		throw error;
	}
}

async function titles(claims: JwtClaims, programId = x.program.id, role = 'coordinator' as const) {
	return (await listCollections(db, claims, programId, role)).map((c) => c.title);
}

async function newCollection(title: string, claims = x.people.coordinator.claims) {
	return createCollection(db, claims, x.program.id, {
		kind: 'training',
		title,
		description: '',
		audience: ['mentor']
	});
}

beforeAll(async () => {
	db = await createTestDatabase();
	organiser = await buildUser(db);
	const org = await buildOrganisation(db, { owner: organiser, name: 'Scholengroep Noord' });
	x = await buildStaffedProgram(db, org.id);
	// The organiser coordinates this programme as well: the add form offers them the scope.
	await buildMembership(db, x.program.id, organiser, 'coordinator');
	sibling = await buildProgram(db, { organisationId: org.id });
	siblingMentor = await buildUser(db);
	await buildMembership(db, sibling.id, siblingMentor, 'mentor');
	other = await buildStaffedProgram(db);
});
afterAll(() => db.close());

describe(`library: material for the whole organisation (${testEngine()})`, () => {
	it('the form’s scope choice reaches the command; every programme of the organisation reads it', async () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({
			kind: 'link',
			title: link.title,
			url: link.url,
			audience: 'mentor',
			publish: 'on',
			scope: 'organisation'
		}))
			form.append(k, v);
		const parsed = resourceInput(instrumentKeys).parse(resourceFormValues(form));
		expect(parsed.organisationWide).toBe(true);
		const id = await createResource(
			{
				db,
				files: createLocalFileStore('/nonexistent'),
				fileMaxBytes: 1024,
				claims: organiser.claims
			},
			x.program.id,
			parsed
		);
		const [row] = await db.asService((tx) =>
			tx.query<{ program_id: string | null; organisation_id: string | null }>(
				'select program_id, organisation_id from public.resources where id = $1',
				[id]
			)
		);
		expect(row).toEqual({ program_id: null, organisation_id: x.program.organisationId });
		const seen = await searchLibrary(
			{ db, claims: siblingMentor.claims },
			sibling.id,
			'mentor',
			libraryFilters.parse({})
		);
		expect(seen.items.map((r) => [r.title, r.organisationWide])).toEqual([[link.title, true]]);
		// Another organisation's people do not.
		const foreign = await searchLibrary(
			{ db, claims: other.people.mentor.claims },
			other.program.id,
			'mentor',
			libraryFilters.parse({})
		);
		expect(foreign.items).toEqual([]);
		// Without the choice, the material is the programme's.
		form.set('scope', 'program');
		expect(resourceInput(instrumentKeys).parse(resourceFormValues(form)).organisationWide).toBe(
			false
		);
	});

	it('the scope is offered to the organisation’s managers only', async () => {
		expect(await organisesLibrary(db, organiser.claims, x.program.id)).toEqual({
			id: x.program.organisationId,
			name: 'Scholengroep Noord'
		});
		expect(await organisesLibrary(db, x.people.coordinator.claims, x.program.id)).toBeNull();
		await expect(
			createResource(
				{
					db,
					files: createLocalFileStore('/nonexistent'),
					fileMaxBytes: 1024,
					claims: x.people.coordinator.claims
				},
				x.program.id,
				{ ...link, organisationWide: true }
			)
		).rejects.toMatchObject({ key: 'res_not_organiser' });
	});
});

describe(`library: collections renamed, reordered and deleted (${testEngine()})`, () => {
	it('the coordinator renames a collection; nobody else can', async () => {
		const id = await newCollection('Mentoropleiding');
		for (const role of ['supporter', 'mentor', 'mentee', 'observer'] as const) {
			await expect(
				renameCollection({ db, claims: x.people[role].claims }, x.program.id, id, {
					title: 'Gekaapt',
					description: ''
				}),
				role
			).rejects.toBeInstanceOf(DomainError);
			expect(
				await writes(
					x.people[role].claims,
					"update public.resource_collections set title = 'Gekaapt' where id = $1 returning id",
					[id]
				),
				role
			).toBe(false);
		}
		// Another programme's coordinator, through their own programme or through this one.
		await expect(
			renameCollection({ db, claims: other.people.coordinator.claims }, other.program.id, id, {
				title: 'Gekaapt',
				description: ''
			})
		).rejects.toMatchObject({ key: 'not_found' });
		expect(
			await writes(
				other.people.coordinator.claims,
				"update public.resource_collections set title = 'Gekaapt' where id = $1 returning id",
				[id]
			)
		).toBe(false);
		expect(
			await writes(
				null,
				"update public.resource_collections set title = 'Gekaapt' where id = $1 returning id",
				[id]
			)
		).toBe(false);
		await renameCollection({ db, claims: x.people.coordinator.claims }, x.program.id, id, {
			title: 'Mentoropleiding 2026',
			description: 'Vier sessies'
		});
		const [row] = await db.asService((tx) =>
			tx.query<{ title: string; description: string }>(
				'select title, description from public.resource_collections where id = $1',
				[id]
			)
		);
		expect(row).toEqual({ title: 'Mentoropleiding 2026', description: 'Vier sessies' });
	});

	it('the coordinator moves collections up and down; the order is everyone’s', async () => {
		const program = await buildStaffedProgram(db);
		const c = program.people.coordinator.claims;
		const make = (title: string) =>
			createCollection(db, c, program.program.id, {
				kind: 'training',
				title,
				description: '',
				audience: ['mentor']
			});
		const a = await make('A');
		const b = await make('B');
		const cc = await make('C');
		const order = async () =>
			(await listCollections(db, program.people.mentor.claims, program.program.id, 'mentor')).map(
				(x) => x.title
			);
		expect(await order()).toEqual(['A', 'B', 'C']);
		await moveCollection({ db, claims: c }, program.program.id, cc, 'up');
		expect(await order()).toEqual(['A', 'C', 'B']);
		await moveCollection({ db, claims: c }, program.program.id, cc, 'up');
		expect(await order()).toEqual(['C', 'A', 'B']);
		// At the top, up changes nothing.
		await moveCollection({ db, claims: c }, program.program.id, cc, 'up');
		expect(await order()).toEqual(['C', 'A', 'B']);
		await moveCollection({ db, claims: c }, program.program.id, a, 'down');
		expect(await order()).toEqual(['C', 'B', 'A']);
		for (const role of ['supporter', 'mentor', 'mentee', 'observer'] as const) {
			await expect(
				moveCollection({ db, claims: program.people[role].claims }, program.program.id, b, 'up'),
				role
			).rejects.toBeInstanceOf(DomainError);
			expect(
				await writes(
					program.people[role].claims,
					'update public.resource_collections set position = 0 where id = $1 returning id',
					[b]
				),
				role
			).toBe(false);
		}
		expect(
			await writes(
				x.people.coordinator.claims,
				'update public.resource_collections set position = 0 where id = $1 returning id',
				[b]
			)
		).toBe(false);
		expect(await order()).toEqual(['C', 'B', 'A']);
		// A new collection comes last, whatever its title.
		await make('Aa');
		expect(await order()).toEqual(['C', 'B', 'A', 'Aa']);
	});

	it('the coordinator moves items within a collection, stepping over unpublished ones', async () => {
		const deps = { db, files: createLocalFileStore('/nonexistent'), fileMaxBytes: 1024 };
		const c = x.people.coordinator.claims;
		const make = (title: string, publish = true) =>
			createResource({ ...deps, claims: c }, x.program.id, {
				...link,
				title,
				url: `https://example.org/${title}`,
				publish
			});
		const one = await make('Een');
		const hidden = await make('Verborgen', false);
		const two = await make('Twee');
		const id = await newCollection('Volgorde');
		for (const r of [one, hidden, two])
			await addToCollection({ db, claims: c }, x.program.id, id, r);
		const items = async () =>
			(await listCollections(db, c, x.program.id, 'coordinator')).find((k) => k.id === id)!.items;
		expect((await items()).map((i) => i.resource.title)).toEqual(['Een', 'Twee']);
		const twoItem = (await items())[1].itemId;
		// One press moves it past the hidden draft, visibly.
		await moveCollectionItem({ db, claims: c }, x.program.id, twoItem, 'up');
		expect((await items()).map((i) => i.resource.title)).toEqual(['Twee', 'Een']);
		await moveCollectionItem({ db, claims: c }, x.program.id, twoItem, 'up');
		expect((await items()).map((i) => i.resource.title)).toEqual(['Twee', 'Een']);
		await moveCollectionItem({ db, claims: c }, x.program.id, twoItem, 'down');
		expect((await items()).map((i) => i.resource.title)).toEqual(['Een', 'Twee']);
		for (const role of ['supporter', 'mentor', 'mentee', 'observer'] as const) {
			await expect(
				moveCollectionItem({ db, claims: x.people[role].claims }, x.program.id, twoItem, 'up'),
				role
			).rejects.toBeInstanceOf(DomainError);
			expect(
				await writes(
					x.people[role].claims,
					'update public.resource_collection_items set position = 0 where id = $1 returning id',
					[twoItem]
				),
				role
			).toBe(false);
		}
		await expect(
			moveCollectionItem(
				{ db, claims: other.people.coordinator.claims },
				other.program.id,
				twoItem,
				'up'
			)
		).rejects.toMatchObject({ key: 'not_found' });
	});

	it('the coordinator deletes a collection: items and done marks go, the material stays', async () => {
		const deps = { db, files: createLocalFileStore('/nonexistent'), fileMaxBytes: 1024 };
		const c = x.people.coordinator.claims;
		const resource = await createResource({ ...deps, claims: c }, x.program.id, {
			...link,
			title: 'Blijft bestaan',
			url: 'https://example.org/blijft'
		});
		const id = await newCollection('Weg ermee');
		await addToCollection({ db, claims: c }, x.program.id, id, resource);
		const [item] = (await listCollections(db, c, x.program.id, 'coordinator')).find(
			(k) => k.id === id
		)!.items;
		await setDone({ db, claims: x.people.mentor.claims }, x.program.id, item.itemId, true);
		for (const role of ['supporter', 'mentor', 'mentee', 'observer'] as const) {
			await expect(
				deleteCollection(db, x.people[role].claims, x.program.id, id),
				role
			).rejects.toBeInstanceOf(DomainError);
			expect(
				await writes(
					x.people[role].claims,
					'delete from public.resource_collections where id = $1 returning id',
					[id]
				),
				role
			).toBe(false);
		}
		expect(
			await writes(
				other.people.coordinator.claims,
				'delete from public.resource_collections where id = $1 returning id',
				[id]
			)
		).toBe(false);
		expect(await titles(c)).toContain('Weg ermee');
		await deleteCollection(db, c, x.program.id, id);
		expect(await titles(c)).not.toContain('Weg ermee');
		const left = await db.asService((tx) =>
			tx.query<{ items: number; done: number; resources: number }>(
				`select (select count(*)::int from public.resource_collection_items where collection_id = $1) as items,
					(select count(*)::int from public.resource_done where item_id = $2) as done,
					(select count(*)::int from public.resources where id = $3) as resources`,
				[id, item.itemId, resource]
			)
		);
		expect(left[0]).toEqual({ items: 0, done: 0, resources: 1 });
	});

	it('the organisation’s collection is managed by its managers, not by a programme coordinator', async () => {
		const [row] = await db.asService((tx) =>
			tx.query<{ id: string }>(
				`insert into public.resource_collections (organisation_id, kind, title, audience, created_by)
				 values ($1, 'orientation', 'Oriëntatie nieuwe directeurs', '{mentor,coordinator}', $2) returning id`,
				[x.program.organisationId, organiser.id]
			)
		);
		const listed = await listCollections(
			db,
			x.people.coordinator.claims,
			x.program.id,
			'coordinator'
		);
		expect(listed.find((c) => c.id === row.id)).toMatchObject({
			organisationWide: true,
			manages: false
		});
		await expect(
			renameCollection({ db, claims: x.people.coordinator.claims }, x.program.id, row.id, {
				title: 'X',
				description: ''
			})
		).rejects.toMatchObject({ key: 'res_not_organiser' });
		await expect(
			deleteCollection(db, x.people.coordinator.claims, x.program.id, row.id)
		).rejects.toMatchObject({ key: 'res_not_organiser' });
		await expect(
			moveCollection({ db, claims: x.people.coordinator.claims }, x.program.id, row.id, 'up')
		).rejects.toMatchObject({ key: 'res_not_organiser' });
		expect(
			(await listCollections(db, organiser.claims, x.program.id, 'coordinator')).find(
				(c) => c.id === row.id
			)?.manages
		).toBe(true);
		await renameCollection({ db, claims: organiser.claims }, x.program.id, row.id, {
			title: 'Oriëntatieprogramma',
			description: ''
		});
		await deleteCollection(db, organiser.claims, x.program.id, row.id);
		expect(await titles(organiser.claims)).not.toContain('Oriëntatieprogramma');
	});
});

describe('moving one place', () => {
	const list = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
	it('moves up and down, stays at the ends, steps over entries that do not pass', () => {
		const ids = (l: { id: string }[]) => l.map((e) => e.id).join('');
		expect(ids(moved(list, 'c', 'up'))).toBe('acbd');
		expect(ids(moved(list, 'a', 'up'))).toBe('abcd');
		expect(ids(moved(list, 'd', 'down'))).toBe('abcd');
		expect(ids(moved(list, 'd', 'up', (e) => e.id !== 'c'))).toBe('adbc');
		expect(ids(moved(list, 'x', 'up'))).toBe('abcd');
	});
});
