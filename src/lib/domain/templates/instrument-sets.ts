/**
 * Which pair sheets (instruments) a programme uses: a default set per programme kind, which the
 * programme's coordinator may adjust (switch any instrument on or off, reorder within a phase),
 * and per instrument its recommended use (face-to-face / e-mentoring) and relationship stage,
 * from the VM-PRO guide's tables "Instrumenten – etappe van de relatie" and "Instrumenten –
 * gebruik" (`001…`, "Tabel met de instrumenten"). Pure data and functions: no database.
 *
 * Logbooks (A, B) are not in a set: every pair keeps one per meeting, whatever the kind. The
 * intake forms (self-evaluation, expertise/strengths/interests) are programme forms, not pair
 * sheets; they are filled before the pairs exist.
 */
import type { ProgramKind } from '../programs/schemas';
import { PATH_PHASES, isPathPhase, type PathPhase } from '../phases';
import type { Phase, Template } from './types';

/** "FTF", "e" or both, as the 001 table recommends. */
export type InstrumentUse = 'face-to-face' | 'e-mentoring' | 'both';

/** "Beginetappe", "Middenetappe", "Eindetappe", "Tijdens de hele periode". */
export type InstrumentStage = 'begin' | 'middle' | 'end' | 'whole';

export interface InstrumentFacts {
	readonly use: InstrumentUse;
	readonly stage: InstrumentStage;
	/**
	 * `001`: the instrument is in the 001 tables and both values are copied from them. `toolkit`:
	 * it is not (01b, "In je rol als mentor" and the 20 statements come from 002, the closing
	 * conversation from 001's MO text): the use is TOOLKIT.md's default mode, the stage follows the
	 * phase the instrument belongs to (BR → begin, SD/P → middle, WU/MO → end).
	 */
	readonly source: '001' | 'toolkit';
}

/** Use and stage of every pair sheet, by template key. */
export const INSTRUMENT_FACTS: Readonly<Record<string, InstrumentFacts>> = {
	'01-agreement': { use: 'face-to-face', stage: 'begin', source: '001' },
	'01b-agreement-weeks': { use: 'face-to-face', stage: 'begin', source: 'toolkit' },
	'02-confidentiality': { use: 'face-to-face', stage: 'begin', source: '001' },
	'03-mutual-presentation': { use: 'face-to-face', stage: 'begin', source: '001' },
	'role-planning': { use: 'face-to-face', stage: 'begin', source: 'toolkit' },
	'statements-20': { use: 'both', stage: 'begin', source: 'toolkit' },
	PS1: { use: 'both', stage: 'middle', source: '001' },
	PS2: { use: 'both', stage: 'middle', source: '001' },
	PS3: { use: 'both', stage: 'middle', source: '001' },
	V1: { use: 'face-to-face', stage: 'middle', source: '001' },
	V2: { use: 'face-to-face', stage: 'middle', source: '001' },
	V3: { use: 'face-to-face', stage: 'middle', source: '001' },
	S1: { use: 'face-to-face', stage: 'middle', source: '001' },
	S2: { use: 'face-to-face', stage: 'middle', source: '001' },
	S3: { use: 'face-to-face', stage: 'middle', source: '001' },
	S4: { use: 'face-to-face', stage: 'middle', source: '001' },
	'04-development-plan': { use: 'both', stage: 'end', source: '001' },
	'MO-closing': { use: 'face-to-face', stage: 'end', source: 'toolkit' },
	// The beginning-teacher sheets (003): not in 001's tables. Observing a lesson happens in the
	// classroom; the self-assessment and co-preparing a lesson also work at a distance.
	'teacher-roles': { use: 'both', stage: 'middle', source: 'toolkit' },
	'lesson-preparation': { use: 'both', stage: 'end', source: 'toolkit' },
	'lesson-observation': { use: 'face-to-face', stage: 'end', source: 'toolkit' },
	// The logbooks are outside every set, but the table names them: shown where a logbook is.
	'A-mentor-log': { use: 'both', stage: 'whole', source: '001' },
	'B-mentee-log': { use: 'both', stage: 'whole', source: '001' }
};

const PHASE_STAGE: Record<Phase, InstrumentStage> = {
	matching: 'begin',
	BR: 'begin',
	SD: 'middle',
	P: 'middle',
	WU: 'end',
	MO: 'end',
	whole: 'whole'
};

const MODE_USE: Record<Template['mode'], InstrumentUse> = {
	'face-to-face': 'face-to-face',
	online: 'e-mentoring',
	either: 'both',
	'after-meeting': 'both'
};

/** The facts of a template: from the table above, else derived from its phase and mode. */
export function instrumentFacts(template: Template): InstrumentFacts {
	return (
		INSTRUMENT_FACTS[template.key] ?? {
			use: MODE_USE[template.mode],
			stage: PHASE_STAGE[template.phase],
			source: 'toolkit'
		}
	);
}

/**
 * The closing conversation: the path cannot end without it (path.ts), so it is in every set of a
 * kind that has pairs and the coordinator cannot switch it off.
 */
export const REQUIRED_INSTRUMENTS: readonly string[] = ['MO-closing'];

/**
 * The default set per kind, in path order (the catalogue's order within each phase).
 * - Youth (`001…`, VM-PRO): the whole toolkit, as every pair had it before sets existed.
 * - School leaders (`000…`, `002…`): the agreement of the 002 pack (01b; 01 can be added),
 *   confidentiality 02, "In je rol als mentor" and the 20 statements (002), the first needs
 *   analysis PS1 and goal setting V1 with its action plan, the development plan 04 and the closing
 *   conversation. No youth exercise sheets (S1–S4, V3) unless the coordinator adds them.
 * - Beginning teachers (`003…`): agreement, confidentiality, the self-assessment against the ten
 *   roles of the professional profile (its growth wishes become plan goals), the development
 *   plan, co-preparing a lesson and the lesson observation, the closing conversation.
 * - Learning communities (`004…`): no pair sheets; groups have their own documents.
 */
export const DEFAULT_INSTRUMENT_SETS: Readonly<Record<ProgramKind, readonly string[]>> = {
	youth: [
		'01-agreement',
		'01b-agreement-weeks',
		'02-confidentiality',
		'03-mutual-presentation',
		'role-planning',
		'statements-20',
		'PS1',
		'PS2',
		'PS3',
		'V1',
		'V2',
		'V3',
		'S1',
		'S2',
		'S3',
		'S4',
		'04-development-plan',
		'MO-closing'
	],
	school_leader: [
		'01b-agreement-weeks',
		'02-confidentiality',
		'role-planning',
		'statements-20',
		'PS1',
		'V1',
		'04-development-plan',
		'MO-closing'
	],
	teacher_induction: [
		'01b-agreement-weeks',
		'02-confidentiality',
		'teacher-roles',
		'04-development-plan',
		'lesson-preparation',
		'lesson-observation',
		'MO-closing'
	],
	learning_community: []
};

/** A coordinator's choice for one instrument of one programme (`program_instruments`). */
export interface InstrumentOverride {
	readonly templateKey: string;
	readonly enabled: boolean;
	/** Order within the instrument's phase; lower first. */
	readonly position: number;
}

/** One instrument as a programme uses it or could. */
export interface InstrumentChoice {
	readonly key: string;
	readonly phase: PathPhase;
	readonly enabled: boolean;
	/** Whether the kind's default set has it. */
	readonly inDefault: boolean;
	/** The closing conversation: always on. */
	readonly required: boolean;
	readonly position: number;
	readonly use: InstrumentUse;
	readonly stage: InstrumentStage;
}

/**
 * Every instrument of the catalogue with whether this programme uses it, in path order: by phase,
 * then by position (the coordinator's, else the default set's order, else the catalogue's after
 * the defaults). Overrides for keys the catalogue does not have are ignored.
 */
export function instrumentChoices(
	kind: ProgramKind,
	overrides: readonly InstrumentOverride[],
	catalogue: readonly Template[]
): InstrumentChoice[] {
	const defaults = DEFAULT_INSTRUMENT_SETS[kind];
	const byKey = new Map(overrides.map((o) => [o.templateKey, o]));
	const pairKind = kind !== 'learning_community';
	const choices = catalogue
		.filter((tpl) => isPathPhase(tpl.phase))
		.map((tpl, catalogueIndex): InstrumentChoice => {
			const own = byKey.get(tpl.key);
			const defaultAt = defaults.indexOf(tpl.key);
			const required = pairKind && REQUIRED_INSTRUMENTS.includes(tpl.key);
			const facts = instrumentFacts(tpl);
			return {
				key: tpl.key,
				phase: tpl.phase as PathPhase,
				enabled: required || (own ? own.enabled : defaultAt >= 0),
				inDefault: defaultAt >= 0,
				required,
				position: own ? own.position : defaultAt >= 0 ? defaultAt : 1000 + catalogueIndex,
				use: facts.use,
				stage: facts.stage
			};
		});
	const phaseRank = (p: PathPhase) => PATH_PHASES.indexOf(p);
	const catalogueRank = new Map(catalogue.map((t, i) => [t.key, i]));
	return choices.sort(
		(a, b) =>
			phaseRank(a.phase) - phaseRank(b.phase) ||
			a.position - b.position ||
			(catalogueRank.get(a.key) ?? 0) - (catalogueRank.get(b.key) ?? 0)
	);
}

/** The instruments a programme uses, in path order (what every pair of it sees). */
export function effectiveInstruments(
	kind: ProgramKind,
	overrides: readonly InstrumentOverride[],
	catalogue: readonly Template[]
): InstrumentChoice[] {
	return instrumentChoices(kind, overrides, catalogue).filter((c) => c.enabled);
}

/**
 * The overrides that store a list of choices exactly, with positions 0, 1, 2 … within each
 * phase: what the coordinator's screen saves (the whole list, so the order is kept as shown).
 */
export function overridesFor(
	choices: readonly { key: string; phase: PathPhase; enabled: boolean }[]
): InstrumentOverride[] {
	const next = new Map<PathPhase, number>();
	return choices.map((c) => {
		const position = next.get(c.phase) ?? 0;
		next.set(c.phase, position + 1);
		return { templateKey: c.key, enabled: c.enabled, position };
	});
}

/**
 * Moves one instrument a place up or down within its phase; returns the list unchanged when it
 * is already first or last there (the screen's keyboard buttons).
 */
export function moveWithinPhase<T extends { key: string; phase: PathPhase }>(
	list: readonly T[],
	key: string,
	direction: -1 | 1
): T[] {
	const out = [...list];
	const at = out.findIndex((c) => c.key === key);
	if (at < 0) return out;
	const to = at + direction;
	if (to < 0 || to >= out.length || out[to].phase !== out[at].phase) return out;
	[out[at], out[to]] = [out[to], out[at]];
	return out;
}
