import { DEVELOPMENT_PLAN_KEY } from '../templates/keys';
import type { Signer } from '../templates/types';
import { can } from './index';
import { pairRole, type PairRef } from './pairs';
import type { Actor } from './types';

/** What the sheet page may offer a person, computed once on the server from the policy. */
export interface SheetPermissions {
	readonly view: boolean;
	/** Type in the sheet (the socket is opened for writing). */
	readonly edit: boolean;
	/** Write review comments and answer them (they live in the sheet's document). */
	readonly comment: boolean;
	/** Sign it now: a signer of this template, the pair writable, the sheet still open. */
	readonly sign: boolean;
	/** Copy marked fields, or growth wishes as goals, into the development plan (04). */
	readonly copyToPlan: boolean;
}

/**
 * The sheet page's permissions for `actor`, so the page never re-derives a rule. `sheet.status`
 * is the sheet row's ('open' until completed); `signers` the template's.
 */
export function sheetPermissions(
	actor: Actor,
	pair: PairRef,
	sheet: { readonly key: string; readonly status: string },
	signers: readonly Signer[] = []
): SheetPermissions {
	const entity = { type: 'sheet', pair, templateKey: sheet.key } as const;
	const edit = can(actor, 'edit', entity);
	const role = pairRole(actor, pair);
	return {
		view: can(actor, 'view', entity),
		edit,
		comment: edit,
		sign:
			role !== null &&
			signers.includes(role) &&
			sheet.status === 'open' &&
			can(actor, 'sign', entity),
		copyToPlan: edit && sheet.key !== DEVELOPMENT_PLAN_KEY
	};
}
