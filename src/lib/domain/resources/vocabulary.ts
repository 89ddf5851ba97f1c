/**
 * The resource library's words and limits without its input schemas (index.ts holds them). No
 * zod, so the browser can import it: zod builds its schemas with `new Function`, which the
 * Content-Security-Policy refuses.
 */

export const RESOURCE_KINDS = ['document', 'link', 'case_study'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_AUDIENCES = ['mentor', 'mentee', 'coordinator'] as const;
export type ResourceAudience = (typeof RESOURCE_AUDIENCES)[number];
export const RESOURCE_STATUSES = ['draft', 'submitted', 'published'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
export const RESOURCE_PHASES = ['BR', 'SD', 'P', 'WU', 'MO'] as const;
export type ResourcePhase = (typeof RESOURCE_PHASES)[number];
export const COLLECTION_KINDS = ['training', 'orientation'] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const BODY_MAX = 20_000;
export const URL_MAX = 2000;
export const SEARCH_MAX = 200;
/** Resources per page of the library. */
export const RESOURCE_PAGE_SIZE = 20;
