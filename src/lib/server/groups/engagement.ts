/**
 * The intake per school of a learning-community programme and its engagement statement (seed
 * 004): the coordinator records the intake conversation; the school's coordinating directors
 * (function school_leader) sign the statement. A signature stores the SHA-256 of the exact text
 * signed, in the signer's language, as the pair agreements do: when the statement changes (the
 * programme or school is renamed, the intake's commitment notes are edited, the wording of a
 * release differs) the stored hash no longer matches and the signature shows as stale.
 *
 * Every read and write runs as the person, so row-level security decides (migration
 * 20261203000100_school_engagement.sql); only names and the number of directors, which a
 * participant may not read row by row, are read as the service after that check.
 */
import { createHash } from 'node:crypto';
import {
	engagementStatus,
	STATEMENT_COMMITMENTS,
	type EngagementStatus,
	type IntakeInput,
	type StatementCommitment
} from '$lib/domain/groups/engagement';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import type { CommandContext, LocaleContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages.js';

export type StatementLocale = 'nl' | 'en';

export interface StatementFacts {
	programName: string;
	schoolName: string;
	/** The intake's "commitment and further agreements" notes. */
	commitments: string;
}

const COMMITMENT_TEXT: Record<
	StatementCommitment,
	(inputs: Record<string, never>, options: { locale: StatementLocale }) => string
> = {
	intensive: m.engage_commit_intensive,
	participants: m.engage_commit_participants,
	surveys: m.engage_commit_surveys,
	reflections: m.engage_commit_reflections
};

/** The statement as lines: title, introduction, one line per commitment, further agreements. */
export function statementText(facts: StatementFacts, locale: StatementLocale): string[] {
	const o = { locale };
	const lines = [
		m.engage_statement_title({}, o),
		m.engage_statement_intro({ school: facts.schoolName, program: facts.programName }, o),
		...STATEMENT_COMMITMENTS.map((key) => `- ${COMMITMENT_TEXT[key]({}, o)}`)
	];
	const extra = facts.commitments.trim();
	if (extra) lines.push(m.engage_statement_extra({ text: extra }, o));
	return lines;
}

/** SHA-256 (hex) of exactly the text a signer sees: the lines joined by line feeds. */
export function statementHash(lines: readonly string[]): string {
	return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export interface IntakeView {
	conversationOn: string;
	expectations: string;
	feasibility: string;
	commitments: string;
	recordedByName: string | null;
	updatedAt: string;
}

export interface EngagementSignature {
	signerId: string;
	name: string;
	function: string;
	signedAt: string;
	/** Signed the statement as it reads now. */
	current: boolean;
}

export interface SchoolEngagement {
	school: { id: string; name: string };
	programName: string;
	intake: IntakeView | null;
	/** The statement in the viewer's language; null until the intake is recorded. */
	statement: string[] | null;
	signatures: EngagementSignature[];
	/** The school's coordinating directors now (participants with the function school_leader). */
	directors: number;
	status: EngagementStatus;
	/** Whether the viewer is one of the school's coordinating directors. */
	canSign: boolean;
}

interface SignatureRow {
	signer_id: string;
	signer_function: string;
	locale: StatementLocale;
	content_hash: string;
	signed_at: Date;
}

async function readFacts(
	tx: Tx,
	programId: string,
	schoolId: string
): Promise<{ school: { id: string; name: string }; programName: string } | null> {
	const rows = await tx.query<{ id: string; name: string; program_name: string }>(
		`select s.id, s.name, p.name as program_name from public.schools s
		 join public.programs p on p.id = s.program_id
		 where s.id = $1 and s.program_id = $2`,
		[schoolId, programId]
	);
	const row = rows[0];
	if (!row) return null;
	return { school: { id: row.id, name: row.name }, programName: row.program_name };
}

/** Compares each signature with the statement in the language it was signed in. */
function judge(rows: SignatureRow[], facts: StatementFacts) {
	const hashes = new Map<StatementLocale, string>();
	const hashIn = (locale: StatementLocale) => {
		let hash = hashes.get(locale);
		if (!hash) {
			hash = statementHash(statementText(facts, locale));
			hashes.set(locale, hash);
		}
		return hash;
	};
	return rows.map((r) => ({ ...r, current: r.content_hash === hashIn(r.locale) }));
}

/**
 * A school's intake, statement and signatures for its coordinator or one of its own participants;
 * null for anyone else (and for a school of another programme), so the route answers 404.
 */
export async function loadSchoolEngagement(
	ctx: LocaleContext,
	programId: string,
	schoolId: string
): Promise<SchoolEngagement | null> {
	const { db, claims, locale } = ctx;
	const found = await db.asUser(claims, async (tx) => {
		const [access] = await tx.query<{ reads: boolean; signs: boolean }>(
			'select private.reads_school_engagement($1) as reads, private.directs_school($1) as signs',
			[schoolId]
		);
		if (!access?.reads) return null;
		const facts = await readFacts(tx, programId, schoolId);
		if (!facts) return null;
		const intakes = await tx.query<{
			conversation_on: string;
			expectations: string;
			feasibility: string;
			commitments: string;
			recorded_by: string | null;
			updated_at: Date;
		}>(
			`select to_char(conversation_on, 'YYYY-MM-DD') as conversation_on, expectations, feasibility,
				commitments, recorded_by, updated_at
			 from public.school_intakes where school_id = $1`,
			[schoolId]
		);
		const signatures = await tx.query<SignatureRow>(
			`select signer_id, signer_function, locale, content_hash, signed_at
			 from public.engagement_signatures where school_id = $1 order by signed_at`,
			[schoolId]
		);
		return { ...facts, intake: intakes[0] ?? null, signatures, canSign: access.signs };
	});
	if (!found) return null;
	// Names and the number of directors: the person may read this school's engagement (above).
	const people = [
		...found.signatures.map((s) => s.signer_id),
		...(found.intake?.recorded_by ? [found.intake.recorded_by] : [])
	];
	const { names, directors } = await db.asService(async (tx) => {
		const names = await tx.query<{ id: string; name: string }>(
			'select id, coalesce(display_name, email) as name from public.profiles where id = any($1::uuid[])',
			[people]
		);
		const [count] = await tx.query<{ n: number }>(
			`select count(*)::int as n from public.school_members sm
			 join public.memberships mm on mm.program_id = sm.program_id and mm.user_id = sm.user_id
				and mm.status = 'active'
			 where sm.school_id = $1 and sm.function = 'school_leader'`,
			[schoolId]
		);
		return { names, directors: count.n };
	});
	const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
	const facts: StatementFacts = {
		programName: found.programName,
		schoolName: found.school.name,
		commitments: found.intake?.commitments ?? ''
	};
	const judged = judge(found.signatures, facts);
	const signatures = judged.map((s) => ({
		signerId: s.signer_id,
		name: nameOf(s.signer_id) ?? '—',
		function: s.signer_function,
		signedAt: new Date(s.signed_at).toISOString(),
		current: s.current
	}));
	const current = signatures.filter((s) => s.current).length;
	return {
		school: found.school,
		programName: found.programName,
		intake: found.intake
			? {
					conversationOn: found.intake.conversation_on,
					expectations: found.intake.expectations,
					feasibility: found.intake.feasibility,
					commitments: found.intake.commitments,
					recordedByName: nameOf(found.intake.recorded_by),
					updatedAt: new Date(found.intake.updated_at).toISOString()
				}
			: null,
		statement: found.intake ? statementText(facts, locale) : null,
		signatures,
		directors,
		status: engagementStatus({
			hasIntake: !!found.intake,
			currentSignatures: current,
			staleSignatures: signatures.length - current
		}),
		canSign: found.canSign
	};
}

export interface SchoolEngagementStatus {
	status: EngagementStatus;
	signed: number;
	directors: number;
}

/** The coordinator's list: where each school of the programme is. Keyed by school id. */
export async function listEngagementStatuses(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<Record<string, SchoolEngagementStatus>> {
	return db.asUser(claims, async (tx) => {
		const schools = await tx.query<{
			id: string;
			name: string;
			program_name: string;
			commitments: string | null;
			has_intake: boolean;
			directors: number;
		}>(
			`select s.id, s.name, p.name as program_name, i.commitments, i.school_id is not null as has_intake,
				(select count(*)::int from public.school_members sm
				 join public.memberships mm on mm.program_id = sm.program_id and mm.user_id = sm.user_id
					and mm.status = 'active'
				 where sm.school_id = s.id and sm.function = 'school_leader') as directors
			 from public.schools s join public.programs p on p.id = s.program_id
			 left join public.school_intakes i on i.school_id = s.id
			 where s.program_id = $1`,
			[programId]
		);
		const signatures = await tx.query<SignatureRow & { school_id: string }>(
			`select g.school_id, g.signer_id, g.signer_function, g.locale, g.content_hash, g.signed_at
			 from public.engagement_signatures g join public.schools s on s.id = g.school_id
			 where s.program_id = $1`,
			[programId]
		);
		const result: Record<string, SchoolEngagementStatus> = {};
		for (const school of schools) {
			const judged = judge(
				signatures.filter((g) => g.school_id === school.id),
				{
					programName: school.program_name,
					schoolName: school.name,
					commitments: school.commitments ?? ''
				}
			);
			const signed = judged.filter((g) => g.current).length;
			result[school.id] = {
				status: engagementStatus({
					hasIntake: school.has_intake,
					currentSignatures: signed,
					staleSignatures: judged.length - signed
				}),
				signed,
				directors: school.directors
			};
		}
		return result;
	});
}

/** Records or corrects a school's intake conversation, as the coordinator. */
export async function recordIntake(
	ctx: CommandContext,
	programId: string,
	schoolId: string,
	input: IntakeInput
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		if (!(await readFacts(tx, programId, schoolId)))
			throw new DomainError('not_found', 'not_found');
		const [role] = await tx.query<{ coordinates: boolean }>(
			'select public.is_program_coordinator($1) as coordinates',
			[programId]
		);
		if (!role?.coordinates) throw new DomainError('forbidden', 'forbidden');
		const rows = await tx.query<{ school_id: string }>(
			`insert into public.school_intakes
				(program_id, school_id, conversation_on, expectations, feasibility, commitments, recorded_by)
			 values ($1, $2, $3, $4, $5, $6, $7)
			 on conflict (school_id) do update set conversation_on = excluded.conversation_on,
				expectations = excluded.expectations, feasibility = excluded.feasibility,
				commitments = excluded.commitments, recorded_by = excluded.recorded_by, updated_at = now()
			 returning school_id`,
			[
				programId,
				schoolId,
				input.conversationOn,
				input.expectations,
				input.feasibility,
				input.commitments,
				claims.sub
			]
		);
		if (!rows[0]) throw new DomainError('forbidden', 'forbidden');
		await audit(tx, 'engagement.intake', 'school', schoolId, programId);
	});
}

/**
 * Signs the school's statement as it reads now in `locale`, as the person. A stale signature of
 * theirs (the statement changed) is replaced in the same transaction; a current one is refused.
 */
export async function signStatement(
	ctx: LocaleContext,
	programId: string,
	schoolId: string
): Promise<void> {
	const { db, claims, locale } = ctx;
	await db.asUser(claims, async (tx) => {
		const [access] = await tx.query<{ reads: boolean; signs: boolean }>(
			'select private.reads_school_engagement($1) as reads, private.directs_school($1) as signs',
			[schoolId]
		);
		const facts = access?.reads ? await readFacts(tx, programId, schoolId) : null;
		if (!facts) throw new DomainError('not_found', 'not_found');
		if (!access.signs) throw new DomainError('forbidden', 'engage_not_director');
		const [intake] = await tx.query<{ commitments: string }>(
			'select commitments from public.school_intakes where school_id = $1',
			[schoolId]
		);
		if (!intake) throw new DomainError('invalid', 'engage_no_intake_error');
		const lines = statementText(
			{
				programName: facts.programName,
				schoolName: facts.school.name,
				commitments: intake.commitments
			},
			locale
		);
		const hash = statementHash(lines);
		const [mine] = await tx.query<{ locale: StatementLocale; content_hash: string }>(
			'select locale, content_hash from public.engagement_signatures where school_id = $1 and signer_id = $2',
			[schoolId, claims.sub]
		);
		if (mine) {
			const again = statementText(
				{
					programName: facts.programName,
					schoolName: facts.school.name,
					commitments: intake.commitments
				},
				mine.locale
			);
			if (statementHash(again) === mine.content_hash) {
				throw new DomainError('conflict', 'engage_already_signed');
			}
			const removed = await tx.query(
				'delete from public.engagement_signatures where school_id = $1 and signer_id = $2 returning id',
				[schoolId, claims.sub]
			);
			if (!removed[0]) throw new DomainError('forbidden', 'engage_closed');
		}
		await tx.query(
			`insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash)
			 values ($1, $2, $3, $4, $5)`,
			[schoolId, claims.sub, m.engage_signer_function({}, { locale }), locale, hash]
		);
		await audit(tx, 'engagement.sign', 'school', schoolId, programId, { locale });
	});
}

/** Withdraws the person's own signature (until the programme's end date). */
export async function withdrawSignature(
	db: Database,
	claims: JwtClaims,
	programId: string,
	schoolId: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		if (!(await readFacts(tx, programId, schoolId)))
			throw new DomainError('not_found', 'not_found');
		const removed = await tx.query(
			'delete from public.engagement_signatures where school_id = $1 and signer_id = $2 returning id',
			[schoolId, claims.sub]
		);
		if (removed[0]) {
			await audit(tx, 'engagement.withdraw', 'school', schoolId, programId);
			return;
		}
		const [mine] = await tx.query(
			'select 1 from public.engagement_signatures where school_id = $1 and signer_id = $2',
			[schoolId, claims.sub]
		);
		throw mine
			? new DomainError('gone', 'engage_closed')
			: new DomainError('invalid', 'engage_not_signed');
	});
}

/** The school the person takes part for in the programme, or null. */
export async function mySchoolId(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<string | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ school_id: string }>(
			'select school_id from public.school_members where program_id = $1 and user_id = $2',
			[programId, claims.sub]
		)
	);
	return rows[0]?.school_id ?? null;
}
