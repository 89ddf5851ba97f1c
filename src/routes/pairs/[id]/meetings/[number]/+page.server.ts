import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { requirePair } from '$lib/server/pairs/load';
import { getMeeting, localTime, meetingInput, updateMeeting } from '$lib/server/pairs/meetings';
import type { Actions, PageServerLoad } from './$types';

const numberOf = (raw: string) => {
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 200) error(404, 'not_found');
	return n;
};

export const load: PageServerLoad = async (event) => {
	const { session, pair } = await requirePair(event, 'plan_meetings');
	const meeting = await getMeeting(
		event.locals.runtime.db,
		session.claims,
		pair.id,
		numberOf(event.params.number)
	);
	if (!meeting) error(404, 'not_found');
	return { pairId: pair.id, meeting, time: localTime(meeting.startsAt) };
};

export const actions: Actions = {
	default: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		const form = await event.request.formData();
		const text = (name: string) => {
			const value = String(form.get(name) ?? '').trim();
			return value === '' ? undefined : value;
		};
		const values = {
			plannedOn: text('plannedOn'),
			time: text('time'),
			durationMinutes: text('durationMinutes'),
			place: text('place') ?? '',
			mode: text('mode'),
			callLink: text('callLink'),
			held: form.get('held') === 'on'
		};
		const parsed = meetingInput.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		await updateMeeting(
			event.locals.runtime.db,
			session.claims,
			pair,
			numberOf(event.params.number),
			parsed.data
		);
		redirect(303, `/pairs/${pair.id}?meeting=saved`);
	}
};
