/**
 * Retention (agreement 02: "Alle persoonlijke gegevens worden één jaar na afloop van het project
 * opgeslagen en vervolgens vernietigd"): a programme's personal data is deleted
 * `programs.retention_months` after its end. The coordinators are warned (mail) at least 30 days
 * before, and may download the anonymised statistics until then; the deletion never happens
 * sooner than 30 days after the warning, even when the scan first runs late.
 *
 * The daily scan is a schedule slot of the job runner (once per slot across instances); the
 * deletion itself is a job with the key `rights.retention-purge:<programme>`, so it is enqueued
 * once, and `retention_runs.purged_at` makes a second run (after a crash or restart) a no-op.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Database } from '$lib/server/db/types';
import type { FileStore } from '$lib/server/files';
import { enqueue } from '$lib/server/jobs/queue';
import type { Mailer } from '$lib/server/mail/mailer';
import type { LiveDocuments } from './documents';
import { deleteStoredDocs } from './documents';
import { erasePerson } from './erasure';

export const RETENTION_SCAN_JOB = 'rights.retention-scan';
export const RETENTION_PURGE_JOB = 'rights.retention-purge';
export const WARNING_DAYS = 30;

export interface RetentionDeps {
	db: Database;
	mailer?: Mailer;
	files?: FileStore;
	live?: LiveDocuments;
	origin?: string;
}

interface Due {
	id: string;
	name: string;
	due_on: string;
	warned_at: string | null;
	purge_at: string;
}

/** When each programme's data is due for deletion, and whether that is within the warning window. */
export async function retentionDue(db: Database, now: Date): Promise<Due[]> {
	return db.asService((tx) =>
		tx.query<Due>(
			`select p.id, p.name, (p.ends_on + make_interval(months => p.retention_months))::date::text as due_on,
				r.warned_at::text as warned_at,
				greatest(
					(p.ends_on + make_interval(months => p.retention_months))::timestamptz,
					coalesce(r.warned_at, $1::timestamptz) + make_interval(days => $2)
				)::text as purge_at
			 from public.programs p left join public.retention_runs r on r.program_id = p.id
			 where r.purged_at is null
				and (p.ends_on + make_interval(months => p.retention_months))::timestamptz
					<= $1::timestamptz + make_interval(days => $2)`,
			[now, WARNING_DAYS]
		)
	);
}

/**
 * The daily scan: warns coordinators of programmes whose deletion is within 30 days (once), and
 * enqueues the deletion of those whose date has come (once: keyed by programme).
 */
export async function retentionScan(deps: RetentionDeps, now: Date): Promise<void> {
	const { db } = deps;
	for (const program of await retentionDue(db, now)) {
		if (!program.warned_at) {
			await warnCoordinators(deps, program, now);
			continue;
		}
		if (new Date(program.purge_at) <= now) {
			await db.asService((tx) =>
				enqueue(tx, {
					kind: RETENTION_PURGE_JOB,
					key: `${RETENTION_PURGE_JOB}:${program.id}`,
					programId: program.id,
					payload: { programId: program.id }
				})
			);
		}
	}
}

async function warnCoordinators(deps: RetentionDeps, program: Due, now: Date): Promise<void> {
	const { db } = deps;
	const purgeOn = new Date(
		Math.max(new Date(program.due_on).getTime(), now.getTime() + WARNING_DAYS * 86_400_000)
	)
		.toISOString()
		.slice(0, 10);
	const coordinators = await db.asService(async (tx) => {
		await tx.query(
			`insert into public.retention_runs (program_id, warned_at) values ($1, $2)
			 on conflict (program_id) do update set warned_at = coalesce(public.retention_runs.warned_at, excluded.warned_at)`,
			[program.id, now]
		);
		await tx.query(
			`insert into public.audit_events (organisation_id, program_id, action, entity_type, entity_id, details)
			 select organisation_id, id, 'retention.warn', 'program', id::text, $2 from public.programs where id = $1`,
			[program.id, { purgeOn }]
		);
		return tx.query<{ id: string; email: string; display_name: string; locale: string }>(
			`select pr.id, pr.email, pr.display_name, pr.locale from public.memberships ms
			 join public.profiles pr on pr.id = ms.user_id
			 where ms.program_id = $1 and ms.role = 'coordinator' and ms.status = 'active'`,
			[program.id]
		);
	});
	if (!deps.mailer) return;
	for (const person of coordinators) {
		const locale = person.locale === 'en' ? 'en' : 'nl';
		const url = `${deps.origin ?? ''}/programs/${program.id}/audit`;
		await deps.mailer.send({
			to: person.email,
			kind: 'retention_warning',
			key: `retention-warning:${program.id}:${person.id}`,
			subject: m.rights_retention_mail_subject({ program: program.name }, { locale }),
			text: [
				m.mail_greeting({ name: person.display_name }, { locale }),
				'',
				m.rights_retention_mail_body({ program: program.name, date: purgeOn }, { locale }),
				'',
				url
			].join('\n')
		});
	}
}

/**
 * Deletes a programme's personal data: every participant who is in no other programme is erased
 * (as by their own request); then the programme's pairs (with their meetings, sheets, messages,
 * logbooks), groups, schools, intake, matching choices, invitations and participants'
 * memberships, and their stored documents and attachments. The programme itself (name, dates),
 * its coordinators and its audit trail stay. Runs once.
 */
export async function purgeProgram(deps: RetentionDeps, programId: string): Promise<boolean> {
	const { db } = deps;
	const [run] = await db.asService((tx) =>
		tx.query<{ purged_at: string | null }>(
			'select purged_at from public.retention_runs where program_id = $1',
			[programId]
		)
	);
	if (run?.purged_at) return false;
	const alone = await db.asService((tx) =>
		tx.query<{ user_id: string }>(
			`select m.user_id from public.memberships m
			 where m.program_id = $1 and m.role <> 'coordinator'
				and not exists (select 1 from public.memberships o
					where o.user_id = m.user_id and o.program_id <> $1 and o.status = 'active')
				and not exists (select 1 from public.organisation_members om where om.user_id = m.user_id)`,
			[programId]
		)
	);
	for (const { user_id } of alone) await erasePerson(deps, user_id, {});
	const keys = await db.asService(async (tx) => {
		const files = await tx.query<{ storage_key: string }>(
			'select f.storage_key from public.files f join public.pairs p on p.id = f.pair_id where p.program_id = $1',
			[programId]
		);
		const docs = await tx.query<{ doc_name: string }>(
			`select distinct d.doc_name from (
				select doc_name from public.yjs_updates union select doc_name from public.yjs_snapshots
			 ) d
			 where exists (select 1 from public.pairs p where p.program_id = $1 and d.doc_name like 'pair/' || p.id::text || '/%')
				or exists (select 1 from public.groups g where g.program_id = $1 and d.doc_name like 'group/' || g.id::text || '/%')
				or exists (select 1 from public.reflections r join public.groups g on g.id = r.group_id
					where g.program_id = $1 and r.doc_name = d.doc_name)`,
			[programId]
		);
		for (const name of docs) deps.live?.closeDocument(name.doc_name);
		await deleteStoredDocs(
			tx,
			docs.map((d) => d.doc_name)
		);
		for (const statement of [
			'delete from public.pairs where program_id = $1',
			'delete from public.groups where program_id = $1',
			'delete from public.schools where program_id = $1',
			'delete from public.intake_responses where program_id = $1',
			'delete from public.match_preferences where program_id = $1',
			'delete from public.mentor_supporters where program_id = $1',
			'delete from public.invitations where program_id = $1',
			'delete from public.notifications where program_id = $1',
			"delete from public.memberships where program_id = $1 and role <> 'coordinator'",
			'delete from public.erasure_requests where program_id = $1'
		]) {
			await tx.query(statement, [programId]);
		}
		await tx.query(
			`insert into public.retention_runs (program_id, purged_at) values ($1, now())
			 on conflict (program_id) do update set purged_at = now()`,
			[programId]
		);
		await tx.query(
			`insert into public.audit_events (organisation_id, program_id, action, entity_type, entity_id, details)
			 select organisation_id, id, 'retention.purge', 'program', id::text, $2 from public.programs where id = $1`,
			[programId, { erased: alone.length }]
		);
		return files.map((f) => f.storage_key);
	});
	if (deps.files && keys.length) await deps.files.delete(keys);
	return true;
}

/** Finished exports past their date: rows and zips deleted. */
export async function deleteExpiredExports(db: Database, files?: FileStore): Promise<number> {
	const rows = await db.asService((tx) =>
		tx.query<{ file_key: string | null }>(
			'delete from public.data_exports where expires_at < now() returning file_key'
		)
	);
	const keys = rows.map((r) => r.file_key).filter((k): k is string => !!k);
	if (files && keys.length) await files.delete(keys);
	return rows.length;
}
