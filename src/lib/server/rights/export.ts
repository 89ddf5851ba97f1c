/**
 * A person's export (agreement 02: "het recht om … de opgeslagen persoonlijke gegevens in te
 * zien"; GDPR art. 15 and 20): one zip of everything about them, built by a job with its progress
 * in `data_exports`, kept in the FileStore until it expires.
 *
 * What is in it, and what is deliberately not, is written down in docs/privacy.md. The rule: the
 * person's own data, and what they share with the people they work with (a pair's sheets and
 * conversation); never what belongs only to someone else. Other people appear by name (as they do
 * on the person's own screens), never with their e-mail address, intake answers or private notes.
 *
 * The zip is written with fflate (streaming `Zip` + `ZipDeflate`): maintained, no dependencies,
 * typed, and it lets the job yield to the event loop between files on a two-core machine.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import * as Y from 'yjs';
import { fieldsOf, getTemplate, type Template } from '$lib/domain/templates';
import type { Database, Tx } from '$lib/server/db/types';
import type { FileStore } from '$lib/server/files';
import { readAgreeNote, readFieldContent } from '$lib/shared/sheet-doc';
import { enqueue } from '$lib/server/jobs/queue';
import { loadStoredDoc } from './documents';
import { MENTEE_LOG_KEY, MENTOR_LOG_KEY } from '$lib/domain/templates/keys';

/** Exports live in the FileStore under this (pair-shaped, see files/types.ts) namespace. */
export const EXPORT_NAMESPACE = '00000000-0000-4000-8000-0000000e4907';
export const EXPORT_JOB = 'rights.export';
/** How long a finished export can be downloaded. */
export const EXPORT_DAYS = 7;

export function exportKey(exportId: string): string {
	return `pair/${EXPORT_NAMESPACE}/${exportId}`;
}

export type ZipEntries = Map<string, Uint8Array>;

/** Renders one sheet as a PDF (the runtime passes pdf/sheets.ts); without it the export has JSON only. */
export type SheetPdfRenderer = (input: {
	template: Template;
	doc: Y.Doc;
	locale: string;
}) => Promise<Uint8Array | null>;

const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2));

/** A path segment safe in every unzip tool. */
function segment(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/[^\w.-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'x'
	);
}

/** A sheet's fields as plain values, with its comments (author names only). */
export function sheetJson(doc: Y.Doc, template: Template | undefined): Record<string, unknown> {
	const comments = doc.getMap('comments').toJSON();
	const strip = (thread: Record<string, unknown>) => ({
		field: thread.field,
		author: thread.authorName,
		text: thread.text,
		at: thread.at,
		resolved: thread.resolved,
		replies: Array.isArray(thread.replies)
			? (thread.replies as Record<string, unknown>[]).map((r) => ({
					author: r.authorName,
					text: r.text,
					at: r.at
				}))
			: []
	});
	if (!template) return { comments: Object.values(comments).map((c) => strip(c)) };
	const fields: Record<string, unknown> = {};
	for (const field of fieldsOf(template)) {
		fields[field.key] = readFieldContent(doc, field);
		if (field.kind === 'agree') fields[`${field.key}-note`] = readAgreeNote(doc, field.key);
	}
	return {
		template: template.key,
		fields,
		comments: Object.values(comments).map((c) => strip(c))
	};
}

interface Section {
	name: string;
	build: (tx: Tx, add: (path: string, data: Uint8Array) => void) => Promise<void>;
}

/**
 * Collects the person's data as zip entries, reporting progress (0–100) after each section.
 * Reads as the service role, each query scoped to the person explicitly.
 */
export async function collectExport(
	db: Database,
	userId: string,
	options: {
		onProgress?: (percent: number) => Promise<void>;
		renderSheetPdf?: SheetPdfRenderer;
	} = {}
): Promise<ZipEntries> {
	const entries: ZipEntries = new Map();
	const add = (path: string, data: Uint8Array) => entries.set(path, data);
	const [me] = await db.asService((tx) =>
		tx.query<{ locale: string }>('select locale from public.profiles where id = $1', [userId])
	);
	const locale = me?.locale ?? 'nl';
	const pairsOf = (tx: Tx) =>
		tx.query<{
			id: string;
			program: string;
			role: string;
			partner: string | null;
			status: string;
			phase: string;
			created_at: string;
			ended_at: string | null;
		}>(
			`select p.id, pg.name as program,
				case when p.mentor_id = $1 then 'mentor' when p.mentee_id = $1 then 'mentee' else 'supporter' end as role,
				(select display_name from public.profiles where id =
					case when p.mentor_id = $1 then p.mentee_id else p.mentor_id end) as partner,
				p.status, p.phase, p.created_at, p.ended_at
			 from public.pairs p join public.programs pg on pg.id = p.program_id
			 where $1 in (p.mentor_id, p.mentee_id, p.supporter_id) order by p.created_at`,
			[userId]
		);
	const folder = (pair: { id: string; program: string }, index: number) =>
		`pairs/${index + 1}-${segment(pair.program)}`;

	const sections: Section[] = [
		{
			name: 'profile',
			async build(tx, put) {
				const rows = await tx.query(
					`select p.id, p.email, p.display_name, p.locale, p.created_at, p.updated_at
					 from public.profiles p where p.id = $1`,
					[userId]
				);
				put('profile.json', json(rows[0] ?? null));
				const prefs = await tx.query(
					`select messages, comments, assignments, meetings, reminders, pair, digest_hour, updated_at
					 from public.notification_preferences where user_id = $1`,
					[userId]
				);
				put('notification-preferences.json', json(prefs[0] ?? null));
				const feed = await tx.query(
					'select created_at from public.calendar_feeds where user_id = $1',
					[userId]
				);
				put('calendar-feed.json', json(feed[0] ?? null));
			}
		},
		{
			name: 'memberships',
			async build(tx, put) {
				put(
					'memberships.json',
					json(
						await tx.query(
							`select pg.name as program, pg.kind, pg.starts_on, pg.ends_on, m.role, m.status,
								m.created_at, m.removed_at
							 from public.memberships m join public.programs pg on pg.id = m.program_id
							 where m.user_id = $1 order by m.created_at`,
							[userId]
						)
					)
				);
				put(
					'intake.json',
					json(
						await tx.query(
							`select pg.name as program, i.form_key, i.form_version, i.answers, i.submitted_at
							 from public.intake_responses i join public.programs pg on pg.id = i.program_id
							 where i.user_id = $1 order by i.submitted_at`,
							[userId]
						)
					)
				);
				put(
					'matching-choices.json',
					json(
						await tx.query(
							`select pg.name as program, pr.display_name as chosen, mp.rating, mp.rank, mp.place,
								mp.created_at
							 from public.match_preferences mp join public.programs pg on pg.id = mp.program_id
							 left join public.profiles pr on pr.id = mp.chosen_id
							 where mp.chooser_id = $1 order by mp.created_at`,
							[userId]
						)
					)
				);
				put(
					'erasure-requests.json',
					json(
						await tx.query(
							`select status, reason, decision_note, created_at, decided_at, done_at
							 from public.erasure_requests where user_id = $1 order by created_at`,
							[userId]
						)
					)
				);
			}
		},
		{
			name: 'pairs',
			async build(tx, put) {
				const pairs = await pairsOf(tx);
				for (const [index, pair] of pairs.entries()) {
					const base = folder(pair, index);
					put(`${base}/pair.json`, json(pair));
					put(
						`${base}/meetings.json`,
						json(
							await tx.query(
								`select number, planned_on, starts_at, duration_minutes, place, mode, held_at
								 from public.meetings where pair_id = $1 order by number`,
								[pair.id]
							)
						)
					);
					put(
						`${base}/my-signatures.json`,
						json(
							await tx.query(
								`select template_key, role, content_hash, signed_at from public.signatures
								 where pair_id = $1 and signer_id = $2 order by signed_at`,
								[pair.id, userId]
							)
						)
					);
					put(
						`${base}/my-assignments.json`,
						json(
							await tx.query(
								`select sheet_key, due_on, meeting_number, note, done_at, created_at
								 from public.assignments where pair_id = $1 and assignee_id = $2`,
								[pair.id, userId]
							)
						)
					);
					put(
						`${base}/my-exit-requests.json`,
						json(
							await tx.query(
								`select requester_role, reason, status, outcome, created_at, handled_at
								 from public.exit_requests where pair_id = $1 and requested_by = $2`,
								[pair.id, userId]
							)
						)
					);
				}
			}
		},
		{
			name: 'sheets',
			async build(tx, put) {
				const pairs = await pairsOf(tx);
				for (const [index, pair] of pairs.entries()) {
					if (pair.role === 'supporter') continue;
					const base = folder(pair, index);
					// Every sheet, and every further lesson of a lesson sheet (`<key>-lesson-<n>`).
					const sheets = await tx.query<{
						template_key: string;
						doc_name: string;
						status: string;
						file: string;
						lesson: Record<string, unknown> | null;
					}>(
						`select template_key, doc_name, status, template_key as file, null::jsonb as lesson
						 from public.sheets where pair_id = $1
						 union all
						 select s.template_key, l.doc_name, s.status, s.template_key || '-lesson-' || l.number,
							jsonb_build_object('number', l.number, 'date', l.lesson_date, 'class', l.class_name,
								'subject', l.subject, 'created_at', l.created_at)
						 from public.sheet_lessons l join public.sheets s on s.id = l.sheet_id
						 where l.pair_id = $1
						 order by 1, 4`,
						[pair.id]
					);
					for (const sheet of sheets) {
						const doc = await loadStoredDoc(tx, sheet.doc_name);
						const template = getTemplate(sheet.template_key);
						put(
							`${base}/sheets/${segment(sheet.file)}.json`,
							json({
								status: sheet.status,
								...(sheet.lesson ? { lesson: sheet.lesson } : {}),
								...sheetJson(doc, template)
							})
						);
						// The PDF of the sheet (the runtime passes pdf/sheets.ts's renderer).
						if (template && options.renderSheetPdf) {
							const pdf = await options.renderSheetPdf({ template, doc, locale });
							if (pdf) put(`${base}/sheets/${segment(sheet.file)}.pdf`, pdf);
						}
						doc.destroy();
					}
				}
			}
		},
		{
			name: 'logbooks',
			async build(tx, put) {
				const pairs = await pairsOf(tx);
				for (const [index, pair] of pairs.entries()) {
					if (pair.role === 'supporter') continue;
					const base = folder(pair, index);
					const doc = await loadStoredDoc(tx, `pair/${pair.id}/log/${userId}`);
					const template = getTemplate(pair.role === 'mentor' ? MENTOR_LOG_KEY : MENTEE_LOG_KEY);
					put(`${base}/logbook-part1.json`, json(sheetJson(doc, template)));
					doc.destroy();
					put(
						`${base}/logbook-part2.json`,
						json(
							await tx.query(
								`select met_on, sheet_used, difficulties, strengthening, other, difficulty_flag, created_at
								 from public.log_submissions where pair_id = $1 and author_id = $2 order by created_at`,
								[pair.id, userId]
							)
						)
					);
				}
			}
		},
		{
			// Group mentoring: the group's shared sheets the person co-wrote, their own logbook (part 1,
			// a document only they open) and the part-2 entries they sent. Never another member's log.
			name: 'mentor-groups',
			async build(tx, put) {
				const groups = await tx.query<{ id: string; name: string; program: string; role: string }>(
					`select g.id, g.name, pg.name as program,
						case when g.mentor_id = $1 then 'mentor' else 'teacher' end as role
					 from public.mentor_groups g join public.programs pg on pg.id = g.program_id
					 where g.mentor_id = $1 or exists (
						select 1 from public.mentor_group_members m where m.group_id = g.id and m.user_id = $1)
					 order by g.created_at, g.id`,
					[userId]
				);
				for (const [index, group] of groups.entries()) {
					const base = `mentor-groups/${index + 1}-${segment(group.name)}`;
					put(
						`${base}/group.json`,
						json({ name: group.name, programme: group.program, role: group.role })
					);
					const sheets = await tx.query<{ template_key: string; doc_name: string }>(
						`select template_key, doc_name from public.mentor_group_sheets
						 where group_id = $1 order by template_key`,
						[group.id]
					);
					for (const sheet of sheets) {
						const doc = await loadStoredDoc(tx, sheet.doc_name);
						put(
							`${base}/sheets/${segment(sheet.template_key)}.json`,
							json(sheetJson(doc, getTemplate(sheet.template_key)))
						);
						doc.destroy();
					}
					const log = await loadStoredDoc(tx, `mgroup/${group.id}/log/${userId}`);
					const template = getTemplate(group.role === 'mentor' ? MENTOR_LOG_KEY : MENTEE_LOG_KEY);
					put(`${base}/logbook-part1.json`, json(sheetJson(log, template)));
					log.destroy();
					put(
						`${base}/logbook-part2.json`,
						json(
							await tx.query(
								`select met_on, sheet_used, difficulties, strengthening, other, difficulty_flag, created_at
								 from public.log_submissions where mentor_group_id = $1 and author_id = $2
								 order by created_at`,
								[group.id, userId]
							)
						)
					);
				}
			}
		},
		{
			name: 'messages',
			async build(tx, put) {
				const pairs = await pairsOf(tx);
				for (const [index, pair] of pairs.entries()) {
					if (pair.role === 'supporter') continue;
					// The conversation the person is party to: both people's messages (they were written
					// to the person, who reads them in the product already), authors by name.
					put(
						`${folder(pair, index)}/messages.json`,
						json(
							await tx.query(
								`select case when m.author_id = $2 then 'me' else 'partner' end as "from",
									pr.display_name as author, m.body, m.created_at, m.edited_at, m.deleted_at,
									coalesce((select jsonb_agg(jsonb_build_object('name', f.name, 'type', f.content_type,
										'size', f.size)) from public.files f where f.message_id = m.id), '[]') as files
								 from public.messages m left join public.profiles pr on pr.id = m.author_id
								 where m.pair_id = $1 order by m.created_at, m.id`,
								[pair.id, userId]
							)
						)
					);
				}
			}
		},
		{
			name: 'groups',
			async build(tx, put) {
				put(
					'groups.json',
					json(
						await tx.query(
							`select g.name, g.kind, gm.role, gm.created_at from public.group_members gm
							 join public.groups g on g.id = gm.group_id where gm.user_id = $1`,
							[userId]
						)
					)
				);
				// Their own needs analyses and self-evaluations, per group (by name: the export is theirs).
				put(
					'needs-analyses.json',
					json(
						await tx.query(
							`select g.name as group, na.moment, na.answers, na.submitted_at
							 from public.needs_analyses na join public.groups g on g.id = na.group_id
							 where na.user_id = $1 order by g.name, na.submitted_at`,
							[userId]
						)
					)
				);
				put(
					'self-evaluations.json',
					json(
						await tx.query(
							`select g.name as group, se.moment, se.answers, se.going_well, se.to_grow,
								se.submitted_at
							 from public.community_self_evaluations se join public.groups g on g.id = se.group_id
							 where se.user_id = $1 order by g.name, se.submitted_at`,
							[userId]
						)
					)
				);
				const reflections = await tx.query<{ id: string; title: string; doc_name: string }>(
					`select id, title, doc_name, shared_at, share_scope, created_at from public.reflections
					 where author_id = $1 order by created_at`,
					[userId]
				);
				for (const [index, reflection] of reflections.entries()) {
					const doc = await loadStoredDoc(tx, reflection.doc_name);
					put(
						`reflections/${index + 1}-${segment(reflection.title)}.json`,
						json({ ...reflection, id: undefined, doc_name: undefined, content: doc.toJSON() })
					);
					doc.destroy();
				}
			}
		},
		{
			// The person's own contributions to the resource library (case studies, links, documents
			// as name, type and size: the files stay downloadable in the library), the collections they
			// made and their own done marks.
			name: 'library',
			async build(tx, put) {
				const contributions = await tx.query(
					`select r.kind, r.title, r.description, r.body, r.url, r.file_name, r.file_type, r.file_size,
						r.phases, r.instruments, r.audience, r.status,
						coalesce(pg.name, o.name) as scope, r.program_id is null as organisation_wide,
						r.created_at, r.updated_at, r.published_at
					 from public.resources r
					 left join public.programs pg on pg.id = r.program_id
					 left join public.organisations o on o.id = r.organisation_id
					 where r.author_id = $1 order by r.created_at, r.id`,
					[userId]
				);
				const collections = await tx.query(
					`select c.kind, c.title, c.description, c.audience,
						coalesce(pg.name, o.name) as scope, c.created_at, c.updated_at
					 from public.resource_collections c
					 left join public.programs pg on pg.id = c.program_id
					 left join public.organisations o on o.id = c.organisation_id
					 where c.created_by = $1 order by c.created_at, c.id`,
					[userId]
				);
				const done = await tx.query(
					`select c.title as collection, r.title as resource,
						coalesce(pg.name, o.name) as scope, d.done_at
					 from public.resource_done d
					 join public.resource_collection_items i on i.id = d.item_id
					 join public.resource_collections c on c.id = i.collection_id
					 join public.resources r on r.id = i.resource_id
					 left join public.programs pg on pg.id = c.program_id
					 left join public.organisations o on o.id = c.organisation_id
					 where d.user_id = $1 order by d.done_at, d.item_id`,
					[userId]
				);
				put('library/contributions.json', json(contributions));
				put('library/collections.json', json(collections));
				put('library/done.json', json(done));
			}
		},
		{
			name: 'notifications',
			async build(tx, put) {
				put(
					'notifications.json',
					json(
						await tx.query(
							`select kind, category, link, params, created_at, read_at, emailed_at
							 from public.notifications where user_id = $1 order by created_at`,
							[userId]
						)
					)
				);
			}
		},
		{
			name: 'audit',
			async build(tx, put) {
				// What others did that concerns the person (monitoring reads, exports, erasures) …
				await tx.query("select set_config('request.jwt.claims', $1, true)", [
					JSON.stringify({ sub: userId, role: 'authenticated' })
				]);
				put(
					'audit/about-me.json',
					json(await tx.query('select * from public.audit_events_about_me(100, 0)'))
				);
				// … and what the person did.
				put(
					'audit/my-actions.json',
					json(
						await tx.query(
							`select e.action, e.entity_type, pg.name as program, e.created_at
							 from public.audit_events e left join public.programs pg on pg.id = e.program_id
							 where e.actor_id = $1 order by e.created_at`,
							[userId]
						)
					)
				);
			}
		}
	];

	for (const [index, section] of sections.entries()) {
		await db.asService((tx) => section.build(tx, add));
		await options.onProgress?.(Math.round(((index + 1) / (sections.length + 1)) * 100));
	}
	add(
		'README.txt',
		strToU8(
			[
				'Mentorpad — je gegevens / your data',
				'',
				'NL: Alles wat Mentorpad over jou bewaart: profiel, lidmaatschappen, je werkbladen (JSON),',
				'je logboeken, de gesprekken van je koppels, je mentorgroepen (hun werkbladen en je eigen',
				'logboek), je bijdragen aan de bibliotheek en je vinkjes,',
				'je meldingen en wie jouw gegevens inzag.',
				'EN: Everything Mentorpad keeps about you: profile, memberships, your sheets (JSON), your',
				'logbooks, your pairs\u2019 conversations, your mentor groups (their worksheets and your own',
				'logbook), your library contributions and ticks, your',
				'notifications and who read your data.',
				'',
				`Created: ${new Date().toISOString()}`
			].join('\n')
		)
	);
	return entries;
}

/** The entries as one zip, yielding to the event loop between files. */
export async function zipEntries(entries: ZipEntries): Promise<Uint8Array<ArrayBuffer>> {
	const chunks: Uint8Array[] = [];
	let failure: Error | null = null;
	let finished = false;
	const zip = new Zip((error, chunk, final) => {
		if (error) failure = error;
		else chunks.push(chunk);
		if (final) finished = true;
	});
	for (const [path, data] of entries) {
		const file = new ZipDeflate(path, { level: 6 });
		zip.add(file);
		file.push(data, true);
		await new Promise((resolve) => setImmediate(resolve));
	}
	zip.end();
	if (failure) throw failure;
	if (!finished) throw new Error('zip did not finish');
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** Asks for an export: the row the page shows and the job that builds it, in one transaction. */
export async function requestExport(db: Database, userId: string): Promise<string> {
	return db.asService(async (tx) => {
		// One at a time: asking again while one is being made returns that one.
		const [open] = await tx.query<{ id: string }>(
			"select id from public.data_exports where user_id = $1 and status in ('queued', 'running') limit 1 for update",
			[userId]
		);
		if (open) return open.id;
		const [row] = await tx.query<{ id: string }>(
			'insert into public.data_exports (user_id, expires_at) values ($1, now() + make_interval(days => $2)) returning id',
			[userId, EXPORT_DAYS]
		);
		await enqueue(tx, {
			kind: EXPORT_JOB,
			key: `${EXPORT_JOB}:${row.id}`,
			payload: { exportId: row.id }
		});
		// In the trail of every programme the person is in (its coordinator sees exports), or alone.
		await tx.query(
			`insert into public.audit_events (organisation_id, program_id, actor_id, action, entity_type, entity_id, details)
			 select pg.organisation_id, pg.id, $1::uuid, 'data.export', 'person', $2, '{}'::jsonb
			 from public.memberships m join public.programs pg on pg.id = m.program_id where m.user_id = $1::uuid
			 union all select null, null, $1::uuid, 'data.export', 'person', $2, '{}'::jsonb
			 where not exists (select 1 from public.memberships where user_id = $1::uuid)`,
			[userId, userId]
		);
		return row.id;
	});
}

/** The job: builds the zip, stores it, marks the row done (again after a crash: same key). */
export async function runExport(
	db: Database,
	files: FileStore,
	exportId: string,
	options: { renderSheetPdf?: SheetPdfRenderer } = {}
): Promise<void> {
	const [row] = await db.asService((tx) =>
		tx.query<{ user_id: string; status: string }>(
			"update public.data_exports set status = 'running' where id = $1 and status <> 'done' returning user_id, status",
			[exportId]
		)
	);
	if (!row) return;
	const setProgress = (percent: number) =>
		db
			.asService((tx) =>
				tx.query('update public.data_exports set progress = $2 where id = $1', [
					exportId,
					Math.min(99, percent)
				])
			)
			.then(() => undefined);
	const entries = await collectExport(db, row.user_id, {
		onProgress: setProgress,
		renderSheetPdf: options.renderSheetPdf
	});
	const zip = await zipEntries(entries);
	const key = exportKey(exportId);
	await files.delete([key]);
	await files.put(key, zip, 'application/zip');
	await db.asService((tx) =>
		tx.query(
			`update public.data_exports set status = 'done', progress = 100, file_key = $2, size_bytes = $3,
				finished_at = now() where id = $1`,
			[exportId, key, zip.length]
		)
	);
}
