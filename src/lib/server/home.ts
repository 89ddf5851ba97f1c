import type { ProgramRole } from '$lib/domain/policy';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { pairSheets, type LocalizedText } from '$lib/domain/templates';
import { listExitRequests } from '$lib/server/coordination/exits';
import { listInbox } from '$lib/server/coordination/inbox';
import {
	intakeFormsFor,
	intakeOverview,
	myIntakeSubmissions
} from '$lib/server/coordination/intake';
import { todayInProgramZone } from '$lib/domain/time';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { myMentorGroups, type MentorGroupSummary } from '$lib/server/mentor-groups';
import { listMyOpenAssignments } from '$lib/server/pairs/assignments';
import { listProgramPairs } from '$lib/server/pairs/oversight';
import { unreadCounts } from '$lib/server/messages/queries';
import {
	listMyPairAgendas,
	listMyPairs,
	type HomeMeeting,
	type MyPair
} from '$lib/server/pairs/queries';
import { listNotifications, type NotificationView } from '$lib/server/notifications/queries';
import { listMyPrograms } from '$lib/server/programs/queries';
import { pairInstruments } from '$lib/server/programs/instruments';
import { listMyGroups, type MyGroup } from '$lib/server/groups/queries';
import { listMeetingPrompts, type MeetingPrompt } from '$lib/server/groups/prompts';

/** A logbook part 2 counts as new for this many days after it was submitted. */
export const RECENT_DAYS = 14;

export interface HomeSheet {
	key: string;
	title: LocalizedText;
	filled: number;
	total: number;
}

export interface HomePair extends MyPair {
	/** The sheets of the pair's current phase, with their progress. */
	phaseSheets: HomeSheet[];
	/** Messages from the partner I have not read. */
	unread: number;
	/** The next meeting not held yet, with its time, place and call link. */
	next: HomeMeeting | null;
	/** Held meetings (last 30 days) whose logbook part 2 I have not submitted. */
	logbookDue: number[];
}

/** A programme the person is mentor or mentee in without a pair yet: what they do next. */
export interface HomeWaiting {
	programId: string;
	programName: string;
	role: 'mentor' | 'mentee';
	/** Intake forms not submitted yet (their keys); empty when the intake is done. */
	intakeMissing: string[];
	/** Youth programmes choose on a matching day instead of being proposed a pair. */
	matchingDay: boolean;
}

/** What needs a coordinator's attention in one programme. */
export interface HomeCoordination {
	programId: string;
	programName: string;
	pairs: number;
	/** Active pairs whose first meeting has no time yet. */
	firstMeetingUnplanned: { id: string; pseudonym: string }[];
	openExits: number;
	newLogbook: number;
	/** Mentors and mentees who submitted no intake form. */
	noIntake: number;
}

/** What needs a supporter's attention in one programme (RLS: only their mentors). */
export interface HomeSupport {
	programId: string;
	programName: string;
	openExits: number;
	newLogbook: number;
}

/** A sheet someone asked the person to prepare (or they noted for themselves), still open. */
export interface HomeAssignment {
	id: string;
	pairId: string;
	sheetKey: string;
	title: LocalizedText;
	dueOn: string;
	meetingNumber: number | null;
	note: string;
	overdue: boolean;
	/** Who asked: the partner's name, or null when the person noted it for themselves. */
	askedBy: string | null;
}

/**
 * The home page's sections, by what the person is. Each section is a list; an empty list is
 * not shown. Later messages and reminders become sections of their own here.
 */
export interface Home {
	pairs: HomePair[];
	waiting: HomeWaiting[];
	coordinating: HomeCoordination[];
	supporting: HomeSupport[];
	/** What to prepare, by due date (overdue first, since they are the oldest). */
	toPrepare: HomeAssignment[];
	/** The person is in no programme at all. */
	noPrograms: boolean;
	/** The learning-community groups the person is in (a link to "My groups"). */
	groups: MyGroup[];
	/** The mentor groups (group mentoring) the person is the mentor or a teacher of. */
	mentorGroups: MentorGroupSummary[];
	/** Group meetings that took place, on which the person has yet to reflect (or decide to share). */
	groupPrompts: MeetingPrompt[];
}

const isRecent = (at: Date, now: Date) =>
	now.getTime() - new Date(at).getTime() <= RECENT_DAYS * 24 * 60 * 60 * 1000;

async function homePairs(
	db: Database,
	claims: JwtClaims,
	pairs: MyPair[],
	now: Date
): Promise<HomePair[]> {
	if (pairs.length === 0) return [];
	const agendas = await listMyPairAgendas(
		db,
		claims,
		pairs.map((p) => p.id),
		now
	);
	const unread = await unreadCounts(db, claims);
	const progress = await db.asUser(claims, (tx) =>
		tx.query<{ pair_id: string; template_key: string; filled: number; total: number }>(
			`select pair_id, template_key, filled, total from public.sheet_progress
			 where pair_id = any($1::uuid[])`,
			[pairs.map((p) => p.id)]
		)
	);
	// Each pair sees its programme's instrument set (and sheets with content), in its order.
	const visible = new Map<string, string[]>();
	for (const pair of pairs) {
		visible.set(
			pair.id,
			(await pairInstruments(db, pair.id)).filter((i) => i.phase === pair.phase).map((i) => i.key)
		);
	}
	return pairs.map((pair) => ({
		...pair,
		unread: unread.byPair[pair.id] ?? 0,
		next: agendas.get(pair.id)?.nextMeeting ?? null,
		logbookDue: pair.status === 'ended' ? [] : (agendas.get(pair.id)?.logbookDue ?? []),
		phaseSheets: (visible.get(pair.id) ?? [])
			.flatMap((key) => pairSheets.filter((t) => t.key === key))
			.map((t) => {
				const row = progress.find((r) => r.pair_id === pair.id && r.template_key === t.key);
				return { key: t.key, title: t.title, filled: row?.filled ?? 0, total: row?.total ?? 0 };
			})
	}));
}

/** Everything the home page shows for the signed-in person, composed from the domain queries. */
export async function loadHome(db: Database, claims: JwtClaims, now = new Date()): Promise<Home> {
	const programs = await listMyPrograms(db, claims);
	const myPairs = await listMyPairs(db, claims);
	const mentorGroups = await myMentorGroups(db, claims);
	const pairs = await homePairs(db, claims, myPairs, now);
	const waiting: HomeWaiting[] = [];
	const coordinating: HomeCoordination[] = [];
	const supporting: HomeSupport[] = [];
	for (const program of programs) {
		const role: ProgramRole = program.myRole;
		if (role === 'mentor' || role === 'mentee') {
			if (myPairs.some((p) => p.programId === program.id)) continue;
			// A mentor group's people are mentored in their group; they wait for no pair.
			if (mentorGroups.some((g) => g.programId === program.id)) continue;
			// A learning community's participants work in groups; nobody waits for a pair there.
			if (program.kind === 'learning_community') continue;
			const submitted = new Set(
				(await myIntakeSubmissions(db, claims, program.id)).map((s) => s.formKey)
			);
			waiting.push({
				programId: program.id,
				programName: program.name,
				role,
				intakeMissing: intakeFormsFor(program.kind as ProgramKind, role)
					.map((t) => t.key)
					.filter((key) => !submitted.has(key)),
				matchingDay: program.kind === 'youth'
			});
		} else if (role === 'coordinator') {
			const programPairs = await listProgramPairs(db, claims, program.id);
			const exits = await listExitRequests(db, claims, program.id);
			const inbox = await listInbox(db, claims, program.id);
			const { people } = await intakeOverview(db, claims, program.id);
			coordinating.push({
				programId: program.id,
				programName: program.name,
				pairs: programPairs.filter((p) => p.status !== 'proposed').length,
				firstMeetingUnplanned: programPairs
					.filter((p) => p.status === 'active' && !p.firstMeeting?.startsAt)
					.map((p) => ({ id: p.id, pseudonym: p.pseudonym })),
				openExits: exits.filter((e) => e.status === 'open').length,
				newLogbook: inbox.filter((e) => isRecent(e.createdAt, now)).length,
				noIntake: people.filter((p) => Object.keys(p.forms).length === 0).length
			});
		} else if (role === 'supporter') {
			const exits = await listExitRequests(db, claims, program.id);
			const inbox = await listInbox(db, claims, program.id, { role: 'mentor' });
			supporting.push({
				programId: program.id,
				programName: program.name,
				openExits: exits.filter((e) => e.status === 'open').length,
				newLogbook: inbox.filter((e) => isRecent(e.createdAt, now)).length
			});
		}
	}
	const today = todayInProgramZone(now);
	const partners = new Map(myPairs.map((p) => [p.id, p.partnerName]));
	const toPrepare = (await listMyOpenAssignments(db, claims)).map((a) => ({
		id: a.id,
		pairId: a.pairId,
		sheetKey: a.sheetKey,
		title: pairSheets.find((t) => t.key === a.sheetKey)?.title ?? {
			nl: a.sheetKey,
			en: a.sheetKey
		},
		dueOn: a.dueOn,
		meetingNumber: a.meetingNumber,
		note: a.note,
		overdue: a.dueOn < today,
		askedBy: a.createdBy === claims.sub ? null : (partners.get(a.pairId) ?? null)
	}));
	const groups = await listMyGroups(db, claims);
	const groupPrompts = groups.length ? await listMeetingPrompts(db, claims) : [];
	return {
		pairs,
		waiting,
		coordinating,
		supporting,
		toPrepare,
		noPrograms: programs.length === 0,
		groups,
		mentorGroups,
		groupPrompts
	};
}

/** Whether the person is mentor or mentee of a pair (the navigation shows their workspace). */
export async function hasPair(db: Database, claims: JwtClaims): Promise<boolean> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ found: boolean }>(
			`select exists (select 1 from public.pairs
				where (mentor_id = $1 or mentee_id = $1) and status <> 'proposed') as found`,
			[claims.sub]
		)
	);
	return rows[0]?.found ?? false;
}

/** How many unread notifications the home page's card lists. */
export const HOME_NOTIFICATIONS = 5;

/** The home page's notifications card: the newest unread ones and how many there are. */
export async function homeNotifications(
	db: Database,
	claims: JwtClaims,
	locale: string
): Promise<{ items: NotificationView[]; unread: number }> {
	const list = await listNotifications(db, claims, locale, {
		unreadOnly: true,
		limit: HOME_NOTIFICATIONS
	});
	return { items: list.items, unread: list.unread };
}
