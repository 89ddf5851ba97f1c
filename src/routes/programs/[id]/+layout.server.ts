import { programPermissions, requireProgram } from '$lib/server/programs/load';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { actor, program } = await requireProgram(event);
	return {
		program,
		myRole: actor.programRoles[program.id],
		permissions: programPermissions(actor, program)
	};
};
