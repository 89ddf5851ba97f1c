import { m } from '$lib/paraglide/messages.js';
import type { ProgramRole } from '$lib/domain/policy/types';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { PROGRAM_TIME_ZONE } from '$lib/domain/time';

export { errorText, hasErrorText } from './error-text';

const ROLES: Record<ProgramRole, () => string> = {
	coordinator: m.role_coordinator,
	supporter: m.role_supporter,
	mentor: m.role_mentor,
	mentee: m.role_mentee,
	observer: m.role_observer
};
export const roleName = (role: ProgramRole) => ROLES[role]();

const KINDS: Record<ProgramKind, () => string> = {
	school_leader: m.kind_school_leader,
	teacher_induction: m.kind_teacher_induction,
	youth: m.kind_youth,
	learning_community: m.kind_learning_community
};
export const kindName = (kind: ProgramKind) => KINDS[kind]();

/** A calendar date ('YYYY-MM-DD') in the reader's language, without time-zone shifts. */
export function formatDate(iso: string, locale: string): string {
	const [y, mo, d] = iso.split('-').map(Number);
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-BE', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y, mo - 1, d)));
}

const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
	new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-BE', {
		...options,
		timeZone: PROGRAM_TIME_ZONE
	});

/** The hour and minute of a moment, in the programme's time zone (same on server and browser). */
export function formatTime(value: Date | string, locale: string): string {
	return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		new Date(value)
	);
}

/** Date and time of a moment, in the programme's time zone. */
export function formatDateTime(value: Date | string, locale: string): string {
	return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
		new Date(value)
	);
}

const PHASES = {
	BR: m.path_phase_BR,
	SD: m.path_phase_SD,
	P: m.path_phase_P,
	WU: m.path_phase_WU,
	MO: m.path_phase_MO
} as const;
export const phaseName = (phase: keyof typeof PHASES) => PHASES[phase]();

const PAIR_STATUSES = {
	proposed: m.pair_status_proposed,
	active: m.pair_status_active,
	paused: m.pair_status_paused,
	exit_requested: m.pair_status_exit_requested,
	ended: m.pair_status_ended
} as const;
export const pairStatusName = (status: keyof typeof PAIR_STATUSES) => PAIR_STATUSES[status]();
