import { countFields, getTemplate } from '$lib/domain/templates';
import { insertUser } from '$lib/server/auth/local';
import type { Tx } from '$lib/server/db/types';
import { insertPair } from '$lib/server/pairs/commands';

/**
 * Demo data for the coordinator's monitoring charts: fifteen more pairs in the youth programme,
 * spread over its phases and statuses, with meetings held since the start, worksheet progress,
 * logbook submissions (some flagging a difficulty) and exit requests. Dates are relative to the
 * programme's start and today, so the charts show something whatever day the demo is created.
 * With the three pairs of the main seed the programme has 18 pairs: most cells reach the minimum
 * group size of 5, and a few (small phases and statuses, some worksheets, the exit requests) are
 * suppressed, as they would be in a real programme.
 */

/** How many pairs, and people (a mentor and a mentee each), the enrichment adds. */
export const MONITORING_DEMO_PAIRS = 15;
export const MONITORING_DEMO_PEOPLE = 2 * MONITORING_DEMO_PAIRS;

const MENTORS = [
	'Lotte Vermeulen',
	'Pieter De Smet',
	'Sofie Jacobs',
	'Wout Mertens',
	'Nora Dubois',
	'Bram Lambrechts',
	'Ines Hermans',
	'Jonas Wuyts',
	'Marie Van den Broeck',
	'Thomas Pauwels',
	'Elif Yilmaz',
	'Kobe Verstraete',
	'Lien De Backer',
	'Ruben Michiels',
	'Sara Aerts'
];
const MENTEES = [
	'Amira Benali',
	'Lucas Smets',
	'Yasmine Haddou',
	'Milan Verhoeven',
	'Zoë Peeters',
	'Rayan Boukhari',
	'Emma Segers',
	'Noah Claeys',
	'Lina Moens',
	'Arthur Dewulf',
	'Hiba El Idrissi',
	'Seppe Bogaert',
	'Julie Stevens',
	'Adam Mahieu',
	'Fleur Geerts'
];

interface DemoPair {
	phase: 'BR' | 'SD' | 'P' | 'WU';
	status: 'active' | 'paused' | 'exit_requested' | 'ended';
	/** Days after the programme's start of the first planned meeting. */
	offset: number;
	/** Meetings held at most (then the pair stops meeting); all when absent. */
	held?: number;
}

// Phases BR 4, SD 6, P 3, WU 2; statuses active 10, paused 2, exit requested 1, ended 2.
const PAIRS: readonly DemoPair[] = [
	{ phase: 'SD', status: 'active', offset: 0 },
	{ phase: 'SD', status: 'active', offset: 1 },
	{ phase: 'SD', status: 'active', offset: 2 },
	{ phase: 'P', status: 'active', offset: 0 },
	{ phase: 'P', status: 'active', offset: 3 },
	{ phase: 'WU', status: 'active', offset: 1 },
	{ phase: 'WU', status: 'active', offset: 2 },
	// Two active pairs that stopped meeting: the "stalled pairs" list.
	{ phase: 'BR', status: 'active', offset: 4, held: 1 },
	{ phase: 'BR', status: 'active', offset: 6, held: 0 },
	{ phase: 'SD', status: 'active', offset: 3 },
	{ phase: 'SD', status: 'paused', offset: 0, held: 2 },
	{ phase: 'P', status: 'paused', offset: 5, held: 1 },
	{ phase: 'BR', status: 'exit_requested', offset: 2, held: 2 },
	{ phase: 'SD', status: 'ended', offset: 0, held: 1 },
	{ phase: 'BR', status: 'ended', offset: 1, held: 2 }
];

/** Worksheets completed per pair (1-based numbers of PAIRS); a few more are half filled. */
const COMPLETED: Readonly<Record<string, readonly number[]>> = {
	'02-confidentiality': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
	'01-agreement': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
	'03-mutual-presentation': [1, 2, 3, 4, 5, 6, 7, 8],
	'01b-agreement-weeks': [1, 2, 3, 4, 5, 6],
	'role-planning': [1, 2, 3, 4, 10],
	'statements-20': [1, 4, 6]
};
const HALF_FILLED: Readonly<Record<string, readonly number[]>> = {
	'01-agreement': [12, 13, 14, 15],
	'03-mutual-presentation': [9, 10, 11],
	PS1: [1, 2, 3, 5]
};

const DIFFICULTIES = [
	'Moeilijk om een gemeenschappelijk moment te vinden.',
	'De mentee twijfelt over de gekozen studierichting.',
	'Weinig voortgang met het zoeken naar een stageplaats.'
];

const DAY = 86_400_000;
const addDays = (iso: string, days: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const at = (iso: string, hour: number) => `${iso}T${String(hour).padStart(2, '0')}:00:00Z`;

/**
 * Adds the monitoring demo to a programme (the seed's "VM-PRO jongerenmentoring"), in the seed's
 * service-role transaction. Call it once, after the programme's own demo pairs exist. The extra
 * people sign in with `passwordHash` when given; without it they cannot sign in. Does nothing
 * when the demo people already exist.
 */
export async function seedMonitoringDemo(
	tx: Tx,
	programId: string,
	options: { passwordHash?: string } = {}
): Promise<void> {
	const existing = await tx.query(
		"select 1 from public.profiles where email = 'demo-mentor-01@example.org'"
	);
	if (existing.length) return;
	const rows = await tx.query<{ starts_on: string; today: string }>(
		'select starts_on::text as starts_on, current_date::text as today from public.programs where id = $1',
		[programId]
	);
	if (!rows[0]) throw new Error('seedMonitoringDemo: programme not found');
	const { starts_on: start, today } = rows[0];
	const now = Date.now();
	const past = (iso: string, hour: number) => Date.parse(at(iso, hour)) < now;
	// No usable password: argon2 never verifies this, so the account cannot sign in.
	const passwordHash = options.passwordHash ?? '!no-password';

	const pairIds: string[] = [];
	for (const [index, spec] of PAIRS.entries()) {
		const n = String(index + 1).padStart(2, '0');
		const mentorId = await insertUser(
			tx,
			`demo-mentor-${n}@example.org`,
			passwordHash,
			MENTORS[index]
		);
		const menteeId = await insertUser(
			tx,
			`demo-mentee-${n}@example.org`,
			passwordHash,
			MENTEES[index]
		);
		for (const [userId, role] of [
			[mentorId, 'mentor'],
			[menteeId, 'mentee']
		] as const) {
			await tx.query(
				'insert into public.memberships (program_id, user_id, role, created_at) values ($1, $2, $3, $4)',
				[programId, userId, role, at(start, 8)]
			);
		}
		const firstMeetingOn = addDays(start, spec.offset);
		const pairId = await insertPair(tx, { programId, mentorId, menteeId, firstMeetingOn });
		pairIds.push(pairId);
		await tx.query(
			'update public.pairs set phase = $2, status = $3, created_at = $4 where id = $1',
			[pairId, spec.phase, spec.status, at(addDays(start, Math.max(0, spec.offset - 2)), 9)]
		);

		const meetings = await tx.query<{ id: string; number: number; planned_on: string }>(
			'select id, number, planned_on::text as planned_on from public.meetings where pair_id = $1 order by number',
			[pairId]
		);
		let heldCount = 0;
		let lastHeld = firstMeetingOn;
		for (const meeting of meetings) {
			if (spec.held !== undefined && heldCount >= spec.held) break;
			// Now and then a meeting is skipped; otherwise it is held a day or two after the plan.
			if ((index * 7 + meeting.number) % 6 === 0) continue;
			const heldOn = addDays(meeting.planned_on, (index + meeting.number) % 3);
			if (!past(heldOn, 16) || heldOn > today) break;
			heldCount++;
			lastHeld = heldOn;
			await tx.query(
				"update public.meetings set held_at = $2, place = 'Jeugdhuis De Linde' where id = $1",
				[meeting.id, at(heldOn, 16)]
			);
			const submittedOn = addDays(heldOn, 1);
			if (!past(submittedOn, 19)) continue;
			const authors = [
				{ role: 'mentor', id: mentorId, submits: (index + meeting.number) % 5 !== 0 },
				{ role: 'mentee', id: menteeId, submits: (index + meeting.number) % 3 !== 0 }
			];
			for (const author of authors) {
				if (!author.submits) continue;
				const flagged =
					author.role === 'mentor'
						? (index + 2 * meeting.number) % 3 === 0
						: (index + meeting.number) % 4 === 0;
				await tx.query(
					`insert into public.log_submissions
						(pair_id, author_id, author_role, meeting_id, met_on, sheet_used, difficulties,
						 strengthening, difficulty_flag, created_at)
					 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
					[
						pairId,
						author.id,
						author.role,
						meeting.id,
						heldOn,
						meeting.number === 1 ? '03-mutual-presentation' : '04-development-plan',
						flagged ? DIFFICULTIES[(index + meeting.number) % DIFFICULTIES.length] : '',
						'Goed gesprek; we maakten concrete afspraken voor de volgende keer.',
						flagged,
						at(submittedOn, 19)
					]
				);
			}
		}

		if (spec.status === 'exit_requested' || spec.status === 'ended') {
			const requestedOn = addDays(lastHeld, 3);
			const handled = spec.status === 'ended';
			await tx.query(
				`insert into public.exit_requests
					(pair_id, requested_by, requester_role, reason, status, outcome, created_at, handled_at)
				 values ($1, $2, 'mentee', $3, $4, $5, $6, $7)`,
				[
					pairId,
					menteeId,
					'We vinden moeilijk een moment dat voor ons beiden past.',
					handled ? 'handled' : 'open',
					handled ? 'ended' : null,
					at(requestedOn, 10),
					handled ? at(addDays(requestedOn, 2), 10) : null
				]
			);
			if (handled)
				await tx.query('update public.pairs set ended_at = $2 where id = $1', [
					pairId,
					at(addDays(requestedOn, 2), 10)
				]);
		}
	}

	const progress = [
		...Object.entries(COMPLETED).flatMap(([key, list]) =>
			list.map((n) => ({ key, n, full: true }))
		),
		...Object.entries(HALF_FILLED).flatMap(([key, list]) =>
			list.map((n) => ({ key, n, full: false }))
		)
	];
	for (const { key, n, full } of progress) {
		const template = getTemplate(key);
		if (!template) continue;
		const total = countFields(template);
		await tx.query(
			`insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total)
			 select s.id, s.pair_id, s.template_key, $3, $4 from public.sheets s
			 where s.pair_id = $1 and s.template_key = $2
			 on conflict (sheet_id) do nothing`,
			[pairIds[n - 1], key, full ? total : Math.floor(total / 2), total]
		);
	}
}
