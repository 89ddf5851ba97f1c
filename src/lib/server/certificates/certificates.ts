import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { memoryLimiters } from '$lib/server/auth/rate-limit';

/**
 * Certificates of completion: issued and revoked by a coordinator of the programme through the
 * database functions `issue_certificate` / `revoke_certificate` (which copy the facts into the
 * row and check the caller), read by the person and the coordinators (RLS), and verified by
 * anyone who holds the exact code (`verify_certificate`, as `anon`).
 */

/** What a certificate states; the same for the PDF, the coordinator's page and /verify. */
export interface CertificateFacts {
	personName: string;
	programName: string;
	organisationName: string;
	/** 'YYYY-MM-DD' */
	periodStart: string;
	periodEnd: string;
	sessionsHeld: number;
	coordinatorName: string;
	issuedAt: Date;
	revokedAt: Date | null;
}

export interface Certificate extends CertificateFacts {
	id: string;
	code: string;
	programId: string;
	pairId: string;
	personId: string;
	role: 'mentor' | 'mentee';
}

const FACTS = `person_name as "personName", program_name as "programName",
	organisation_name as "organisationName", period_start::text as "periodStart",
	period_end::text as "periodEnd", sessions_held as "sessionsHeld",
	coordinator_name as "coordinatorName", issued_at as "issuedAt", revoked_at as "revokedAt"`;
const COLUMNS = `id, code, program_id as "programId", pair_id as "pairId", person_id as "personId", role, ${FACTS}`;

/** The message of a refusal raised by the database functions, if it is one of theirs. */
function refusal(error: unknown): string | null {
	const message = error instanceof Error ? error.message : '';
	const known = ['not_found', 'pair_not_ended', 'certificate_exists'];
	return known.find((key) => message.includes(key)) ?? null;
}

/** Issues the certificate of a pair's mentee (or mentor); the caller must coordinate the pair. */
export async function issueCertificate(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	role: 'mentor' | 'mentee'
): Promise<string> {
	try {
		const [row] = await db.asUser(claims, (tx) =>
			tx.query<{ id: string }>('select public.issue_certificate($1, $2) as id', [pairId, role])
		);
		return row.id;
	} catch (error) {
		const key = refusal(error);
		if (key === 'not_found') throw new DomainError('not_found', 'not_found');
		if (key === 'pair_not_ended') throw new DomainError('conflict', 'cert_not_ended');
		if (key === 'certificate_exists') throw new DomainError('conflict', 'cert_exists');
		// A second, simultaneous issue loses on the unique index.
		if (error instanceof Error && /certificates_one_valid/.test(error.message))
			throw new DomainError('conflict', 'cert_exists');
		throw error;
	}
}

/** Revokes a certificate of a programme the caller coordinates. */
export async function revokeCertificate(
	db: Database,
	claims: JwtClaims,
	certificateId: string
): Promise<void> {
	try {
		await db.asUser(claims, (tx) =>
			tx.query('select public.revoke_certificate($1)', [certificateId])
		);
	} catch (error) {
		if (refusal(error) === 'not_found') throw new DomainError('not_found', 'not_found');
		throw error;
	}
}

/** The certificates of one pair, newest first (the coordinator's page). */
export function pairCertificates(
	db: Database,
	claims: JwtClaims,
	pairId: string
): Promise<Certificate[]> {
	return db.asUser(claims, (tx) =>
		tx.query<Certificate>(
			`select ${COLUMNS} from public.certificates where pair_id = $1 order by issued_at desc`,
			[pairId]
		)
	);
}

/** One certificate the caller may read (their own, or one of a programme they coordinate). */
export async function getCertificate(
	db: Database,
	claims: JwtClaims,
	id: string
): Promise<Certificate | null> {
	const [row] = await db.asUser(claims, (tx) =>
		tx.query<Certificate>(`select ${COLUMNS} from public.certificates where id = $1`, [id])
	);
	return row ?? null;
}

/** The caller's own certificates, newest first. */
export function myCertificates(db: Database, claims: JwtClaims): Promise<Certificate[]> {
	return db.asUser(claims, (tx) =>
		tx.query<Certificate>(
			`select ${COLUMNS} from public.certificates where person_id = $1 order by issued_at desc`,
			[claims.sub]
		)
	);
}

/** The shape of a code (`verify_certificate` checks it again). */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The facts for one exact code, as anyone (anon) may see them; null when there is none. */
export async function verifyCertificate(
	db: Database,
	code: string
): Promise<CertificateFacts | null> {
	if (!CODE_PATTERN.test(code)) return null;
	const [row] = await db.asUser(null, (tx) =>
		tx.query<CertificateFacts>(
			`select person_name as "personName", program_name as "programName",
				organisation_name as "organisationName", period_start::text as "periodStart",
				period_end::text as "periodEnd", sessions_held as "sessionsHeld",
				coordinator_name as "coordinatorName", issued_at as "issuedAt", revoked_at as "revokedAt"
			 from public.verify_certificate($1)`,
			[code]
		)
	);
	return row ?? null;
}

/**
 * Checks per client address on /verify: 30 a minute. Codes cannot be guessed (244 random bits),
 * so this only keeps the page from being used to hammer the database. Counted in this process.
 */
export const verifyLimiter = memoryLimiters.create('certificate-verify', 30, 60);

/** The public URL of a certificate's verification page. */
export function verifyUrl(origin: string, code: string): string {
	return `${origin}/verify/${code}`;
}

export interface CertificatePreview {
	pairId: string;
	pseudonym: string;
	status: string;
	mentee: { id: string; name: string };
	facts: Omit<CertificateFacts, 'personName' | 'revokedAt' | 'issuedAt'>;
}

/**
 * What a certificate for the pair's mentee would state if issued now (the database computes the
 * same facts when it issues one). Null when the caller does not coordinate the pair's programme.
 */
export async function certificatePreview(
	db: Database,
	claims: JwtClaims,
	programId: string,
	pairId: string
): Promise<CertificatePreview | null> {
	const [row] = await db.asUser(claims, (tx) =>
		tx.query<{
			pairId: string;
			pseudonym: string;
			status: string;
			menteeId: string;
			menteeName: string;
			programName: string;
			organisationName: string;
			periodStart: string;
			periodEnd: string;
			sessionsHeld: number;
			coordinatorName: string;
		}>(
			`select p.id as "pairId", p.pseudonym, p.status, p.mentee_id as "menteeId",
				coalesce(mentee.display_name, '—') as "menteeName", prog.name as "programName",
				coalesce(org.name, '—') as "organisationName",
				(p.created_at at time zone 'Europe/Brussels')::date::text as "periodStart",
				(coalesce(p.ended_at, now()) at time zone 'Europe/Brussels')::date::text as "periodEnd",
				(select count(*)::int from public.meetings m where m.pair_id = p.id and m.held_at is not null)
					as "sessionsHeld",
				coalesce(me.display_name, '—') as "coordinatorName"
			 from public.pairs p
			 join public.programs prog on prog.id = p.program_id
			 left join public.organisations org on org.id = prog.organisation_id
			 left join public.profiles mentee on mentee.id = p.mentee_id
			 left join public.profiles me on me.id = $3
			 where p.id = $1 and p.program_id = $2 and public.is_program_coordinator(p.program_id)`,
			[pairId, programId, claims.sub]
		)
	);
	if (!row) return null;
	return {
		pairId: row.pairId,
		pseudonym: row.pseudonym,
		status: row.status,
		mentee: { id: row.menteeId, name: row.menteeName },
		facts: {
			programName: row.programName,
			organisationName: row.organisationName,
			periodStart: row.periodStart,
			periodEnd: row.periodEnd,
			sessionsHeld: row.sessionsHeld,
			coordinatorName: row.coordinatorName
		}
	};
}
