/**
 * A programme's instrument set: its kind's default (domain/templates/instrument-sets.ts) with the
 * coordinator's overrides (`public.program_instruments`), and which sheets a pair therefore sees.
 *
 * Sheet rows: every pair still gets one row per catalogue sheet when it is made (insertPair), so
 * switching an instrument on in a running programme makes it appear for every pair at once, with
 * nothing to create, and a sheet keeps its document whatever the set does later. Rows that are
 * missing (a template added to the catalogue after the pair was made) are created for every pair
 * of the programme right after the coordinator saves the set (as the service: a coordinator may not
 * read a pair's sheets), and for one pair when its page loads ({@link ensurePairSheets}). Visibility is decided here, on every read: a
 * sheet is shown when its instrument is on, or when it already has content (progress, a signature,
 * marked completed), so switching an instrument off never hides work a pair did.
 */
import { randomUUID } from 'node:crypto';
import type { PathPhase } from '$lib/domain/phases';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { getTemplate, pairSheets, type Template } from '$lib/domain/templates';
import {
	instrumentChoices,
	overridesFor,
	type InstrumentChoice,
	type InstrumentOverride
} from '$lib/domain/templates/instrument-sets';
import { formatDocumentName } from '$lib/shared/collab';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

async function overridesOf(tx: Tx, programId: string): Promise<InstrumentOverride[]> {
	return tx.query<InstrumentOverride>(
		`select template_key as "templateKey", enabled, position
		 from public.program_instruments where program_id = $1`,
		[programId]
	);
}

export interface ProgramInstruments {
	kind: ProgramKind;
	/** Every pair sheet of the catalogue, in path order, with whether the programme uses it. */
	choices: InstrumentChoice[];
	/** Whether the coordinator changed anything (else the kind's default applies as it is). */
	customised: boolean;
}

/** The set of a programme as its member sees it (RLS: members read the overrides). */
export async function getProgramInstruments(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<ProgramInstruments | null> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ kind: ProgramKind }>(
			'select kind from public.programs where id = $1',
			[programId]
		);
		if (!rows[0]) return null;
		const overrides = await overridesOf(tx, programId);
		return {
			kind: rows[0].kind,
			choices: instrumentChoices(rows[0].kind, overrides, pairSheets),
			customised: overrides.length > 0
		};
	});
}

/**
 * Creates the missing sheet rows of the given instruments for every pair of a programme. As the
 * service, once the coordinator's change is saved: a coordinator may not read a pair's sheets
 * (RLS), so could not tell which rows are missing. Idempotent; {@link ensurePairSheets} repairs a
 * pair whose rows this did not reach.
 */
async function createMissingSheets(db: Database, programId: string, keys: readonly string[]) {
	if (keys.length === 0) return 0;
	return db.asService(async (tx) => {
		const missing = await tx.query<{ pair_id: string; template_key: string }>(
			`select p.id as pair_id, k.key as template_key
			 from public.pairs p cross join unnest($2::text[]) as k (key)
			 where p.program_id = $1
				and not exists (select 1 from public.sheets s where s.pair_id = p.id and s.template_key = k.key)`,
			[programId, [...keys]]
		);
		for (const row of missing) await insertSheetRow(tx, row.pair_id, row.template_key);
		return missing.length;
	});
}

async function insertSheetRow(tx: Tx, pairId: string, key: string) {
	const template = getTemplate(key);
	if (!template) return;
	const sheetId = randomUUID();
	await tx.query(
		`insert into public.sheets (id, pair_id, template_key, template_version, doc_name)
		 values ($1, $2, $3, $4, $5) on conflict (pair_id, template_key) do nothing`,
		[sheetId, pairId, key, template.version, formatDocumentName({ kind: 'sheet', pairId, sheetId })]
	);
}

export interface InstrumentListEntry {
	key: string;
	enabled: boolean;
}

/**
 * Tells the open sockets of every pair of the programme that the set changed (the runtime's
 * `onPairChanged`: the same re-check as a pair's end), so a socket on a sheet that is switched off
 * and empty closes at once instead of at its next connect.
 */
export type OnPairChanged = (pairId: string) => Promise<void>;

async function announceToPairs(
	db: Database,
	programId: string,
	onPairChanged: OnPairChanged | undefined
): Promise<void> {
	if (!onPairChanged) return;
	const pairs = await db.asService((tx) =>
		tx.query<{ id: string }>('select id from public.pairs where program_id = $1', [programId])
	);
	for (const pair of pairs) await onPairChanged(pair.id);
}

/**
 * Saves the coordinator's list: every pair sheet of the catalogue exactly once, phase by phase
 * in the order shown, each on or off. Stored as overrides with positions 0, 1, 2 … per phase;
 * the instruments switched on get their sheet rows in every pair of the programme at once.
 */
export async function saveProgramInstruments(
	ctx: CommandContext,
	programId: string,
	list: readonly InstrumentListEntry[],
	onPairChanged?: OnPairChanged
): Promise<{ created: number }> {
	const { db, claims } = ctx;
	const phaseOf = new Map(pairSheets.map((t) => [t.key, t.phase]));
	const keys = list.map((e) => e.key);
	if (
		keys.length !== pairSheets.length ||
		new Set(keys).size !== keys.length ||
		!keys.every((k) => phaseOf.has(k))
	)
		throw new DomainError('invalid', 'instr_invalid_list');
	// Phases stay in path order: an instrument never moves into another phase.
	const ordered = list.map((e) => ({ ...e, phase: phaseOf.get(e.key) as PathPhase }));
	const expected = instrumentChoices('youth', [], pairSheets).map((c) => c.phase);
	if (ordered.some((e, i) => e.phase !== expected[i]))
		throw new DomainError('invalid', 'instr_invalid_list');
	const on = await db.asUser(claims, async (tx) => {
		const program = await programKind(tx, programId);
		const overrides = overridesFor(ordered);
		await tx.query('delete from public.program_instruments where program_id = $1', [programId]);
		for (const o of overrides) {
			await tx.query(
				`insert into public.program_instruments (program_id, template_key, enabled, position)
				 values ($1, $2, $3, $4)`,
				[programId, o.templateKey, o.enabled, o.position]
			);
		}
		const keys = instrumentChoices(program, overrides, pairSheets)
			.filter((c) => c.enabled)
			.map((c) => c.key);
		await audit(tx, 'program.instruments', 'program', programId, programId, { enabled: keys });
		return keys;
	});
	const created = await createMissingSheets(db, programId, on);
	await announceToPairs(db, programId, onPairChanged);
	return { created };
}

/** Back to the kind's default set: the overrides go; the default's sheet rows are made where missing. */
export async function resetProgramInstruments(
	db: Database,
	claims: JwtClaims,
	programId: string,
	onPairChanged?: OnPairChanged
): Promise<void> {
	const on = await db.asUser(claims, async (tx) => {
		const kind = await programKind(tx, programId);
		await tx.query('delete from public.program_instruments where program_id = $1', [programId]);
		await audit(tx, 'program.instruments_reset', 'program', programId, programId);
		return instrumentChoices(kind, [], pairSheets)
			.filter((c) => c.enabled)
			.map((c) => c.key);
	});
	await createMissingSheets(db, programId, on);
	await announceToPairs(db, programId, onPairChanged);
}

async function programKind(tx: Tx, programId: string): Promise<ProgramKind> {
	// Only a coordinator may change the set (RLS refuses anyone else's writes as well).
	const rows = await tx.query<{ kind: ProgramKind }>(
		'select kind from public.programs where id = $1 and public.is_program_coordinator(id)',
		[programId]
	);
	if (!rows[0]) throw new DomainError('not_found', 'not_found');
	return rows[0].kind;
}

/** One sheet a pair sees: the instrument and whether its instrument is on in the programme. */
export interface PairInstrument extends InstrumentChoice {
	/** The sheet already has content: shown even when its instrument was switched off since. */
	hasContent: boolean;
}

/**
 * The sheets a pair sees, in path order: the programme's instruments that are on, and any sheet
 * of the pair with content whose instrument was switched off since. Read as the service: the
 * caller has already been allowed the pair by the policy.
 */
export async function pairInstruments(db: Database, pairId: string): Promise<PairInstrument[]> {
	return db.asService(async (tx) => {
		const programs = await tx.query<{ id: string; kind: ProgramKind }>(
			`select pr.id, pr.kind from public.pairs p join public.programs pr on pr.id = p.program_id
			 where p.id = $1`,
			[pairId]
		);
		if (!programs[0]) return [];
		const overrides = await overridesOf(tx, programs[0].id);
		const sheets = await tx.query<{ key: string; has_content: boolean }>(
			`select s.template_key as key,
				(coalesce(sp.filled, 0) > 0 or s.status = 'completed'
					or exists (select 1 from public.signatures g where g.sheet_id = s.id)) as has_content
			 from public.sheets s left join public.sheet_progress sp on sp.sheet_id = s.id
			 where s.pair_id = $1`,
			[pairId]
		);
		const content = new Map(sheets.map((s) => [s.key, s.has_content]));
		return instrumentChoices(programs[0].kind, overrides, pairSheets)
			.filter((c) => content.has(c.key) && (c.enabled || content.get(c.key)))
			.map((c) => ({ ...c, hasContent: content.get(c.key) ?? false }));
	});
}

/**
 * Whether a pair sees one sheet (the sheet route and the collaboration socket ask this): its
 * instrument is on, or the sheet has content. A switched-off instrument's empty sheet is refused.
 */
export async function pairSeesSheet(
	db: Database,
	pairId: string,
	templateKey: string
): Promise<boolean> {
	return (await pairInstruments(db, pairId)).some((i) => i.key === templateKey);
}

/**
 * Creates, for one pair, the rows of instruments that are on but have none (a template added to
 * the catalogue after the pair was made). As the service: the pair's own people may open their
 * pair page but not insert sheet rows. Nothing happens when every row exists.
 */
export async function ensurePairSheets(db: Database, pairId: string): Promise<void> {
	const missing = await db.asService(async (tx) => {
		const rows = await tx.query<{ program_id: string; kind: ProgramKind }>(
			`select p.program_id, pr.kind from public.pairs p join public.programs pr on pr.id = p.program_id
			 where p.id = $1`,
			[pairId]
		);
		if (!rows[0]) return [];
		const overrides = await overridesOf(tx, rows[0].program_id);
		const on = instrumentChoices(rows[0].kind, overrides, pairSheets).filter((c) => c.enabled);
		const have = await tx.query<{ key: string }>(
			'select template_key as key from public.sheets where pair_id = $1',
			[pairId]
		);
		const present = new Set(have.map((h) => h.key));
		return on.filter((c) => !present.has(c.key)).map((c) => c.key);
	});
	if (missing.length === 0) return;
	await db.asService(async (tx) => {
		for (const key of missing) await insertSheetRow(tx, pairId, key);
	});
}

/** The templates of a list of instruments (the catalogue's objects, for titles and counts). */
export function templatesOf(list: readonly { key: string }[]): Template[] {
	return list.map((i) => getTemplate(i.key)).filter((t): t is Template => t !== undefined);
}
