/**
 * The library's commands. Each owns its transaction and runs as the person, so row-level
 * security decides as well: the checks here give clear answers (a translated key), the
 * database's make them hold. A document's bytes are checked by content (no executables, no
 * archives), stored before the row that names them and removed again when that row is not
 * written; they are removed after the row's deletion commits.
 */
import { randomUUID } from 'node:crypto';
import {
	safeUrl,
	type CaseStudyInput,
	type CollectionInput,
	type ResourceAudience,
	type ResourceInput
} from '$lib/domain/resources';
import type { Database, JwtClaims, Tx } from '../db/types';
import { detectType, resourceStorageKey, sanitiseFileName, type FileStore } from '../files';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '../context';

export interface LibraryDeps {
	db: Database;
	files: FileStore;
	/** The largest document accepted, in bytes (FILE_MAX_MB). */
	fileMaxBytes: number;
}

/** What `createResource` works with: the command context plus the file store and its size limit. */
export type LibraryContext = CommandContext & Omit<LibraryDeps, 'db'>;

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

/** A refusal with a translated key and, for some, a parameter (the size limit). */
export class LibraryError extends DomainError {
	constructor(
		code: DomainError['code'],
		key: string,
		readonly params: Record<string, number> = {}
	) {
		super(code, key);
	}
}

async function myRole(tx: Tx, programId: string): Promise<string | null> {
	const [row] = await tx.query<{ role: string | null }>(
		'select public.my_program_role($1) as role',
		[programId]
	);
	return row?.role ?? null;
}

async function requireCoordinator(tx: Tx, programId: string): Promise<void> {
	if ((await myRole(tx, programId)) !== 'coordinator')
		throw new DomainError('forbidden', 'forbidden');
}

/** The checked file: an allowed type by its bytes, within the size limit, with a safe name. */
export async function checkUpload(
	upload: Upload | undefined,
	maxBytes: number
): Promise<{ name: string; type: string; bytes: Uint8Array }> {
	if (!upload || (upload.bytes.byteLength === 0 && !upload.name))
		throw new LibraryError('invalid', 'res_file_required');
	if (upload.bytes.byteLength === 0) throw new LibraryError('invalid', 'res_file_empty');
	if (upload.bytes.byteLength > maxBytes)
		throw new LibraryError('invalid', 'res_file_too_large', {
			max: Math.round(maxBytes / 1024 / 1024)
		});
	const type = await detectType(upload.bytes);
	if (!type) throw new LibraryError('invalid', 'res_file_type');
	return { name: sanitiseFileName(upload.name, type), type, bytes: upload.bytes };
}

/**
 * Adds a link or a document to the programme's library (coordinators), or to every programme of
 * the organisation (`organisationWide`, for the organisation's owners and coordinators).
 */
export async function createResource(
	ctx: LibraryContext,
	programId: string,
	input: Omit<ResourceInput, 'organisationWide'> & { organisationWide?: boolean },
	upload?: Upload
): Promise<string> {
	const { claims } = ctx;
	const deps: LibraryDeps = ctx;
	const id = randomUUID();
	let url: string | null = null;
	let file: Awaited<ReturnType<typeof checkUpload>> | null = null;
	if (input.kind === 'link') {
		url = safeUrl(input.url);
		if (!url) throw new LibraryError('invalid', 'res_url');
	} else {
		file = await checkUpload(upload, deps.fileMaxBytes);
	}
	const scope = await deps.db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		if (!input.organisationWide) return { organisation: null, program: programId };
		const [org] = await tx.query<{ id: string; mine: boolean }>(
			`select p.organisation_id as id, public.my_organisation_role(p.organisation_id) is not null as mine
			 from public.programs p where p.id = $1`,
			[programId]
		);
		if (!org?.mine) throw new DomainError('forbidden', 'res_not_organiser');
		return { organisation: org.id, program: null };
	});
	const key = file ? resourceStorageKey(scope.program ?? scope.organisation!, id) : null;
	if (file && key) await deps.files.put(key, file.bytes, file.type);
	try {
		await deps.db.asUser(claims, async (tx) => {
			await tx.query(
				`insert into public.resources (id, organisation_id, program_id, kind, title, description, url,
					file_name, file_type, file_size, storage_key, phases, instruments, audience, status, author_id)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
					array(select jsonb_array_elements_text($12::jsonb)),
					array(select jsonb_array_elements_text($13::jsonb)),
					array(select jsonb_array_elements_text($14::jsonb)), $15, $16)`,
				[
					id,
					scope.organisation,
					scope.program,
					input.kind,
					input.title,
					input.description,
					url,
					file?.name ?? null,
					file?.type ?? null,
					file?.bytes.byteLength ?? null,
					key,
					JSON.stringify(input.phases),
					JSON.stringify(input.instruments),
					JSON.stringify(input.audience),
					input.publish ? 'published' : 'draft',
					claims.sub
				]
			);
			await audit(tx, 'resource.create', 'resource', id, programId);
		});
	} catch (error) {
		if (key) await deps.files.delete([key]);
		throw error;
	}
	return id;
}

/** Changes a link's or document's text, tags, audience and whether it is published. */
export async function updateResource(
	ctx: CommandContext,
	programId: string,
	id: string,
	input: Omit<ResourceInput, 'organisationWide'>
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		const [current] = await tx.query<{ kind: string }>(
			`select kind from public.resources where id = $1
				and (program_id = $2 or organisation_id = (select organisation_id from public.programs where id = $2))`,
			[id, programId]
		);
		if (!current || current.kind === 'case_study') throw new DomainError('not_found', 'not_found');
		let url: string | null = null;
		if (current.kind === 'link') {
			url = safeUrl(input.url);
			if (!url) throw new LibraryError('invalid', 'res_url');
		}
		const rows = await tx.query(
			`update public.resources set title = $2, description = $3, url = $4,
				phases = array(select jsonb_array_elements_text($5::jsonb)),
				instruments = array(select jsonb_array_elements_text($6::jsonb)),
				audience = array(select jsonb_array_elements_text($7::jsonb)), status = $8
			 where id = $1 returning id`,
			[
				id,
				input.title,
				input.description,
				url,
				JSON.stringify(input.phases),
				JSON.stringify(input.instruments),
				JSON.stringify(input.audience),
				input.publish ? 'published' : 'draft'
			]
		);
		// The organisation's material is changed by its owners and coordinators only (RLS).
		if (rows.length === 0) throw new DomainError('forbidden', 'res_not_organiser');
		await audit(tx, 'resource.update', 'resource', id, programId);
	});
}

/** Deletes a resource (its manager, or the mentor's own unpublished case study) and its file. */
export async function deleteResource(
	deps: Pick<LibraryDeps, 'db' | 'files'>,
	claims: JwtClaims,
	programId: string,
	id: string
): Promise<void> {
	const key = await deps.db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ key: string | null }>(
			`delete from public.resources where id = $1
				and (program_id = $2 or organisation_id = (select organisation_id from public.programs where id = $2))
			 returning storage_key as key`,
			[id, programId]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'resource.delete', 'resource', id, programId);
		return rows[0].key;
	});
	if (key) await deps.files.delete([key]);
}

/**
 * Writes the mentor's case study: new (no `id`) or their own draft or submitted one; it stays a
 * draft or goes to the coordinator (`submit`). Published case studies are the coordinator's.
 */
export async function saveCaseStudy(
	ctx: CommandContext,
	programId: string,
	input: CaseStudyInput,
	id?: string
): Promise<string> {
	const { db, claims } = ctx;
	return db.asUser(claims, async (tx) => {
		if ((await myRole(tx, programId)) !== 'mentor') throw new DomainError('forbidden', 'forbidden');
		const status = input.submit ? 'submitted' : 'draft';
		const phases = JSON.stringify(input.phases);
		if (!id) {
			const [row] = await tx.query<{ id: string }>(
				`insert into public.resources (program_id, kind, title, description, body, phases, audience, status, author_id)
				 values ($1, 'case_study', $2, $3, $4, array(select jsonb_array_elements_text($5::jsonb)),
					'{mentor}', $6, $7) returning id`,
				[programId, input.title, input.description, input.body, phases, status, claims.sub]
			);
			return row.id;
		}
		const rows = await tx.query<{ id: string }>(
			`update public.resources set title = $3, description = $4, body = $5,
				phases = array(select jsonb_array_elements_text($6::jsonb)), status = $7
			 where id = $1 and program_id = $2 and kind = 'case_study' and author_id = auth.uid()
				and status in ('draft', 'submitted')
			 returning id`,
			[id, programId, input.title, input.description, input.body, phases, status]
		);
		if (!rows[0]) throw new DomainError('conflict', 'res_case_locked');
		return rows[0].id;
	});
}

/**
 * The coordinator's review of a submitted case study: publish it for an audience, or return it
 * to its author as a draft (who then sees it as theirs again; the coordinator no longer does).
 */
export async function reviewCaseStudy(
	ctx: CommandContext,
	programId: string,
	id: string,
	decision: { publish: true; audience: ResourceAudience[] } | { publish: false }
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		const rows = decision.publish
			? await tx.query(
					`update public.resources set status = 'published',
						audience = array(select jsonb_array_elements_text($3::jsonb))
					 where id = $1 and program_id = $2 and kind = 'case_study' and status = 'submitted'
					 returning id`,
					[id, programId, JSON.stringify(decision.audience)]
				)
			: await returnToAuthor(tx, programId, id);
		if (rows.length === 0) throw new DomainError('conflict', 'res_not_submitted');
		await audit(
			tx,
			decision.publish ? 'resource.publish' : 'resource.return',
			'resource',
			id,
			programId
		);
	});
}

/** Back to its author as a draft (a function: the row leaves the coordinator's sight). */
async function returnToAuthor(tx: Tx, programId: string, id: string): Promise<unknown[]> {
	const [row] = await tx.query<{ ok: boolean }>(
		`select public.return_case_study(r.id) as ok from public.resources r
		 where r.id = $1 and r.program_id = $2`,
		[id, programId]
	);
	return row?.ok ? [row] : [];
}

/** A new collection (mentor training, orientation programme) in the programme. */
export async function createCollection(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: CollectionInput
): Promise<string> {
	return db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		// A new collection comes last in the programme's order.
		const [row] = await tx.query<{ id: string }>(
			`insert into public.resource_collections (program_id, kind, title, description, audience, created_by, position)
			 values ($1, $2, $3, $4, array(select jsonb_array_elements_text($5::jsonb)), $6,
				(select least(coalesce(max(c.position) + 1, 0), 10000) from public.resource_collections c
				 where c.program_id = $1
					or c.organisation_id = (select p.organisation_id from public.programs p where p.id = $1)))
			 returning id`,
			[
				programId,
				input.kind,
				input.title,
				input.description,
				JSON.stringify(input.audience),
				claims.sub
			]
		);
		return row.id;
	});
}

/** Adds a resource of the programme (or its organisation) at the end of a collection. */
export async function addToCollection(
	ctx: CommandContext,
	programId: string,
	collectionId: string,
	resourceId: string
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		const [fits] = await tx.query<{ ok: boolean; next: number }>(
			`select private.manages_collection($1) and private.resource_fits_collection($2, $1) as ok,
				coalesce((select max(position) + 1 from public.resource_collection_items where collection_id = $1), 0) as next`,
			[collectionId, resourceId]
		);
		if (!fits?.ok) throw new DomainError('not_found', 'not_found');
		await tx.query(
			`insert into public.resource_collection_items (collection_id, resource_id, position)
			 values ($1, $2, $3) on conflict (collection_id, resource_id) do nothing`,
			[collectionId, resourceId, Math.min(Number(fits.next), 10_000)]
		);
	});
}

/** Removes an item from a collection (the resource stays in the library). */
export async function removeFromCollection(
	db: Database,
	claims: JwtClaims,
	programId: string,
	itemId: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		const rows = await tx.query(
			'delete from public.resource_collection_items where id = $1 returning id',
			[itemId]
		);
		if (rows.length === 0) throw new DomainError('not_found', 'not_found');
	});
}

/** Marks an item of a collection the person reads as done (or not done), for themself only. */
export async function setDone(
	ctx: CommandContext,
	programId: string,
	itemId: string,
	done: boolean
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		const [item] = await tx.query<{ id: string }>(
			`select i.id from public.resource_collection_items i
			 join public.resource_collections c on c.id = i.collection_id
			 where i.id = $1
				and (c.program_id = $2 or c.organisation_id = (select organisation_id from public.programs where id = $2))`,
			[itemId, programId]
		);
		if (!item) throw new DomainError('not_found', 'not_found');
		if (done)
			await tx.query(
				`insert into public.resource_done (item_id, user_id) values ($1, $2)
				 on conflict (item_id, user_id) do nothing`,
				[itemId, claims.sub]
			);
		else
			await tx.query('delete from public.resource_done where item_id = $1 and user_id = $2', [
				itemId,
				claims.sub
			]);
	});
}

/** The collections of a programme's scope: its own and its organisation's (`$2` = programme). */
const COLLECTION_IN_SCOPE = `(c.program_id = $2 or c.organisation_id = (select p.organisation_id from public.programs p where p.id = $2))`;

/** A collection of the programme's scope that the person manages (RLS), or a refusal. */
async function managedCollection(tx: Tx, programId: string, collectionId: string): Promise<void> {
	const [row] = await tx.query<{ manages: boolean }>(
		`select private.manages_collection(c.id) as manages from public.resource_collections c
		 where c.id = $1 and ${COLLECTION_IN_SCOPE}`,
		[collectionId, programId]
	);
	if (!row) throw new DomainError('not_found', 'not_found');
	if (!row.manages) throw new DomainError('forbidden', 'res_not_organiser');
}

/** Renames a collection (its title and description); the items and done marks stay. */
export async function renameCollection(
	ctx: CommandContext,
	programId: string,
	collectionId: string,
	input: Pick<CollectionInput, 'title' | 'description'>
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		await managedCollection(tx, programId, collectionId);
		await tx.query(
			'update public.resource_collections set title = $2, description = $3 where id = $1',
			[collectionId, input.title, input.description]
		);
		await audit(tx, 'resource_collection.update', 'resource_collection', collectionId, programId);
	});
}

/** Deletes a collection with its items and everyone's done marks on them; the resources stay. */
export async function deleteCollection(
	db: Database,
	claims: JwtClaims,
	programId: string,
	collectionId: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		await managedCollection(tx, programId, collectionId);
		const rows = await tx.query(
			'delete from public.resource_collections where id = $1 returning id',
			[collectionId]
		);
		if (rows.length === 0) throw new DomainError('forbidden', 'res_not_organiser');
		await audit(tx, 'resource_collection.delete', 'resource_collection', collectionId, programId);
	});
}

export type MoveDirection = 'up' | 'down';

/**
 * The order after moving `id` one place: past the nearest entry in that direction that `passes`
 * (entries hidden from the page are stepped over, so one press always shows a move). Unchanged
 * at either end.
 */
export function moved<T extends { id: string }>(
	list: readonly T[],
	id: string,
	direction: MoveDirection,
	passes: (entry: T) => boolean = () => true
): T[] {
	const from = list.findIndex((e) => e.id === id);
	if (from < 0) return [...list];
	const step = direction === 'up' ? -1 : 1;
	let to = from + step;
	while (to >= 0 && to < list.length && !passes(list[to])) to += step;
	if (to < 0 || to >= list.length) return [...list];
	const next = list.filter((e) => e.id !== id);
	next.splice(to, 0, list[from]);
	return next;
}

/**
 * Moves a collection one place up or down on the collections page. Positions are renumbered
 * 0, 1, 2 … for the collections the person manages; the organisation's collections that a
 * programme coordinator does not manage keep theirs (RLS would refuse the write).
 */
export async function moveCollection(
	ctx: CommandContext,
	programId: string,
	collectionId: string,
	direction: MoveDirection
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		await managedCollection(tx, programId, collectionId);
		const list = await tx.query<{ id: string; manages: boolean }>(
			`select c.id, private.manages_collection(c.id) as manages from public.resource_collections c
			 where $1::uuid is not null and ${COLLECTION_IN_SCOPE}
			 order by c.position, c.kind, c.title, c.id`,
			[collectionId, programId]
		);
		const order = moved(list, collectionId, direction, (c) => c.manages);
		for (const [index, c] of order.entries()) {
			if (c.manages)
				await tx.query(
					'update public.resource_collections set position = $2 where id = $1 and position <> $2',
					[c.id, Math.min(index, 10_000)]
				);
		}
		await audit(tx, 'resource_collection.move', 'resource_collection', collectionId, programId, {
			direction
		});
	});
}

/**
 * Moves an item one place up or down within its collection: past the nearest item the page shows
 * (a published resource); the items are renumbered 0, 1, 2 ….
 */
export async function moveCollectionItem(
	ctx: CommandContext,
	programId: string,
	itemId: string,
	direction: MoveDirection
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		await requireCoordinator(tx, programId);
		const [item] = await tx.query<{ collection: string }>(
			`select i.collection_id as collection from public.resource_collection_items i
			 join public.resource_collections c on c.id = i.collection_id
			 where i.id = $1 and ${COLLECTION_IN_SCOPE}`,
			[itemId, programId]
		);
		if (!item) throw new DomainError('not_found', 'not_found');
		await managedCollection(tx, programId, item.collection);
		const list = await tx.query<{ id: string; shown: boolean }>(
			`select i.id, r.status = 'published' as shown
			 from public.resource_collection_items i join public.resources r on r.id = i.resource_id
			 where i.collection_id = $1
			 order by i.position, r.title, i.id`,
			[item.collection]
		);
		const order = moved(list, itemId, direction, (i) => i.shown);
		for (const [index, i] of order.entries())
			await tx.query(
				'update public.resource_collection_items set position = $2 where id = $1 and position <> $2',
				[i.id, Math.min(index, 10_000)]
			);
	});
}
