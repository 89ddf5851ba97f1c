import { describe, expect, it } from 'vitest';
import {
	COLUMN_KINDS,
	FIELD_KEY_PATTERN,
	PHASES,
	TABLE_ROW_ID,
	VALUES_MAP,
	claimedKeys,
	countFields,
	fieldsOf,
	getTemplate,
	isFilled,
	logbooks,
	pairSheetKeys,
	phaseOf,
	planSources,
	programmeForms,
	progress,
	respondentEntries,
	templates,
	yjsSlots,
	type Field,
	type LocalizedText,
	type Template
} from '../../../src/lib/domain/templates';
import { sheetUsedOptions } from '../../../src/lib/domain/templates/sheets/a-mentor-log';
import { COMMENTS_MAP } from '../../../src/lib/shared/sheet-comments';

/** The pair sheets of TOOLKIT.md, in path order. */
const TOOLKIT_PAIR_SHEETS = [
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
	// The beginning-teacher sheets (`003…`): self-assessment in SD, the lessons in WU.
	'teacher-roles',
	'V2',
	'V3',
	'S1',
	'S2',
	'S3',
	'S4',
	'04-development-plan',
	'lesson-preparation',
	'lesson-observation',
	// The closing conversation of the MO stage (`001…` L2259), after the toolkit's sheets.
	'MO-closing'
];

const OPTION_KEY_PATTERN = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

function isLocalized(v: unknown): v is LocalizedText {
	return typeof v === 'object' && v !== null && Object.keys(v).sort().join(',') === 'en,nl';
}

/** Every localized string anywhere in a template, with the path that leads to it. */
function localizedTexts(v: unknown, path: string, out: [string, LocalizedText][] = []) {
	if (isLocalized(v)) out.push([path, v]);
	else if (Array.isArray(v)) v.forEach((x, i) => localizedTexts(x, `${path}[${i}]`, out));
	else if (typeof v === 'object' && v !== null)
		for (const [k, x] of Object.entries(v)) localizedTexts(x, `${path}.${k}`, out);
	return out;
}

function duplicates(xs: readonly string[]): string[] {
	return xs.filter((x, i) => xs.indexOf(x) !== i);
}

function tpl(key: string): Template {
	const found = getTemplate(key);
	if (!found) throw new Error(`no template ${key}`);
	return found;
}

describe('the registry', () => {
	it('has unique template keys', () => {
		expect(duplicates(templates.map((t) => t.key))).toEqual([]);
	});

	it('holds every pair sheet of TOOLKIT.md, in path order', () => {
		expect(pairSheetKeys).toEqual(TOOLKIT_PAIR_SHEETS);
	});

	it('holds both logbooks, each in two parts', () => {
		expect(logbooks.map((l) => l.key)).toEqual([
			'A-mentor-log',
			'A-mentor-log-part2',
			'B-mentee-log',
			'B-mentee-log-part2'
		]);
	});

	it('holds the programme-level forms', () => {
		expect(programmeForms.map((f) => f.key)).toEqual([
			'mentee-intake',
			'mentor-self-assessment',
			'match-mentee',
			'match-mentor',
			'teacher-needs',
			'program-self-evaluation'
		]);
		expect(phaseOf('match-mentee')).toBe('matching');
		expect(tpl('program-self-evaluation').readers).toEqual(['coordinator']);
		expect(tpl('teacher-needs').instances).toBe('repeatable');
	});

	it('finds templates and their phase by key', () => {
		expect(getTemplate('PS1')?.title.nl).toContain('Eerste analyse van de behoeften');
		expect(getTemplate('nope')).toBeUndefined();
		expect(phaseOf('01-agreement')).toBe('BR');
		expect(phaseOf('PS1')).toBe('SD');
		expect(phaseOf('S4')).toBe('P');
		expect(phaseOf('04-development-plan')).toBe('WU');
		expect(phaseOf('A-mentor-log')).toBe('whole');
		expect(phaseOf('nope')).toBeUndefined();
	});

	it('offers exactly the pair sheets (and "other") as "sheet used" in the logbooks', () => {
		expect(sheetUsedOptions.map((o) => o.key)).toEqual([...TOOLKIT_PAIR_SHEETS, 'other']);
	});
});

describe.each(templates.map((t) => [t.key, t] as const))('%s', (_key, template) => {
	const fields = fieldsOf(template);

	it('has a valid version, phase, source and at least one field', () => {
		expect(Number.isInteger(template.version) && template.version >= 1).toBe(true);
		expect(PHASES).toContain(template.phase);
		expect(template.source.file).toMatch(/^00[0-4]_[0-9a-f]{16}\.txt$/);
		expect(template.source.line).toBeGreaterThan(0);
		expect(fields.length).toBeGreaterThan(0);
		expect(template.filledBy.length).toBeGreaterThan(0);
		expect(template.readers.length).toBeGreaterThan(0);
	});

	it('has unique, kebab-case field keys that do not collide in the Y.Doc', () => {
		const keys = claimedKeys(template);
		expect(duplicates(keys)).toEqual([]);
		for (const k of keys) expect(k).toMatch(FIELD_KEY_PATTERN);
		expect(keys).not.toContain(VALUES_MAP);
		// The comments share the document's root namespace too (see shared/sheet-comments.ts).
		expect(keys).not.toContain(COMMENTS_MAP);
		const slots = fields
			.flatMap(yjsSlots)
			.map((s) => (s.type === 'map-entry' ? `values/${s.entry}` : s.name));
		expect(duplicates(slots)).toEqual([]);
	});

	it('has unique section keys', () => {
		expect(duplicates(template.sections.map((s) => s.key))).toEqual([]);
	});

	it('has a Dutch and an English text for every title, label, option and item', () => {
		const texts = localizedTexts(template, template.key);
		expect(texts.length).toBeGreaterThan(fields.length);
		const empty = texts.filter(([, x]) => x.nl.trim() === '' || x.en.trim() === '').map(([p]) => p);
		expect(empty).toEqual([]);
	});

	it('has well-formed options, items and columns', () => {
		for (const f of fields) {
			if (f.kind === 'choice' || f.kind === 'multi' || f.kind === 'checklist') {
				const opts = f.kind === 'checklist' ? f.items : f.options;
				expect(opts.length, f.key).toBeGreaterThan(0);
				expect(duplicates(opts.map((o) => o.key)), f.key).toEqual([]);
				for (const o of opts) expect(o.key).toMatch(OPTION_KEY_PATTERN);
			}
			if (f.kind === 'table') {
				expect(f.columns.length, f.key).toBeGreaterThan(0);
				expect(duplicates(f.columns.map((c) => c.key)), f.key).toEqual([]);
				for (const c of f.columns) {
					expect(COLUMN_KINDS).toContain(c.kind);
					expect(c.key).toMatch(FIELD_KEY_PATTERN);
					expect(c.key).not.toBe(TABLE_ROW_ID);
				}
			}
			if (f.kind === 'number' && f.min !== undefined && f.max !== undefined) {
				expect(f.min).toBeLessThanOrEqual(f.max);
			}
		}
	});
});

describe('per-person answers', () => {
	it('are the respondent entries of agree fields, each owned by its role', () => {
		const entries = respondentEntries(getTemplate('statements-20')!);
		expect(entries.size).toBe(40);
		expect(entries.get('statement-01.mentor')).toBe('mentor');
		expect(entries.get('statement-20.mentee')).toBe('mentee');
		const slots = fieldsOf(getTemplate('statements-20')!).flatMap(yjsSlots);
		for (const entry of entries.keys()) {
			expect(slots).toContainEqual({ type: 'map-entry', map: VALUES_MAP, entry });
		}
	});

	it('exist only where a template asks each person separately', () => {
		const withEntries = templates.filter((t) => respondentEntries(t).size > 0).map((t) => t.key);
		expect(withEntries).toEqual(['statements-20']);
	});
});

describe('signers and readers', () => {
	it('has the pair sign 01 and 01b, and the coordinator also sign 02', () => {
		expect(tpl('01-agreement').signers).toEqual(['mentor', 'mentee']);
		expect(tpl('01b-agreement-weeks').signers).toEqual(['mentor', 'mentee']);
		expect(tpl('02-confidentiality').signers).toEqual(['mentor', 'mentee', 'coordinator']);
		const others = templates.filter(
			(t) => !['01-agreement', '01b-agreement-weeks', '02-confidentiality'].includes(t.key)
		);
		expect(others.filter((t) => t.signers !== undefined).map((t) => t.key)).toEqual([]);
	});

	it('keeps the coordinator out of every pair sheet', () => {
		for (const t of templates.filter((x) => pairSheetKeys.includes(x.key))) {
			expect(t.readers, t.key).not.toContain('coordinator');
		}
	});

	it('keeps logbook part 1 private to its author and sends part 2 to the coordinator', () => {
		expect(tpl('A-mentor-log').readers).toEqual(['author']);
		expect(tpl('B-mentee-log').readers).toEqual(['author']);
		expect(tpl('A-mentor-log-part2').readers).toEqual(['mentor', 'coordinator', 'supporter']);
		expect(tpl('B-mentee-log-part2').readers).toEqual(['mentee', 'coordinator']);
		for (const key of ['A-mentor-log', 'B-mentee-log']) {
			expect(tpl(key).instances).toBe('per-meeting');
			expect(tpl(`${key}-part2`).instances).toBe('per-meeting');
		}
	});
});

describe('the development plan link', () => {
	it('lists what PS2 marks "can be copied to the personal development plan"', () => {
		expect(planSources()).toEqual([
			{ templateKey: 'PS2', fieldKey: 'training-steps', columnKey: 'knowledge' },
			{ templateKey: 'PS2', fieldKey: 'training-steps', columnKey: 'skills' }
		]);
	});

	it('has fields in 04 that receive copied content', () => {
		const targets = fieldsOf(tpl('04-development-plan')).filter((f) => f.planTarget);
		expect(targets.map((f) => f.key)).toEqual(['already-have', 'to-improve', 'from-scratch']);
	});
});

describe('yjs layout', () => {
	const statements = tpl('statements-20');
	const first = fieldsOf(statements)[0];

	it('puts each respondent of an agree statement in its own entry and the note in a Y.Text', () => {
		expect(yjsSlots(first)).toEqual([
			{ type: 'map-entry', map: 'values', entry: 'statement-01.mentor' },
			{ type: 'map-entry', map: 'values', entry: 'statement-01.mentee' },
			{ type: 'text', name: 'statement-01-note' }
		]);
	});

	it('maps rich, text, date, checklist and table fields as documented', () => {
		const f = (template: string, key: string): Field => {
			const found = fieldsOf(tpl(template)).find((x) => x.key === key);
			if (!found) throw new Error(key);
			return found;
		};
		expect(yjsSlots(f('PS1', 'worries'))).toEqual([{ type: 'xml-fragment', name: 'worries' }]);
		expect(yjsSlots(f('PS1', 'mentee-name'))).toEqual([{ type: 'text', name: 'mentee-name' }]);
		expect(yjsSlots(f('PS1', 'date'))).toEqual([
			{ type: 'map-entry', map: 'values', entry: 'date' }
		]);
		expect(yjsSlots(f('02-confidentiality', 'acceptance'))).toEqual([
			{ type: 'map-entry', map: 'values', entry: 'acceptance.read-understood-accepted' }
		]);
		expect(yjsSlots(f('PS2', 'training-steps'))).toEqual([
			{ type: 'array', name: 'training-steps' }
		]);
	});
});

describe('progress', () => {
	const ps2 = tpl('PS2');
	const table = fieldsOf(ps2).find((f) => f.kind === 'table');
	if (!table) throw new Error('PS2 has no table');

	it('counts a table as one field', () => {
		expect(countFields(ps2)).toBe(fieldsOf(ps2).length);
		expect(countFields(tpl('statements-20'))).toBe(20);
	});

	it('reports filled / total with the caller deciding per field', () => {
		expect(progress(ps2, () => false)).toEqual({ filled: 0, total: countFields(ps2) });
		expect(progress(ps2, (f) => f.kind === 'table')).toEqual({
			filled: 1,
			total: countFields(ps2)
		});
	});

	it('treats a table as filled when one row has any non-blank cell', () => {
		expect(isFilled(table, [])).toBe(false);
		expect(isFilled(table, [{ year: '  ' }, {}])).toBe(false);
		expect(isFilled(table, [{}, { knowledge: 'Excel' }])).toBe(true);
	});

	it('applies the product rule to the other kinds', () => {
		const fields = fieldsOf(tpl('statements-20'));
		expect(isFilled(fields[0], { mentor: { value: 'agree' } })).toBe(false);
		expect(isFilled(fields[0], { mentor: { value: 'agree' }, mentee: { value: 'disagree' } })).toBe(
			true
		);
		const ps1 = fieldsOf(tpl('PS1'));
		const byKey = (k: string) => ps1.find((f) => f.key === k) as Field;
		expect(isFilled(byKey('worries'), ' \n ')).toBe(false);
		expect(isFilled(byKey('worries'), 'exams')).toBe(true);
		expect(isFilled(byKey('contact'), 'fax')).toBe(false);
		expect(isFilled(byKey('contact'), 'email')).toBe(true);
		const clauses = fieldsOf(tpl('02-confidentiality')).find((f) => f.key === 'clauses') as Field;
		expect(isFilled(clauses, { secrecy: false })).toBe(false);
		expect(isFilled(clauses, { secrecy: true })).toBe(true);
		const weeks = fieldsOf(tpl('01b-agreement-weeks')).find(
			(f) => f.key === 'duration-weeks'
		) as Field;
		expect(isFilled(weeks, Number.NaN)).toBe(false);
		expect(isFilled(weeks, 10)).toBe(true);
	});
});
