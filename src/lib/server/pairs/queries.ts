import type { PairRef, PairStatus } from '$lib/domain/policy';
import { countFields, getTemplate } from '$lib/domain/templates';
import { isUuid } from '$lib/server/db/transaction';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { PathPhase } from '$lib/domain/phases';
import { todayInProgramZone } from '$lib/domain/time';
import { pairInstruments } from '$lib/server/programs/instruments';
import { effectiveCallLink } from './meetings';

interface PairRow {
	id: string;
	program_id: string;
	mentor_id: string;
	mentee_id: string;
	supporter_id: string | null;
	status: PairStatus;
	evaluator_ids?: string[];
}

const toRef = (row: PairRow): PairRef => ({
	id: row.id,
	programId: row.program_id,
	mentorId: row.mentor_id,
	menteeId: row.mentee_id,
	supporterId: row.supporter_id,
	status: row.status,
	evaluatorIds: row.evaluator_ids ?? []
});

/**
 * The facts the policy needs about a pair, read as the service: the policy, not RLS, decides
 * what the caller may do with them (the WebSocket handshake and route guards use this).
 */
export async function loadPairRef(db: Database, pairId: string): Promise<PairRef | null> {
	// From a URL: anything but a UUID would make the query fail instead of find nothing.
	if (!isUuid(pairId)) return null;
	const rows = await db.asService((tx) =>
		tx.query<PairRow>(
			`select p.id, p.program_id, p.mentor_id, p.mentee_id, p.supporter_id, p.status,
				array(select e.evaluator_id from public.teacher_evaluators e
					where e.program_id = p.program_id and e.teacher_id = p.mentee_id) as evaluator_ids
			 from public.pairs p where p.id = $1`,
			[pairId]
		)
	);
	return rows[0] ? toRef(rows[0]) : null;
}

export interface MyPair {
	id: string;
	programId: string;
	programName: string;
	pseudonym: string;
	status: PairStatus;
	phase: PathPhase;
	myRole: 'mentor' | 'mentee';
	/** What the coordinator calls this pair ("vakmentor"), for a teacher with more than one mentor. */
	label: string | null;
	partnerName: string;
	partnerEmail: string;
	filled: number;
	total: number;
	/** The first meeting from today on that is not held yet ('YYYY-MM-DD', Brussels). */
	nextMeeting: string | null;
	/** Meetings whose date has passed but that nobody marked as held. */
	unmarkedMeetings: number;
}

export async function listMyPairs(db: Database, claims: JwtClaims): Promise<MyPair[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<MyPair>(
			`select p.id, p.program_id as "programId", pr.name as "programName", p.pseudonym, p.status, p.phase,
				case when p.mentor_id = $1 then 'mentor' else 'mentee' end as "myRole", p.label,
				coalesce(partner.display_name, '') as "partnerName", coalesce(partner.email, '') as "partnerEmail",
				coalesce((select sum(sp.filled) from public.sheet_progress sp where sp.pair_id = p.id), 0)::int as filled,
				coalesce((select sum(sp.total) from public.sheet_progress sp where sp.pair_id = p.id), 0)::int as total,
				(select min(m.planned_on)::text from public.meetings m
					where m.pair_id = p.id and m.held_at is null and m.planned_on >= $2::date) as "nextMeeting",
				(select count(*)::int from public.meetings m
					where m.pair_id = p.id and m.held_at is null and m.planned_on < $2::date) as "unmarkedMeetings"
			 from public.pairs p
			 join public.programs pr on pr.id = p.program_id
			 left join public.profiles partner on partner.id = case when p.mentor_id = $1 then p.mentee_id else p.mentor_id end
			 where (p.mentor_id = $1 or p.mentee_id = $1) and p.status <> 'proposed'
			 order by pr.name, p.pseudonym`,
			[claims.sub, todayInProgramZone()]
		)
	);
	// A pair's progress is counted against the fields of the sheets it sees (its programme's set).
	const totals = new Map<string, number>();
	for (const row of rows) {
		const sheets = await pairInstruments(db, row.id);
		totals.set(
			row.id,
			sheets.reduce((n, i) => {
				const template = getTemplate(i.key);
				return n + (template ? countFields(template) : 0);
			}, 0)
		);
	}
	return rows.map((row) => ({ ...row, total: totals.get(row.id) ?? 0 }));
}

/** The next meeting of a pair as the home page shows it: when, where and how to join. */
export interface HomeMeeting {
	number: number;
	plannedOn: string;
	startsAt: Date | null;
	mode: 'face_to_face' | 'online';
	place: string;
	/** The meeting's own call link, else the pair's default; null for face to face. */
	callLink: string | null;
}

/** Per pair: the next meeting in detail, and the held meetings whose logbook part 2 I still owe. */
export interface PairAgenda {
	nextMeeting: HomeMeeting | null;
	/** Numbers of meetings held in the last 30 days without my logbook part 2. */
	logbookDue: number[];
}

/**
 * The agenda of each of my pairs (RLS: only my own pairs' meetings are visible). The logbook
 * window matches the reminder's (30 days), without its two days' grace: the home shows it at once.
 */
export async function listMyPairAgendas(
	db: Database,
	claims: JwtClaims,
	pairIds: string[],
	now = new Date()
): Promise<Map<string, PairAgenda>> {
	const agendas = new Map<string, PairAgenda>(
		pairIds.map((id) => [id, { nextMeeting: null, logbookDue: [] }])
	);
	if (pairIds.length === 0) return agendas;
	const [next, due] = await db.asUser(
		claims,
		async (tx) =>
			[
				await tx.query<{
					pairId: string;
					number: number;
					plannedOn: string;
					startsAt: Date | null;
					mode: 'face_to_face' | 'online';
					place: string;
					callLink: string | null;
					pairCallLink: string | null;
				}>(
					`select distinct on (m.pair_id) m.pair_id as "pairId", m.number, m.planned_on::text as "plannedOn",
				m.starts_at as "startsAt", m.mode, m.place, m.call_link as "callLink", l.url as "pairCallLink"
			 from public.meetings m
			 left join public.pair_call_links l on l.pair_id = m.pair_id
			 where m.pair_id = any($1::uuid[]) and m.held_at is null and m.planned_on >= $2::date
			 order by m.pair_id, m.planned_on, m.number`,
					[pairIds, todayInProgramZone(now)]
				),
				await tx.query<{ pairId: string; number: number }>(
					`select m.pair_id as "pairId", m.number
			 from public.meetings m
			 where m.pair_id = any($1::uuid[]) and m.held_at is not null
				and m.held_at > $2::timestamptz - interval '30 days'
				and not exists (
					select 1 from public.log_submissions s
					where s.pair_id = m.pair_id and s.author_id = $3
						and (s.meeting_id = m.id or s.met_on = (m.held_at at time zone 'Europe/Brussels')::date)
				)
			 order by m.pair_id, m.number`,
					[pairIds, now, claims.sub]
				)
			] as const
	);
	for (const row of next) {
		const { pairId, pairCallLink, ...meeting } = row;
		agendas.get(pairId)!.nextMeeting = {
			...meeting,
			callLink: effectiveCallLink({ mode: meeting.mode, callLink: meeting.callLink, pairCallLink })
		};
	}
	for (const row of due) agendas.get(row.pairId)!.logbookDue.push(row.number);
	return agendas;
}

export interface WorkspaceSheet {
	id: string;
	key: string;
	docName: string;
	templateVersion: number;
	status: 'open' | 'completed';
	filled: number;
	total: number;
}

export interface Meeting {
	id: string;
	number: number;
	plannedOn: string | null;
	startsAt: Date | null;
	durationMinutes: number;
	place: string;
	mode: 'face_to_face' | 'online';
	callLink: string | null;
	heldAt: Date | null;
}

export interface Workspace {
	pair: PairRef & {
		pseudonym: string;
		phase: PathPhase;
		programName: string;
		label: string | null;
	};
	mentor: { id: string; name: string; email: string };
	mentee: { id: string; name: string; email: string };
	sheets: WorkspaceSheet[];
	meetings: Meeting[];
}

/** A pair's workspace as one of its two people sees it (RLS: only they can read the sheets). */
export async function getWorkspace(
	db: Database,
	claims: JwtClaims,
	pairId: string
): Promise<Workspace | null> {
	return db.asUser(claims, async (tx) => {
		const pairs = await tx.query<
			PairRow & { pseudonym: string; phase: PathPhase; program_name: string; label: string | null }
		>(
			`select p.id, p.program_id, p.mentor_id, p.mentee_id, p.supporter_id, p.status, p.pseudonym, p.phase,
				pr.name as program_name, p.label
			 from public.pairs p join public.programs pr on pr.id = p.program_id
			 where p.id = $1 and public.my_pair_role(p.id) is not null`,
			[pairId]
		);
		const row = pairs[0];
		if (!row) return null;
		const people = await tx.query<{ id: string; name: string; email: string }>(
			'select id, display_name as name, email from public.profiles where id = any($1::uuid[])',
			[[row.mentor_id, row.mentee_id]]
		);
		const person = (id: string) => people.find((p) => p.id === id) ?? { id, name: '—', email: '' };
		const sheets = await tx.query<WorkspaceSheet>(
			`select s.id, s.template_key as key, s.doc_name as "docName", s.template_version as "templateVersion",
				s.status, coalesce(sp.filled, 0) as filled, coalesce(sp.total, 0) as total
			 from public.sheets s left join public.sheet_progress sp on sp.sheet_id = s.id
			 where s.pair_id = $1`,
			[pairId]
		);
		const meetings = await tx.query<Meeting>(
			`select id, number, planned_on::text as "plannedOn", starts_at as "startsAt",
				duration_minutes as "durationMinutes", place, mode, call_link as "callLink", held_at as "heldAt"
			 from public.meetings where pair_id = $1 order by number`,
			[pairId]
		);
		return {
			pair: {
				...toRef(row),
				pseudonym: row.pseudonym,
				phase: row.phase,
				programName: row.program_name,
				label: row.label
			},
			mentor: person(row.mentor_id),
			mentee: person(row.mentee_id),
			sheets,
			meetings
		};
	});
}

/** The names a sheet's text fills its blanks with (sheet 02's "[Organisatie]"). */
export async function programmeNames(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<{ programme: string; organisation: string } | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ programme: string; organisation: string | null }>(
			`select p.name as programme, o.name as organisation
			 from public.programs p left join public.organisations o on o.id = p.organisation_id
			 where p.id = $1`,
			[programId]
		)
	);
	const row = rows[0];
	return row ? { programme: row.programme, organisation: row.organisation ?? '' } : null;
}
