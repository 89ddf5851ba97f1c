import { listMyPairs } from '$lib/server/pairs/queries';
import type { PageServerLoad } from './$types';

/** A mentor's or mentee's own pairs in this programme (none yet: they are told what comes next). */
export const load: PageServerLoad = async (event) => {
	const { program, myRole } = await event.parent();
	const session = event.locals.session;
	if (!session || (myRole !== 'mentor' && myRole !== 'mentee')) return { myPairs: [] };
	const pairs = await listMyPairs(event.locals.runtime.db, session.claims);
	return {
		myPairs: pairs
			.filter((p) => p.programId === program.id)
			.map((p) => ({ id: p.id, partnerName: p.partnerName, myRole: p.myRole }))
	};
};
