import type { CheckinAnswer } from '$lib/domain/care';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { notifyInTx } from '$lib/server/notifications/notify';
import { DomainError } from '$lib/server/errors';

/**
 * Check-ins: the evaluation forms of agreement 01 as two questions on a scale and a comment.
 * The scan (a reminder scan of the job runner) sends them; the respondent answers once; nobody
 * else reads an answer (row-level security), the coordinator sees only `summary.ts`.
 */

export type CheckinOccasion = 'first' | 'periodic' | 'end';

/**
 * Sends the check-ins that are due, each once: after the pair's first held meeting ('first'),
 * then every `checkin_every_days` counted from it ('periodic', round 1, 2 …) and when the pair
 * ended (within 30 days). Only the current occasion of a pair is sent, so a pair that met long
 * ago gets one check-in, not a backlog. The unique (pair, person, occasion, round) and the
 * notification key make a second run, or a second instance, send nothing again.
 */
export async function checkinScan(tx: Tx, now: Date): Promise<number> {
	const rows = await tx.query<{
		id: string;
		pairId: string;
		programId: string;
		respondentId: string;
	}>(
		`with due as (
			select p.id as pair_id, p.program_id, p.mentor_id, p.mentee_id, p.phase,
				case when p.status = 'ended' then 'end'
					when k.rounds >= 1 then 'periodic' else 'first' end as occasion,
				case when p.status = 'ended' then 0 else k.rounds end as round
			from public.pairs p
			join public.programs g on g.id = p.program_id
			cross join lateral (
				select min(m.held_at) as held from public.meetings m
				where m.pair_id = p.id and m.held_at <= $1::timestamptz
			) f
			cross join lateral (
				select floor(extract(epoch from ($1::timestamptz - f.held)) / 86400
					/ g.checkin_every_days)::integer as rounds
			) k
			where f.held is not null
				and (p.status in ('active', 'exit_requested')
					or (p.status = 'ended'
						and coalesce(p.ended_at, p.updated_at) > $1::timestamptz - interval '30 days'))
		)
		insert into public.checkins
			(program_id, pair_id, respondent_id, respondent_role, occasion, round, phase, sent_at)
		select d.program_id, d.pair_id, person.id, person.role, d.occasion, d.round, d.phase, $1
		from due d
		cross join lateral (values (d.mentor_id, 'mentor'), (d.mentee_id, 'mentee')) as person (id, role)
		where private.member_role(d.program_id, person.id) = person.role
		on conflict (pair_id, respondent_id, occasion, round) do nothing
		returning id, pair_id as "pairId", program_id as "programId", respondent_id as "respondentId"`,
		[now]
	);
	for (const row of rows) {
		await notifyInTx(tx, {
			kind: 'checkin_due',
			recipients: [row.respondentId],
			programId: row.programId,
			pairId: row.pairId,
			link: `/checkins/${row.id}`,
			key: `checkin:${row.id}`
		});
	}
	return rows.length;
}

export interface Checkin {
	id: string;
	pairId: string;
	programName: string;
	partnerName: string;
	occasion: CheckinOccasion;
	round: number;
	sentAt: string;
	answeredAt: string | null;
	satisfaction: number | null;
	progress: number | null;
	comment: string;
}

const CHECKIN_COLUMNS = `c.id, c.pair_id as "pairId", g.name as "programName",
	coalesce(partner.display_name, '') as "partnerName", c.occasion, c.round,
	c.sent_at as "sentAt", c.answered_at as "answeredAt", c.satisfaction, c.progress, c.comment`;

const CHECKIN_FROM = `from public.checkins c
	join public.programs g on g.id = c.program_id
	join public.pairs p on p.id = c.pair_id
	left join public.profiles partner
		on partner.id = case when c.respondent_role = 'mentor' then p.mentee_id else p.mentor_id end`;

const toIso = (value: Date | string | null) =>
	value === null ? null : new Date(value).toISOString();

function shape(
	row: Omit<Checkin, 'sentAt' | 'answeredAt'> & { sentAt: Date; answeredAt: Date | null }
): Checkin {
	return { ...row, sentAt: toIso(row.sentAt) ?? '', answeredAt: toIso(row.answeredAt) };
}

/** One of my check-ins (row-level security: only the respondent reads it), or null. */
export async function getCheckin(
	db: Database,
	claims: JwtClaims,
	id: string
): Promise<Checkin | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Parameters<typeof shape>[0]>(
			`select ${CHECKIN_COLUMNS} ${CHECKIN_FROM} where c.id = $1`,
			[id]
		)
	);
	return rows[0] ? shape(rows[0]) : null;
}

/** My check-ins, open ones first, then the most recent (at most 50). */
export async function listMyCheckins(db: Database, claims: JwtClaims): Promise<Checkin[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Parameters<typeof shape>[0]>(
			`select ${CHECKIN_COLUMNS} ${CHECKIN_FROM}
			 where c.respondent_id = $1
			 order by c.answered_at is not null, c.sent_at desc limit 50`,
			[claims.sub]
		)
	);
	return rows.map(shape);
}

/** Answers one of my open check-ins; an answered one stays as it was ('checkin_answered'). */
export async function answerCheckin(
	db: Database,
	claims: JwtClaims,
	id: string,
	answer: CheckinAnswer
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const updated = await tx.query(
			`update public.checkins set satisfaction = $2, progress = $3, comment = $4
			 where id = $1 returning id`,
			[id, answer.satisfaction, answer.progress, answer.comment]
		);
		if (updated.length) return;
		const existing = await tx.query('select 1 from public.checkins where id = $1', [id]);
		throw existing.length
			? new DomainError('conflict', 'checkin_answered')
			: new DomainError('not_found', 'not_found');
	});
}
