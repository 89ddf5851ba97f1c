import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { requirePair } from '$lib/server/pairs/load';
import {
	effectiveCallLink,
	getMeeting,
	localTime,
	meetingInput,
	meetingNumberOf,
	programRange,
	updateMeeting
} from '$lib/server/pairs/meetings';
import { DomainError } from '$lib/server/errors';
import { commandContext, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const numberOf = (raw: string) => meetingNumberOf(raw) ?? error(404, 'not_found');

export const load: PageServerLoad = async (event) => {
	const { session, pair } = await requirePair(event, 'plan_meetings');
	const { db } = event.locals.runtime;
	const [meeting, range] = await Promise.all([
		getMeeting(db, session.claims, pair.id, numberOf(event.params.number)),
		programRange(db, session.claims, pair.programId)
	]);
	if (!meeting || !range) error(404, 'not_found');
	return {
		pairId: pair.id,
		meeting,
		range,
		time: localTime(meeting.startsAt),
		joinLink: effectiveCallLink(meeting)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		const form = await readForm(event.request);
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
		try {
			await updateMeeting(
				commandContext(event, session),
				pair,
				numberOf(event.params.number),
				parsed.data
			);
		} catch (e) {
			if (e instanceof DomainError && e.key === 'meeting_outside_programme')
				return fail(400, { errors: { plannedOn: e.key }, values });
			// A number the pair has no meeting for (e.g. 99 of 10).
			if (e instanceof DomainError) error(e.status, e.key);
			throw e;
		}
		redirect(303, `/pairs/${pair.id}?meeting=saved`);
	}
};
