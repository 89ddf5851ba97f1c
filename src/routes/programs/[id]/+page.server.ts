import { jobStatus } from '$lib/server/jobs/status';
import { REMINDER_SCAN_JOB } from '$lib/server/notifications/jobs';
import { listMyPairs } from '$lib/server/pairs/queries';
import type { PageServerLoad } from './$types';

/**
 * A mentor's or mentee's own pairs in this programme (none yet: they are told what comes next);
 * for a coordinator, the status of the reminders and mails.
 */
export const load: PageServerLoad = async (event) => {
	const { program, myRole } = await event.parent();
	const session = event.locals.session;
	const { db } = event.locals.runtime;
	if (session && myRole === 'coordinator') {
		return { myPairs: [], jobs: await jobStatus(db, program.id, REMINDER_SCAN_JOB) };
	}
	if (!session || (myRole !== 'mentor' && myRole !== 'mentee')) return { myPairs: [], jobs: null };
	const pairs = await listMyPairs(db, session.claims);
	return {
		myPairs: pairs
			.filter((p) => p.programId === program.id)
			.map((p) => ({ id: p.id, partnerName: p.partnerName, myRole: p.myRole, label: p.label })),
		jobs: null
	};
};
