/**
 * The pair page's path section: what it loads and its form actions (propose, answer, withdraw,
 * pause / resume / end), spread into the page's actions so the route stays one line for them.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { memberStatusInput, phaseInput } from '$lib/domain/path-input';
import type { PairRef } from '$lib/domain/policy';
import type { PathState } from '$lib/domain/policy/pair-permissions';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { commandContext, readForm } from '$lib/server/http';
import { DomainError } from '$lib/server/errors';
import { requirePair } from './load';
import {
	answerPhaseProposal,
	getPath,
	proposePhase,
	setStatusAsMember,
	withdrawPhaseProposal
} from './path';

/**
 * The path as the page shows it; what the reader may do with it is in the page's permissions
 * (pairPagePermissions, from `pathState` of this view).
 */
export async function loadPairPath(db: Database, claims: JwtClaims, pair: PairRef) {
	return getPath(db, claims, pair.id);
}

/** The facts of a loaded path that its permissions depend on. */
export function pathState(view: NonNullable<Awaited<ReturnType<typeof getPath>>>): PathState {
	return {
		status: view.status,
		phase: view.phase,
		proposal: view.proposal ? { mine: view.proposal.mine } : null,
		pausedByMe: view.pausedByMe,
		closingStarted: (view.closing?.filled ?? 0) > 0
	};
}

const proposeInput = z.object({ phase: phaseInput });
const answerInput = z.object({ id: z.uuid('required'), confirm: z.enum(['true', 'false']) });
const idInput = z.object({ id: z.uuid('required') });
const statusInput = z.object({ status: memberStatusInput });

async function refused<T>(work: () => Promise<T>) {
	try {
		return await work();
	} catch (e) {
		if (e instanceof DomainError) return fail(e.status, { path: { error: e.key } });
		throw e;
	}
}

export const pathPageActions = {
	pathPropose: async (event: RequestEvent) => {
		const { session, pair } = await requirePair(event, 'open_workspace');
		const form = await readForm(event.request);
		const parsed = proposeInput.safeParse({ phase: form.get('phase') });
		if (!parsed.success) return fail(400, { path: { error: 'path_not_next' } });
		return refused(async () => {
			await proposePhase(event.locals.runtime.db, session.claims, pair, parsed.data.phase);
			return { pathProposed: parsed.data.phase };
		});
	},
	pathAnswer: async (event: RequestEvent) => {
		const { session, pair } = await requirePair(event, 'open_workspace');
		const form = await readForm(event.request);
		const parsed = answerInput.safeParse({ id: form.get('id'), confirm: form.get('confirm') });
		if (!parsed.success) return fail(400, { path: { error: 'bad_request' } });
		return refused(async () => {
			const phase = await answerPhaseProposal(
				commandContext(event, session),
				pair,
				parsed.data.id,
				parsed.data.confirm === 'true'
			);
			return { phase, confirmed: parsed.data.confirm === 'true' };
		});
	},
	pathWithdraw: async (event: RequestEvent) => {
		const { session, pair } = await requirePair(event, 'open_workspace');
		const form = await readForm(event.request);
		const parsed = idInput.safeParse({ id: form.get('id') });
		if (!parsed.success) return fail(400, { path: { error: 'bad_request' } });
		return refused(async () => {
			await withdrawPhaseProposal(event.locals.runtime.db, session.claims, pair, parsed.data.id);
			return { withdrawn: true };
		});
	},
	pathStatus: async (event: RequestEvent) => {
		const { session, pair } = await requirePair(event, 'open_workspace');
		const form = await readForm(event.request);
		const parsed = statusInput.safeParse({ status: form.get('status') });
		if (!parsed.success) return fail(400, { path: { error: 'bad_request' } });
		return refused(async () => {
			await setStatusAsMember(event.locals.runtime.db, session.claims, pair, parsed.data.status);
			// A paused or ended pair is read-only: open sockets on its documents are checked again.
			await event.locals.runtime.onPairChanged(pair.id);
			return { pathStatus: parsed.data.status };
		});
	}
};
