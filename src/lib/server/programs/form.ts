import { fieldErrors, programInput, type ProgramInput } from '$lib/domain/programs/schemas';

const FIELDS = [
	'name',
	'description',
	'kind',
	'startsOn',
	'endsOn',
	'plannedSessions',
	'cadenceDays',
	'sessionMinutes',
	'maxMenteesPerMentor',
	'minGroupSize',
	'retentionMonths',
	'stallDays',
	'checkinEveryDays'
] as const;

export type ProgramFormValues = Partial<Record<(typeof FIELDS)[number], string>>;

/** Reads the programme form; empty number fields take their defaults. */
export function parseProgramForm(
	form: FormData
):
	| { ok: true; data: ProgramInput; values: ProgramFormValues }
	| { ok: false; errors: Record<string, string>; values: ProgramFormValues } {
	const values: ProgramFormValues = {};
	for (const field of FIELDS) {
		const value = form.get(field);
		if (typeof value === 'string' && value.trim() !== '') values[field] = value;
	}
	const parsed = programInput.safeParse(values);
	return parsed.success
		? { ok: true, data: parsed.data, values }
		: { ok: false, errors: fieldErrors(parsed.error), values };
}
