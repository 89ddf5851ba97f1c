import { describe, expect, it } from 'vitest';
import { PROGRAM_KINDS } from '$lib/domain/programs/schemas';
import { getTemplate, pairSheetKeys, pairSheets } from '$lib/domain/templates';
import {
	DEFAULT_INSTRUMENT_SETS,
	INSTRUMENT_FACTS,
	effectiveInstruments,
	instrumentChoices,
	instrumentFacts,
	moveWithinPhase,
	overridesFor
} from '$lib/domain/templates/instrument-sets';

const keys = (list: readonly { key: string }[]) => list.map((c) => c.key);

describe('default instrument sets', () => {
	it.each(PROGRAM_KINDS)('every key of the %s set is a pair sheet of the catalogue', (kind) => {
		for (const key of DEFAULT_INSTRUMENT_SETS[kind]) expect(pairSheetKeys).toContain(key);
		expect(new Set(DEFAULT_INSTRUMENT_SETS[kind]).size).toBe(DEFAULT_INSTRUMENT_SETS[kind].length);
	});

	it('every pair sheet has a use and a stage', () => {
		for (const tpl of pairSheets) {
			expect(INSTRUMENT_FACTS[tpl.key], tpl.key).toBeDefined();
			expect(instrumentFacts(tpl)).toEqual(INSTRUMENT_FACTS[tpl.key]);
		}
		// The table's values as printed in 001 ("Tabel Instrumenten – gebruik / etappe").
		expect(INSTRUMENT_FACTS['01-agreement']).toMatchObject({ use: 'face-to-face', stage: 'begin' });
		expect(INSTRUMENT_FACTS.PS2).toMatchObject({ use: 'both', stage: 'middle' });
		expect(INSTRUMENT_FACTS.S3).toMatchObject({ use: 'face-to-face', stage: 'middle' });
		expect(INSTRUMENT_FACTS['04-development-plan']).toMatchObject({ use: 'both', stage: 'end' });
		expect(INSTRUMENT_FACTS['A-mentor-log']).toMatchObject({ stage: 'whole' });
	});

	it('youth: the full VM-PRO toolkit in today’s order, without the beginning-teacher sheets', () => {
		const teacherSheets = ['teacher-roles', 'lesson-preparation', 'lesson-observation'];
		expect(keys(effectiveInstruments('youth', [], pairSheets))).toEqual(
			pairSheetKeys.filter((key) => !teacherSheets.includes(key))
		);
	});

	it('school leaders: no youth exercise sheets, the 002 pack and PS1/V1', () => {
		const set = keys(effectiveInstruments('school_leader', [], pairSheets));
		for (const key of ['S1', 'S2', 'S3', 'S4', 'V3']) expect(set).not.toContain(key);
		expect(set).toEqual([
			'01b-agreement-weeks',
			'02-confidentiality',
			'role-planning',
			'statements-20',
			'PS1',
			'V1',
			'04-development-plan',
			'MO-closing'
		]);
	});

	it('teachers: agreement, confidentiality, plan and closing', () => {
		const set = keys(effectiveInstruments('teacher_induction', [], pairSheets));
		expect(set).toEqual(expect.arrayContaining(['02-confidentiality', '04-development-plan']));
		expect(set).not.toContain('S1');
	});

	it('learning communities: no pair sheets, not even the closing one', () => {
		expect(effectiveInstruments('learning_community', [], pairSheets)).toEqual([]);
	});
});

describe('effectiveInstruments with overrides', () => {
	it('adds an instrument at its place in the phase', () => {
		const set = keys(
			effectiveInstruments(
				'school_leader',
				[{ templateKey: 'S1', enabled: true, position: 1000 }],
				pairSheets
			)
		);
		expect(set).toContain('S1');
		expect(set.indexOf('S1')).toBeLessThan(set.indexOf('04-development-plan'));
		expect(set.indexOf('S1')).toBeGreaterThan(set.indexOf('V1'));
	});

	it('switches a default off, but never the closing conversation', () => {
		const set = keys(
			effectiveInstruments(
				'youth',
				[
					{ templateKey: 'S2', enabled: false, position: 0 },
					{ templateKey: 'MO-closing', enabled: false, position: 0 }
				],
				pairSheets
			)
		);
		expect(set).not.toContain('S2');
		expect(set).toContain('MO-closing');
	});

	it('reorders within a phase only', () => {
		const choices = instrumentChoices('youth', [], pairSheets);
		const moved = moveWithinPhase(choices, '02-confidentiality', -1);
		const saved = overridesFor(moved);
		const set = keys(effectiveInstruments('youth', saved, pairSheets));
		expect(set.slice(0, 3)).toEqual(['01-agreement', '02-confidentiality', '01b-agreement-weeks']);
		// The first of SD cannot move up into BR.
		expect(keys(moveWithinPhase(choices, 'PS1', -1))).toEqual(keys(choices));
		// Every phase keeps its instruments.
		for (const c of choices)
			expect(moved.find((x) => x.key === c.key)?.phase).toBe(getTemplate(c.key)?.phase);
	});

	it('ignores overrides for keys the catalogue does not have', () => {
		expect(
			keys(
				effectiveInstruments(
					'teacher_induction',
					[{ templateKey: 'no-such-sheet', enabled: true, position: 0 }],
					pairSheets
				)
			)
		).not.toContain('no-such-sheet');
	});
});
