import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import type { ProgramRole } from '$lib/domain/policy/types';
import {
	BODY_MAX,
	COLLECTION_KINDS,
	DESCRIPTION_MAX,
	RESOURCE_AUDIENCES,
	RESOURCE_KINDS,
	RESOURCE_PHASES,
	SEARCH_MAX,
	TITLE_MAX,
	URL_MAX,
	type ResourceAudience
} from './vocabulary';
export * from './vocabulary';

/**
 * The resource library (issue #14): documents, links and case studies tagged by phase,
 * instrument and audience, and collections (mentor training, the orientation programme for new
 * directors) with a done mark per person. Input schemas shared by the forms and the server; issue
 * messages are error keys the UI translates. The database keeps the same rules on its own
 * (migration 20261203000600_resources.sql).
 */

/**
 * The audiences a role reads (the same mapping as `private.my_resource_audiences`): a mentee
 * never reads material for mentors or coordinators; an observer reads none.
 */
export function audiencesOf(role: ProgramRole | undefined): readonly ResourceAudience[] {
	switch (role) {
		case 'coordinator':
			return RESOURCE_AUDIENCES;
		case 'supporter':
			return ['coordinator', 'mentor'];
		case 'mentor':
			return ['mentor'];
		case 'mentee':
			return ['mentee'];
		default:
			return [];
	}
}

/** What a person may do in a programme's library (the UI's offer; the database decides too). */
export function libraryPermissions(role: ProgramRole | undefined) {
	return {
		manage: role === 'coordinator',
		writeCaseStudy: role === 'mentor',
		read: audiencesOf(role).length > 0
	};
}

/**
 * A web address people may follow: http or https only (no javascript:, data:, file:), with a
 * host, no spaces or control characters, at most 2000 characters. Returns the address as given
 * (trimmed) or null.
 */
export function safeUrl(raw: string): string | null {
	const value = raw.trim();
	if (!value || value.length > URL_MAX) return null;
	if (/[\s\p{Cc}]/u.test(value)) return null;
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		return null;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
	if (!parsed.hostname || parsed.username || parsed.password) return null;
	if (!/^https?:\/\//i.test(value)) return null;
	return value;
}

const title = plainText().trim().min(1, 'required').max(TITLE_MAX, 'too_long');
const description = plainText().trim().max(DESCRIPTION_MAX, 'too_long').default('');
/** Checkbox groups arrive as repeated form fields: always an array here. */
const list = <T extends z.ZodType>(item: T, max: number) =>
	z.array(item, 'required').max(max, 'too_long').default([]);
const phases = list(z.enum(RESOURCE_PHASES, 'bad_request'), RESOURCE_PHASES.length).transform(
	(v) => [...new Set(v)]
);
const audience = z
	.array(z.enum(RESOURCE_AUDIENCES, 'bad_request'), 'res_audience_required')
	.min(1, 'res_audience_required')
	.max(RESOURCE_AUDIENCES.length, 'bad_request')
	.transform((v) => [...new Set(v)]);

/**
 * Instrument tags: template keys. The catalogue of valid keys is given by the caller (the
 * server's template list), so this module stays free of it.
 */
export function resourceInput(instrumentKeys: readonly string[]) {
	const instruments = list(
		z.string().refine((k) => instrumentKeys.includes(k), 'bad_request'),
		40
	).transform((v) => [...new Set(v)]);
	return z.object({
		kind: z.enum(['document', 'link'], 'bad_request'),
		title,
		description,
		url: plainText()
			.max(URL_MAX, 'res_url')
			.default('')
			.transform((v) => v.trim()),
		phases,
		instruments,
		audience,
		publish: z.boolean().default(true),
		/** For every programme of the organisation (its owners and coordinators only). */
		organisationWide: z.boolean().default(false)
	});
}
export type ResourceInput = z.infer<ReturnType<typeof resourceInput>>;

/** A case study: a mentor writes it; it goes to the coordinator when submitted. */
export const caseStudyInput = z.object({
	title,
	description,
	body: plainText()
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().min(1, 'required').max(BODY_MAX, 'too_long')),
	phases,
	submit: z.boolean().default(false)
});
export type CaseStudyInput = z.infer<typeof caseStudyInput>;

export const collectionInput = z.object({
	kind: z.enum(COLLECTION_KINDS, 'bad_request'),
	title,
	description,
	audience
});
export type CollectionInput = z.infer<typeof collectionInput>;

/** A collection's new name (and description). */
export const collectionRenameInput = z.object({ title, description });

/** Moving a collection, or an item within one, one place up or down. */
export const moveDirection = z.enum(['up', 'down'], 'bad_request');

/** The library's filters from the query string: anything unknown means "all", never an error. */
export const libraryFilters = z.object({
	q: z
		.string()
		.catch('')
		.transform((v) =>
			v
				// eslint-disable-next-line no-control-regex -- stripping control characters is the point
				.replace(/[\u0000-\u001F\u007F]/g, ' ')
				.trim()
				.slice(0, SEARCH_MAX)
		)
		.default(''),
	phase: z.enum(RESOURCE_PHASES).optional().catch(undefined),
	instrument: z
		.string()
		.regex(/^[A-Za-z0-9-]{1,40}$/)
		.optional()
		.catch(undefined),
	audience: z.enum(RESOURCE_AUDIENCES).optional().catch(undefined),
	kind: z.enum(RESOURCE_KINDS).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1)
});
export type LibraryFilters = z.infer<typeof libraryFilters>;

/**
 * Words of a search as a tsquery for the 'simple' configuration: letters and digits only, each
 * word a prefix, all required. Null when nothing searchable is left.
 */
export function searchQuery(text: string): string | null {
	const words = text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.slice(0, 12)
		.map((w) => w.slice(0, 60));
	return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
