import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { pairRole } from '$lib/domain/policy';
import { assignmentPermissions, pairPagePermissions } from '$lib/domain/policy/pair-permissions';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { countFields, getTemplate } from '$lib/domain/templates';
import { todayInProgramZone } from '$lib/domain/time';
import { needsForMentor } from '$lib/server/coordination/intake';
import { commandContext, readForm } from '$lib/server/http';
import {
	assignmentInput,
	createAssignment,
	listPairAssignments,
	markAssignmentDone,
	withdrawAssignment
} from '$lib/server/pairs/assignments';
import { newLessonAction, pairLessonSeries } from '$lib/server/pairs/lesson-actions';
import { requirePair } from '$lib/server/pairs/load';
import {
	callLink,
	getPairCallLink,
	newJitsiRoom,
	programRange,
	setPairCallLink
} from '$lib/server/pairs/meetings';
import { getWorkspace } from '$lib/server/pairs/queries';
import { ensurePairSheets, pairInstruments, pairSeesSheet } from '$lib/server/programs/instruments';
import { loadPairPath, pathPageActions, pathState } from '$lib/server/pairs/path-page';
import { unreadCounts } from '$lib/server/messages';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

const PATH_PHASES = ['BR', 'SD', 'P', 'WU', 'MO'] as const;

export const load: PageServerLoad = async (event) => {
	const { session, actor, pair } = await requirePair(event, 'open_workspace');
	const { db } = event.locals.runtime;
	// Instruments switched on after the pair was made may still need their sheet rows.
	await ensurePairSheets(db, pair.id);
	const [workspace, callLinkUrl, assignments, range, unread, path, instruments, menteeNeeds] =
		await Promise.all([
			getWorkspace(db, session.claims, pair.id),
			getPairCallLink(db, session.claims, pair.id),
			listPairAssignments(db, session.claims, pair.id),
			programRange(db, session.claims, pair.programId),
			unreadCounts(db, session.claims),
			loadPairPath(db, session.claims, pair),
			pairInstruments(db, pair.id),
			needsForMentor(db, session.claims, pair)
		]);
	if (!workspace || !range || !path) error(404, 'not_found');
	const sheetByKey = new Map(workspace.sheets.map((s) => [s.key, s]));
	// The programme's instrument set decides which sheets the pair sees, in its order.
	const phases = PATH_PHASES.map((phase) => ({
		phase,
		sheets: instruments
			.filter((i) => i.phase === phase && sheetByKey.has(i.key))
			.flatMap((i) => {
				const t = getTemplate(i.key);
				if (!t) return [];
				return [
					{
						key: t.key,
						title: t.title,
						filled: sheetByKey.get(t.key)?.filled ?? 0,
						total: sheetByKey.get(t.key)?.total ?? countFields(t),
						signers: t.signers ?? [],
						use: i.use,
						stage: i.stage
					}
				];
			})
	}));
	const visible = new Set(instruments.map((i) => i.key));
	// Lesson observations and co-prepared lessons: one live document per lesson.
	const lessons = await pairLessonSeries(db, session.claims, pair.id, [...visible]);
	const role = pairRole(actor, pair);
	const me = role === 'mentor' ? workspace.mentor : workspace.mentee;
	const permissions = pairPagePermissions(actor, pair, pathState(path));
	const partner = role === 'mentor' ? workspace.mentee : workspace.mentor;
	return {
		pairId: pair.id,
		programName: workspace.pair.programName,
		label: workspace.pair.label,
		programId: pair.programId,
		status: pair.status,
		phase: workspace.pair.phase,
		role,
		me: { id: me.id, name: me.name },
		partner: {
			id: partner.id,
			name: partner.name,
			email: partner.email,
			role: role === 'mentor' ? 'mentee' : 'mentor'
		},
		phases,
		meetings: workspace.meetings,
		today: todayInProgramZone(),
		range,
		callLink: callLinkUrl,
		// Opened from a sheet's "Ask to prepare": that sheet is chosen in the form.
		assignPreset: visible.has(event.url.searchParams.get('assign') ?? '')
			? event.url.searchParams.get('assign')
			: null,
		assignments: assignments.map((assignment) => ({
			...assignment,
			can: assignmentPermissions(permissions, actor.userId, assignment)
		})),
		sheetOptions: phases.flatMap((p) => p.sheets.map((t) => ({ key: t.key, title: t.title }))),
		/** What the page and its cards may offer, from the policy: they re-derive no rule. */
		permissions,
		unreadMessages: unread.byPair[pair.id] ?? 0,
		path,
		/** The mentee's needs questionnaire rounds: the mentor of a teacher-induction pair only. */
		menteeNeeds,
		lessons
	};
};

const idInput = z.object({ id: z.uuid('required') });

export const actions: Actions = {
	...pathPageActions,
	/** A new lesson observation (or co-prepared lesson), opened at once. */
	lesson: newLessonAction,
	/** Saves a pasted call link (or removes it when the field is empty). */
	callLink: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		const form = await readForm(event.request);
		const raw = String(form.get('callLink') ?? '').trim();
		const parsed = callLink().safeParse(raw);
		if (raw !== '' && !parsed.success)
			return fail(400, { callLink: { error: fieldErrors(parsed.error).form, value: raw } });
		await setPairCallLink(
			event.locals.runtime.db,
			session.claims,
			pair,
			raw === '' ? null : (parsed.data ?? null)
		);
		return { callLinkSaved: raw === '' ? 'removed' : 'saved' };
	},
	/** Makes a fresh Jitsi Meet room the pair's link. */
	jitsi: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		await setPairCallLink(event.locals.runtime.db, session.claims, pair, newJitsiRoom());
		return { callLinkSaved: 'saved' };
	},
	assign: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		const form = await readForm(event.request);
		const text = (name: string) => {
			const value = String(form.get(name) ?? '').trim();
			return value === '' ? undefined : value;
		};
		const values = {
			sheetKey: text('sheetKey'),
			assigneeId: text('assigneeId'),
			dueOn: text('dueOn'),
			meetingNumber: text('meetingNumber'),
			note: text('note') ?? ''
		};
		const parsed = assignmentInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { assign: { errors: fieldErrors(parsed.error), values } });
		// Only a sheet the pair sees can be asked for.
		if (!(await pairSeesSheet(event.locals.runtime.db, pair.id, parsed.data.sheetKey)))
			return fail(400, { assign: { errors: { sheetKey: 'instr_switched_off' }, values } });
		try {
			await createAssignment(commandContext(event, session), pair, parsed.data);
		} catch (e) {
			if (e instanceof DomainError && e.code === 'invalid') {
				const field =
					e.key === 'no_such_meeting'
						? 'meetingNumber'
						: e.key === 'not_in_pair'
							? 'assigneeId'
							: 'dueOn';
				return fail(400, { assign: { errors: { [field]: e.key }, values } });
			}
			throw e;
		}
		return { assigned: true };
	},
	/** The assignee marks an assignment done (done=false reopens it). */
	assignmentDone: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		const form = await readForm(event.request);
		const parsed = idInput.safeParse({ id: form.get('id') });
		if (!parsed.success) error(400, 'bad_request');
		try {
			await markAssignmentDone(
				commandContext(event, session),
				pair,
				parsed.data.id,
				form.get('done') !== 'false'
			);
		} catch (e) {
			if (e instanceof DomainError) error(e.status, e.key);
			throw e;
		}
		return { markedDone: form.get('done') !== 'false' };
	},
	withdraw: async (event) => {
		const { session, pair } = await requirePair(event, 'plan_meetings');
		const form = await readForm(event.request);
		const parsed = idInput.safeParse({ id: form.get('id') });
		if (!parsed.success) error(400, 'bad_request');
		try {
			await withdrawAssignment(event.locals.runtime.db, session.claims, pair, parsed.data.id);
		} catch (e) {
			if (e instanceof DomainError) error(e.status, e.key);
			throw e;
		}
		return { withdrawn: true };
	}
};
