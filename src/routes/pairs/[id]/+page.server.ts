import { error } from '@sveltejs/kit';
import { can, pairRole } from '$lib/domain/policy';
import { countFields, pairSheets } from '$lib/domain/templates';
import { todayInProgramZone } from '$lib/domain/time';
import { requirePair } from '$lib/server/pairs/load';
import { getWorkspace } from '$lib/server/pairs/queries';
import { unreadCounts } from '$lib/server/messages';
import type { PageServerLoad } from './$types';

const PATH_PHASES = ['BR', 'SD', 'P', 'WU', 'MO'] as const;

export const load: PageServerLoad = async (event) => {
	const { session, actor, pair } = await requirePair(event, 'open_workspace');
	const [workspace, unread] = await Promise.all([
		getWorkspace(event.locals.runtime.db, session.claims, pair.id),
		unreadCounts(event.locals.runtime.db, session.claims)
	]);
	if (!workspace) error(404, 'not_found');
	const sheetByKey = new Map(workspace.sheets.map((s) => [s.key, s]));
	const phases = PATH_PHASES.map((phase) => ({
		phase,
		sheets: pairSheets
			.filter((t) => t.phase === phase)
			.map((t) => ({
				key: t.key,
				title: t.title,
				filled: sheetByKey.get(t.key)?.filled ?? 0,
				total: sheetByKey.get(t.key)?.total ?? countFields(t),
				signers: t.signers ?? []
			}))
	}));
	const role = pairRole(actor, pair);
	const partner = role === 'mentor' ? workspace.mentee : workspace.mentor;
	return {
		pairId: pair.id,
		programName: workspace.pair.programName,
		status: pair.status,
		phase: workspace.pair.phase,
		role,
		partner: {
			name: partner.name,
			email: partner.email,
			role: role === 'mentor' ? 'mentee' : 'mentor'
		},
		phases,
		meetings: workspace.meetings,
		today: todayInProgramZone(),
		canPlan: can(actor, 'plan_meetings', { type: 'pair', pair }),
		unreadMessages: unread.byPair[pair.id] ?? 0
	};
};
