/**
 * Reading the library, always as the person: row-level security (migration
 * 20261203000600_resources.sql) decides which resources, collections and done marks they see;
 * the queries add the person's own audiences so an organisation-wide resource is shown for the
 * role they have in this programme.
 */
import {
	audiencesOf,
	RESOURCE_PAGE_SIZE,
	searchQuery,
	type CollectionKind,
	type LibraryFilters,
	type ResourceAudience,
	type ResourceKind,
	type ResourcePhase,
	type ResourceStatus
} from '$lib/domain/resources';
import type { ProgramRole } from '$lib/domain/policy/types';
import type { Database, JwtClaims, Tx } from '../db/types';
import type { CommandContext } from '../context';

export interface ResourceSummary {
	id: string;
	kind: ResourceKind;
	title: string;
	description: string;
	url: string | null;
	fileName: string | null;
	fileType: string | null;
	fileSize: number | null;
	phases: ResourcePhase[];
	instruments: string[];
	audience: ResourceAudience[];
	status: ResourceStatus;
	organisationWide: boolean;
	authorId: string | null;
	authorName: string | null;
	updatedAt: string;
}

export interface ResourceDetail extends ResourceSummary {
	body: string;
	publishedAt: string | null;
}

export interface LibraryPage {
	items: ResourceSummary[];
	total: number;
	page: number;
	pageSize: number;
}

/** Arrays come back as arrays from node-postgres and PGlite alike; JSON text is accepted too. */
function textArray(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value === 'string') {
		const inner = value.replace(/^\{|\}$/g, '');
		return inner ? inner.split(',').map((v) => v.replace(/^"|"$/g, '')) : [];
	}
	return [];
}

const COLUMNS = `r.id, r.kind, r.title, r.description, r.url, r.file_name as "fileName",
	r.file_type as "fileType", r.file_size::int as "fileSize", r.phases, r.instruments, r.audience,
	r.status, r.program_id is null as "organisationWide", r.author_id as "authorId",
	pr.display_name as "authorName", r.updated_at::text as "updatedAt"`;

type Row = Omit<ResourceSummary, 'phases' | 'instruments' | 'audience'> & {
	phases: unknown;
	instruments: unknown;
	audience: unknown;
};

function summary(row: Row): ResourceSummary {
	return {
		...row,
		fileSize: row.fileSize === null ? null : Number(row.fileSize),
		phases: textArray(row.phases) as ResourcePhase[],
		instruments: textArray(row.instruments),
		audience: textArray(row.audience) as ResourceAudience[]
	};
}

/** The resources of the programme and of its organisation (the scope condition, `$1` = programme). */
const IN_SCOPE = `(r.program_id = $1 or r.organisation_id = (select p.organisation_id from public.programs p where p.id = $1))`;

/**
 * What the person sees in the library, filtered and paged: published material for their role,
 * their own case studies, and (for coordinators) drafts and case studies to review.
 */
export async function searchLibrary(
	ctx: CommandContext,
	programId: string,
	role: ProgramRole | undefined,
	filters: LibraryFilters
): Promise<LibraryPage> {
	const { db, claims } = ctx;
	const query = searchQuery(filters.q);
	const like = filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
	const offset = (filters.page - 1) * RESOURCE_PAGE_SIZE;
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<Row & { total: string }>(
			`select ${COLUMNS}, count(*) over () as total
			 from public.resources r left join public.profiles pr on pr.id = r.author_id
			 where ${IN_SCOPE}
				and (r.status <> 'published' or r.audience && array(select jsonb_array_elements_text($2::jsonb)))
				and ($4::text is null
					or ($3::text is not null and r.search @@ to_tsquery('simple', $3))
					or r.title ilike $4 or r.description ilike $4)
				and ($5::text is null or $5 = any (r.phases))
				and ($6::text is null or $6 = any (r.instruments))
				and ($7::text is null or $7 = any (r.audience))
				and ($8::text is null or r.kind = $8)
			 order by (r.status = 'submitted') desc, r.updated_at desc, r.id
			 limit $9 offset $10`,
			[
				programId,
				JSON.stringify(audiencesOf(role)),
				query,
				like,
				filters.phase ?? null,
				filters.instrument ?? null,
				filters.audience ?? null,
				filters.kind ?? null,
				RESOURCE_PAGE_SIZE,
				offset
			]
		);
		return {
			items: rows.map(({ total: _total, ...row }) => summary(row)),
			total: rows.length ? Number(rows[0].total) : 0,
			page: filters.page,
			pageSize: RESOURCE_PAGE_SIZE
		};
	});
}

/** Published material tagged with a sheet's template key, for the person's role here. */
export async function resourcesForSheet(
	ctx: CommandContext,
	programId: string,
	role: ProgramRole | undefined,
	templateKey: string
): Promise<ResourceSummary[]> {
	const { db, claims } = ctx;
	const audiences = audiencesOf(role);
	if (audiences.length === 0) return [];
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Row>(
			`select ${COLUMNS}
			 from public.resources r left join public.profiles pr on pr.id = r.author_id
			 where ${IN_SCOPE} and r.status = 'published' and $2 = any (r.instruments)
				and r.audience && array(select jsonb_array_elements_text($3::jsonb))
			 order by r.title, r.id
			 limit 20`,
			[programId, templateKey, JSON.stringify(audiences)]
		)
	);
	return rows.map(summary);
}

/** One resource of the programme's scope the person may read, or null. */
export async function getResource(
	db: Database,
	claims: JwtClaims,
	programId: string,
	id: string
): Promise<ResourceDetail | null> {
	return db.asUser(claims, (tx) => readResource(tx, programId, id));
}

export async function readResource(
	tx: Tx,
	programId: string,
	id: string
): Promise<ResourceDetail | null> {
	const rows = await tx.query<Row & { body: string; publishedAt: string | null }>(
		`select ${COLUMNS}, r.body, r.published_at::text as "publishedAt"
		 from public.resources r left join public.profiles pr on pr.id = r.author_id
		 where ${IN_SCOPE} and r.id = $2`,
		[programId, id]
	);
	if (!rows[0]) return null;
	const { body, publishedAt, ...rest } = rows[0];
	return { ...summary(rest), body, publishedAt };
}

/**
 * The programme's organisation when the person may add material for every programme of it (they
 * are one of its owners or coordinators: the database's `private.manages_resources` rule), else
 * null.
 */
export async function organisesLibrary(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<{ id: string; name: string } | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ id: string; name: string | null; mine: boolean }>(
			`select p.organisation_id as id, public.my_organisation_role(p.organisation_id) is not null as mine,
				(select o.name from public.organisations o where o.id = p.organisation_id) as name
			 from public.programs p where p.id = $1`,
			[programId]
		)
	);
	const row = rows[0];
	return row?.mine ? { id: row.id, name: row.name ?? '' } : null;
}

/** A document's stored file, when the person may read the resource (the same row rule). */
export async function findResourceFile(
	db: Database,
	claims: JwtClaims,
	programId: string,
	id: string
): Promise<{ name: string; contentType: string; size: number; storageKey: string } | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ name: string; type: string; size: string; key: string }>(
			`select r.file_name as name, r.file_type as type, r.file_size::text as size, r.storage_key as key
			 from public.resources r
			 where ${IN_SCOPE} and r.id = $2 and r.kind = 'document' and r.storage_key is not null`,
			[programId, id]
		)
	);
	const r = rows[0];
	return r ? { name: r.name, contentType: r.type, size: Number(r.size), storageKey: r.key } : null;
}

export interface CollectionItemView {
	itemId: string;
	position: number;
	done: boolean;
	resource: Pick<ResourceSummary, 'id' | 'kind' | 'title' | 'description' | 'url' | 'fileName'>;
}

export interface CollectionView {
	id: string;
	kind: CollectionKind;
	title: string;
	description: string;
	audience: ResourceAudience[];
	organisationWide: boolean;
	/** The person manages it (renames, orders, deletes): its scope's coordinators or organisers. */
	manages: boolean;
	items: CollectionItemView[];
	done: number;
}

/**
 * The collections the person reads, with the items whose resource they may read (in order) and
 * their own done marks.
 */
export async function listCollections(
	db: Database,
	claims: JwtClaims,
	programId: string,
	role: ProgramRole | undefined
): Promise<CollectionView[]> {
	const audiences = JSON.stringify(audiencesOf(role));
	return db.asUser(claims, async (tx) => {
		const collections = await tx.query<{
			id: string;
			kind: CollectionKind;
			title: string;
			description: string;
			audience: unknown;
			organisationWide: boolean;
			manages: boolean;
		}>(
			`select c.id, c.kind, c.title, c.description, c.audience, c.program_id is null as "organisationWide",
				private.manages_collection(c.id) as manages
			 from public.resource_collections c
			 where (c.program_id = $1 or c.organisation_id = (select p.organisation_id from public.programs p where p.id = $1))
				and c.audience && array(select jsonb_array_elements_text($2::jsonb))
			 order by c.position, c.kind, c.title, c.id`,
			[programId, audiences]
		);
		if (collections.length === 0) return [];
		const items = await tx.query<{
			collectionId: string;
			itemId: string;
			position: number;
			done: boolean;
			id: string;
			kind: ResourceKind;
			title: string;
			description: string;
			url: string | null;
			fileName: string | null;
		}>(
			`select i.collection_id as "collectionId", i.id as "itemId", i.position,
				exists (select 1 from public.resource_done d where d.item_id = i.id and d.user_id = auth.uid()) as done,
				r.id, r.kind, r.title, r.description, r.url, r.file_name as "fileName"
			 from public.resource_collection_items i
			 join public.resources r on r.id = i.resource_id
			 where i.collection_id = any (array(select jsonb_array_elements_text($1::jsonb))::uuid[])
				and r.status = 'published'
			 order by i.position, r.title, i.id`,
			[JSON.stringify(collections.map((c) => c.id))]
		);
		return collections.map((c) => {
			const mine = items
				.filter((i) => i.collectionId === c.id)
				.map((i) => ({
					itemId: i.itemId,
					position: i.position,
					done: i.done,
					resource: {
						id: i.id,
						kind: i.kind,
						title: i.title,
						description: i.description,
						url: i.url,
						fileName: i.fileName
					}
				}));
			return {
				...c,
				audience: textArray(c.audience) as ResourceAudience[],
				items: mine,
				done: mine.filter((i) => i.done).length
			};
		});
	});
}
