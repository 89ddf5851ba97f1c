import { z } from 'zod';
import { addYears, hasControlCharacters, isoDate, plainText } from '$lib/domain/input';
import { PROGRAM_ROLES } from '$lib/domain/policy/types';
import {
	PROGRAM_KINDS,
	PROGRAM_DEFAULTS,
	PROGRAM_DATES,
	PROGRAM_NAME_MAX,
	PASSWORD_MIN_LENGTH,
	PASSWORD_MAX_LENGTH,
	PERSON_STATUSES
} from './vocabulary';
export * from './vocabulary';

const programDate = isoDate().refine(
	(v) => v >= PROGRAM_DATES.earliest && v <= PROGRAM_DATES.latest,
	'date_range'
);
const int = (min: number, max: number) =>
	z.coerce.number('whole').int('whole').min(min, 'range').max(max, 'range');

/**
 * A programme as the create/edit form sends it. Issue messages are keys the UI translates
 * ('required', 'date', 'date_range', 'order', 'period_too_long', 'range', 'whole', 'too_long', 'name_too_long',
 * 'control_characters').
 */
export const programInput = z
	.object({
		name: plainText().trim().min(1, 'required').max(PROGRAM_NAME_MAX, 'name_too_long'),
		description: plainText().trim().max(4000, 'too_long').default(''),
		kind: z.enum(PROGRAM_KINDS, 'required'),
		startsOn: programDate,
		endsOn: programDate,
		plannedSessions: int(1, 100).default(PROGRAM_DEFAULTS.plannedSessions),
		cadenceDays: int(1, 365).default(PROGRAM_DEFAULTS.cadenceDays),
		sessionMinutes: int(15, 600).default(PROGRAM_DEFAULTS.sessionMinutes),
		maxMenteesPerMentor: int(1, 10).default(PROGRAM_DEFAULTS.maxMenteesPerMentor),
		minGroupSize: int(2, 100).default(PROGRAM_DEFAULTS.minGroupSize),
		retentionMonths: int(1, 120).default(PROGRAM_DEFAULTS.retentionMonths),
		stallDays: int(3, 365).default(PROGRAM_DEFAULTS.stallDays),
		checkinEveryDays: int(14, 365).default(PROGRAM_DEFAULTS.checkinEveryDays)
	})
	.refine((p) => p.endsOn >= p.startsOn, { message: 'order', path: ['endsOn'] })
	.refine((p) => p.endsOn <= addYears(p.startsOn, PROGRAM_DATES.maxYears), {
		message: 'period_too_long',
		path: ['endsOn']
	});
export type ProgramInput = z.infer<typeof programInput>;

export const emailInput = z
	.string('email')
	.refine((v) => !hasControlCharacters(v), { message: 'email', abort: true })
	.trim()
	.toLowerCase()
	.pipe(z.email('email').max(254, 'too_long'));

export const inviteInput = z.object({
	email: emailInput,
	role: z.enum(PROGRAM_ROLES, 'required')
});

export const roleInput = z.object({
	membershipId: z.uuid('required'),
	role: z.enum(PROGRAM_ROLES, 'required')
});

/** A password typed to prove who one is (sign-in, confirm): whether it is right is the auth's. */
export function typedPassword() {
	return plainText().min(1, 'required').max(PASSWORD_MAX_LENGTH, 'too_long');
}

/**
 * The sign-in form: anything the person may have typed, as long as it can be looked up
 * ('required', 'too_long', 'control_characters'); whether it matches is the auth adapter's.
 */
export const loginInput = z.object({
	email: plainText().trim().min(1, 'required').max(254, 'too_long'),
	password: typedPassword()
});

export const passwordInput = z
	.string('password_short')
	.refine((v) => !hasControlCharacters(v), { message: 'control_characters', abort: true })
	.min(PASSWORD_MIN_LENGTH, 'password_short')
	.max(PASSWORD_MAX_LENGTH, 'too_long');

export const acceptInput = z
	.object({
		displayName: plainText().trim().min(1, 'required').max(120, 'too_long'),
		password: passwordInput,
		confirm: z.string('password_mismatch')
	})
	.refine((v) => v.password === v.confirm, { message: 'password_mismatch', path: ['confirm'] });

/** Turns zod issues into { field: messageKey } for a form. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		out[field] ??= issue.message;
	}
	return out;
}

const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);
/** An optional filter: anything unknown (or empty) means "all", never an error page. */
const optional = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values).optional().catch(undefined);

/** The people list's URL search parameters (`?q=&role=&status=&page=`). */
export const peopleQuery = z.object({
	q: z
		.string()
		.trim()
		.max(200)
		.catch('')
		.transform((v) => (hasControlCharacters(v) ? '' : v)),
	role: optional(PROGRAM_ROLES),
	status: optional(PERSON_STATUSES),
	page: pageNumber
});
export type PeopleQuery = z.infer<typeof peopleQuery>;

/** Reads a zod object's fields from URL search parameters (empty values count as absent). */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of params) if (value !== '' && !(key in out)) out[key] = value;
	return out;
}
