import type {
	CollectionKind,
	ResourceAudience,
	ResourceKind,
	ResourcePhase,
	ResourceStatus
} from '$lib/domain/resources/vocabulary';
import { errorText } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

/** The library's names and error texts in the reader's language. */

const KINDS: Record<ResourceKind, () => string> = {
	document: m.res_kind_document,
	link: m.res_kind_link,
	case_study: m.res_kind_case_study
};
export const resourceKindName = (kind: ResourceKind) => KINDS[kind]();

const AUDIENCES: Record<ResourceAudience, () => string> = {
	mentor: m.res_audience_mentor,
	mentee: m.res_audience_mentee,
	coordinator: m.res_audience_coordinator
};
export const audienceName = (audience: ResourceAudience) => AUDIENCES[audience]();

const STATUSES: Record<ResourceStatus, () => string> = {
	draft: m.res_status_draft,
	submitted: m.res_status_submitted,
	published: m.res_status_published
};
export const statusName = (status: ResourceStatus) => STATUSES[status]();

const PHASES: Record<ResourcePhase, () => string> = {
	BR: m.res_phase_BR,
	SD: m.res_phase_SD,
	P: m.res_phase_P,
	WU: m.res_phase_WU,
	MO: m.res_phase_MO
};
export const phaseName = (phase: ResourcePhase) => PHASES[phase]();
/** A stored phase code as its name ("Relatie bouwen (BR)"); never shows the bare code unless unknown. */
export const phaseLabel = (phase: string) =>
	Object.hasOwn(PHASES, phase) ? PHASES[phase as ResourcePhase]() : phase;

const COLLECTIONS: Record<CollectionKind, () => string> = {
	training: m.res_coll_kind_training,
	orientation: m.res_coll_kind_orientation
};
export const collectionKindName = (kind: CollectionKind) => COLLECTIONS[kind]();

/** An error key of the library (res_…) or a general one, as text. */
export function resourceErrorText(
	key: string | undefined,
	params: Record<string, number> = {}
): string {
	switch (key) {
		case 'res_url':
			return m.res_error_url();
		case 'res_file_required':
			return m.res_error_file_required();
		case 'res_file_empty':
			return m.res_error_file_empty();
		case 'res_file_too_large':
			return m.res_error_file_too_large({ max: params.max ?? 10 });
		case 'res_file_type':
			return m.res_error_file_type();
		case 'res_audience_required':
			return m.res_error_audience_required();
		case 'res_case_locked':
			return m.res_error_case_locked();
		case 'res_not_submitted':
			return m.res_error_not_submitted();
		case 'res_not_organiser':
			return m.res_error_not_organiser();
		default:
			return errorText(key);
	}
}
