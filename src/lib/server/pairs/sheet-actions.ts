import { notifySigned } from '$lib/server/notifications/events';
import { createHash, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { PairRef } from '$lib/domain/policy';
import { TABLE_ROW_ID, fieldsOf, getTemplate, type Template } from '$lib/domain/templates';
import { canonicalContent, readFieldContent } from '$lib/shared/sheet-doc';
import type { CollabServer } from '$lib/server/collab/server';
import type { Database } from '$lib/server/db/types';
import type { CollabContext, ContextWith } from '$lib/server/context';
import { audit, auditAsService } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { CONFIDENTIALITY_KEY, DEVELOPMENT_PLAN_KEY } from '$lib/domain/templates/keys';

export interface SheetRow {
	id: string;
	pairId: string;
	key: string;
	docName: string;
	templateVersion: number;
	status: 'open' | 'completed';
}

/** A sheet of a pair by template key; read as the service after the policy allowed the caller. */
export async function findSheet(
	db: Database,
	pairId: string,
	key: string
): Promise<SheetRow | null> {
	const rows = await db.asService((tx) =>
		tx.query<SheetRow>(
			`select id, pair_id as "pairId", template_key as key, doc_name as "docName",
				template_version as "templateVersion", status
			 from public.sheets where pair_id = $1 and template_key = $2`,
			[pairId, key]
		)
	);
	return rows[0] ?? null;
}

/** SHA-256 of what a signature covers (see canonicalContent). */
export async function contentHash(collab: CollabServer, sheet: SheetRow, template: Template) {
	const canonical = await collab.readDocument(sheet.docName, (doc) =>
		canonicalContent(doc, template)
	);
	return createHash('sha256').update(canonical).digest('hex');
}

export interface SignatureView {
	signerId: string;
	name: string;
	role: 'mentor' | 'mentee' | 'coordinator';
	signedAt: string;
	/** Signed the content as it is now. */
	current: boolean;
}

/** The latest signature of each signer, compared with the content as it is now. */
export async function signaturesOf(
	db: Database,
	collab: CollabServer,
	sheet: SheetRow
): Promise<{ signatures: SignatureView[]; changedSinceSigned: boolean }> {
	const template = getTemplate(sheet.key);
	if (!template?.signers?.length) return { signatures: [], changedSinceSigned: false };
	const rows = await db.asService((tx) =>
		tx.query<{
			signer_id: string;
			name: string | null;
			role: SignatureView['role'];
			signed_at: Date;
			content_hash: string;
		}>(
			`select distinct on (s.signer_id) s.signer_id, p.display_name as name, s.role, s.signed_at, s.content_hash
			 from public.signatures s left join public.profiles p on p.id = s.signer_id
			 where s.sheet_id = $1 order by s.signer_id, s.signed_at desc`,
			[sheet.id]
		)
	);
	if (rows.length === 0) return { signatures: [], changedSinceSigned: false };
	const now = await contentHash(collab, sheet, template);
	const signatures = rows
		.map((r) => ({
			signerId: r.signer_id,
			name: r.name ?? '—',
			role: r.role,
			signedAt: new Date(r.signed_at).toISOString(),
			current: r.content_hash === now
		}))
		.sort((a, b) => a.signedAt.localeCompare(b.signedAt));
	return { signatures, changedSinceSigned: signatures.some((s) => !s.current) };
}

/**
 * Signs the sheet as it is now. The server computes the hash from the document and writes the
 * row itself (people cannot insert signatures through the API, so no one can sign a hash of
 * their choosing); the statement re-checks that the signer holds that role in the pair now.
 */
export async function signSheet(
	ctx: CollabContext,
	pair: PairRef,
	sheet: SheetRow,
	role: 'mentor' | 'mentee' | 'coordinator'
): Promise<void> {
	const { db, collab, claims } = ctx;
	const template = getTemplate(sheet.key);
	if (!template?.signers?.includes(role)) throw new DomainError('invalid', 'not_signable');
	const hash = await contentHash(collab, sheet, template);
	await db.asService(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into public.signatures (sheet_id, pair_id, signer_id, template_key, role, content_hash)
			 select s.id, s.pair_id, $2, s.template_key, $3, $4
			 from public.sheets s join public.pairs p on p.id = s.pair_id
			 join public.memberships m on m.program_id = p.program_id and m.user_id = $2
				and m.status = 'active' and m.role = $3
			 where s.id = $1 and case $3
				when 'mentor' then p.mentor_id = $2 and p.status in ('active', 'exit_requested')
				when 'mentee' then p.mentee_id = $2 and p.status in ('active', 'exit_requested')
				else s.template_key = '${CONFIDENTIALITY_KEY}'
			 end
			 returning id`,
			[sheet.id, claims.sub, role, hash]
		);
		if (!rows[0]) throw new DomainError('forbidden', 'forbidden');
		await auditAsService(tx, claims.sub, 'sheet.sign', 'sheet', sheet.id, pair.programId, {
			template: sheet.key,
			role
		});
	});
	await notifySigned(db, { pairId: pair.id, sheetKey: sheet.key, signerId: claims.sub, role });
}

/**
 * Copies a field marked "can be copied to the development plan" into the pair's plan (04): a
 * paragraph naming where it came from is appended to the plan's first receiving field, and the
 * `copied` list of the plan document records the source.
 */
export async function copyToPlan(
	ctx: ContextWith<'collab' | 'locale'>,
	pair: PairRef,
	sheet: SheetRow,
	fieldKey: string
): Promise<void> {
	const { db, collab, claims, locale } = ctx;
	const template = getTemplate(sheet.key);
	const field = template && fieldsOf(template).find((f) => f.key === fieldKey);
	const copyable =
		field &&
		(field.copyToPlan || (field.kind === 'table' && field.columns.some((c) => c.copyToPlan)));
	if (!template || !field || !copyable) throw new DomainError('invalid', 'not_copyable');
	const plan = await findSheet(db, pair.id, DEVELOPMENT_PLAN_KEY);
	const planTemplate = getTemplate(DEVELOPMENT_PLAN_KEY);
	const target =
		planTemplate && fieldsOf(planTemplate).find((f) => f.planTarget && f.kind === 'rich');
	if (!plan || !target) throw new DomainError('not_found', 'not_found');

	const content = await collab.readDocument(sheet.docName, (doc) => {
		const value = readFieldContent(doc, field);
		if (typeof value === 'string') return value;
		if (Array.isArray(value))
			return value
				.map((row) =>
					Object.values(row)
						.filter((v) => v !== null && v !== '')
						.join(' · ')
				)
				.filter(Boolean)
				.join('\n');
		return '';
	});
	if (!content.trim()) throw new DomainError('invalid', 'nothing_to_copy');
	const label = `${template.title[locale]} · ${field.label[locale]}`;
	await collab.changeDocument(plan.docName, (doc) => {
		const fragment = doc.getXmlFragment(target.key);
		const paragraphs = [`[${label}]`, ...content.split('\n')].map((line) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(line)]);
			return paragraph;
		});
		fragment.push(paragraphs);
		const record = new Y.Map<unknown>();
		record.set('template', template.key);
		record.set('field', field.key);
		record.set('into', target.key);
		record.set('by', claims.sub);
		record.set('at', new Date().toISOString());
		doc.getArray<Y.Map<unknown>>('copied').push([record]);
	});
	await db.asUser(claims, (tx) =>
		audit(tx, 'sheet.copy_to_plan', 'sheet', sheet.id, pair.programId, {
			template: sheet.key,
			field: fieldKey
		})
	);
}

/** The development plan's goals table and its goal column (04, "Actieplan"). */
export const PLAN_GOALS_TABLE = 'action-plan';
export const PLAN_GOAL_COLUMN = 'goal';

/**
 * Turns a field marked `planGoal` (a growth wish of the ten-roles self-assessment) into a goal of
 * the pair's development plan: a new row of 04's action-plan table whose goal cell names the
 * source and holds the wish. Done by the server through the collaboration server, like
 * {@link copyToPlan}, so everyone with 04 open sees the row arrive and the plan's rules (who may
 * write, a read-only pair) stay in one place. Every other cell of the row is created empty, as a
 * row added in the browser is.
 */
export async function goalToPlan(
	ctx: ContextWith<'collab' | 'locale'>,
	pair: PairRef,
	sheet: SheetRow,
	fieldKey: string
): Promise<{ rowId: string }> {
	const { db, collab, claims, locale } = ctx;
	const template = getTemplate(sheet.key);
	const field = template && fieldsOf(template).find((f) => f.key === fieldKey);
	if (!template || !field?.planGoal) throw new DomainError('invalid', 'not_copyable');
	const plan = await findSheet(db, pair.id, DEVELOPMENT_PLAN_KEY);
	const planTemplate = getTemplate(DEVELOPMENT_PLAN_KEY);
	const goals = planTemplate && fieldsOf(planTemplate).find((f) => f.key === PLAN_GOALS_TABLE);
	if (!plan || goals?.kind !== 'table') throw new DomainError('not_found', 'not_found');

	const content = await collab.readDocument(sheet.docName, (doc) => {
		const value = readFieldContent(doc, field);
		return typeof value === 'string' ? value : '';
	});
	if (!content.trim()) throw new DomainError('invalid', 'nothing_to_copy');
	const section = template.sections.find((s) => s.fields.includes(field));
	const source = section ? section.title[locale] : template.title[locale];
	const rowId = `plan-goal-${randomUUID()}`;
	await collab.changeDocument(plan.docName, (doc) => {
		const row = new Y.Map<unknown>();
		row.set(TABLE_ROW_ID, rowId);
		for (const column of goals.columns) {
			if (column.kind === 'text') row.set(column.key, new Y.Text());
			else if (column.kind === 'rich') row.set(column.key, new Y.XmlFragment());
		}
		// Push first: a map that is not in the document yet does not return its cells.
		doc.getArray<Y.Map<unknown>>(PLAN_GOALS_TABLE).push([row]);
		const goal = row.get(PLAN_GOAL_COLUMN);
		if (goal instanceof Y.XmlFragment) {
			goal.push(
				[`[${source}]`, ...content.split('\n').filter((line) => line.trim())].map((line) => {
					const paragraph = new Y.XmlElement('paragraph');
					paragraph.insert(0, [new Y.XmlText(line)]);
					return paragraph;
				})
			);
		}
		const record = new Y.Map<unknown>();
		record.set('template', template.key);
		record.set('field', field.key);
		record.set('into', `${PLAN_GOALS_TABLE}.${PLAN_GOAL_COLUMN}`);
		record.set('by', claims.sub);
		record.set('at', new Date().toISOString());
		doc.getArray<Y.Map<unknown>>('copied').push([record]);
	});
	await db.asUser(claims, (tx) =>
		audit(tx, 'sheet.goal_to_plan', 'sheet', sheet.id, pair.programId, {
			template: sheet.key,
			field: fieldKey
		})
	);
	return { rowId };
}
