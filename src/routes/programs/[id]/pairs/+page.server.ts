import { fail } from '@sveltejs/kit';
import {
	evaluatorSchema,
	manualPairSchema,
	mentorPoolSchema,
	pairLabelSchema,
	removeEvaluatorSchema
} from '$lib/domain/programs/mentor-models-input';
import {
	addEvaluator,
	addPairByHand,
	loadMentorModels,
	removeEvaluator,
	setMentorPool,
	setPairLabel
} from '$lib/server/coordination/mentor-models';
import { listProgramPairs } from '$lib/server/pairs/oversight';
import { requireProgram } from '$lib/server/programs/load';
import { domainFailure, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	// The programme's coordinators only ('view_people'), who also set the mentor models.
	const { session, program } = await requireProgram(event, 'view_people');
	const { db } = event.locals.runtime;
	return {
		pairs: await listProgramPairs(db, session.claims, program.id),
		models: await loadMentorModels(db, session.claims, program.id)
	};
};

/** The first issue's key as the form's error (the schemas' messages are translation keys). */
const firstIssue = (error: { issues: { message: string }[] }) =>
	error.issues[0]?.message ?? 'required';

async function editing(event: RequestEvent) {
	const { session, program } = await requireProgram(event, 'edit');
	const form = await readForm(event.request);
	const value = (name: string) => form.get(name) ?? undefined;
	return { db: event.locals.runtime.db, claims: session.claims, programId: program.id, value };
}

export const actions: Actions = {
	pool: async (event) => {
		const { db, claims, programId, value } = await editing(event);
		const parsed = mentorPoolSchema.safeParse({ pool: value('pool') });
		if (!parsed.success) return fail(400, { form: 'pool', error: firstIssue(parsed.error) });
		try {
			await setMentorPool(db, claims, programId, parsed.data.pool === 'on');
		} catch (e) {
			return domainFailure(e, (error) => ({ form: 'pool', error }));
		}
		return { form: 'pool', saved: true };
	},
	pair: async (event) => {
		const { db, claims, programId, value } = await editing(event);
		const parsed = manualPairSchema.safeParse({
			menteeId: value('menteeId'),
			mentorId: value('mentorId'),
			label: value('label') ?? ''
		});
		if (!parsed.success) return fail(400, { form: 'pair', error: firstIssue(parsed.error) });
		try {
			await addPairByHand(db, claims, { programId, ...parsed.data });
		} catch (e) {
			return domainFailure(e, (error) => ({ form: 'pair', error }));
		}
		return { form: 'pair', saved: true };
	},
	label: async (event) => {
		const { db, claims, programId, value } = await editing(event);
		const parsed = pairLabelSchema.safeParse({
			pairId: value('pairId'),
			label: value('label') ?? ''
		});
		if (!parsed.success) return fail(400, { form: 'label', error: firstIssue(parsed.error) });
		try {
			await setPairLabel({ db, claims }, programId, parsed.data.pairId, parsed.data.label);
		} catch (e) {
			return domainFailure(e, (error) => ({ form: 'label', error }));
		}
		return { form: 'label', saved: true };
	},
	evaluator: async (event) => {
		const { db, claims, programId, value } = await editing(event);
		const parsed = evaluatorSchema.safeParse({
			evaluatorId: value('evaluatorId'),
			teacherId: value('teacherId')
		});
		if (!parsed.success) return fail(400, { form: 'evaluator', error: firstIssue(parsed.error) });
		try {
			await addEvaluator(db, claims, programId, parsed.data);
		} catch (e) {
			return domainFailure(e, (error) => ({ form: 'evaluator', error }));
		}
		return { form: 'evaluator', saved: true };
	},
	unevaluator: async (event) => {
		const { db, claims, programId, value } = await editing(event);
		const parsed = removeEvaluatorSchema.safeParse({ id: value('id') });
		if (!parsed.success) return fail(400, { form: 'evaluator', error: firstIssue(parsed.error) });
		try {
			await removeEvaluator(db, claims, programId, parsed.data.id);
		} catch (e) {
			return domainFailure(e, (error) => ({ form: 'evaluator', error }));
		}
		return { form: 'evaluator', removed: true };
	}
};
