import { describe, expect, it } from 'vitest';
import { getTemplate, templates, type Template } from '../../../src/lib/domain/templates';
import { missingPrompts, normalise } from './match';
import { sourcePrompts } from './source-prompts';

function template(key: string): Template {
	const tpl = getTemplate(key);
	if (!tpl) throw new Error(`no template ${key}`);
	return tpl;
}

describe('every prompt of the source form is a field of the template', () => {
	for (const [key, prompts] of Object.entries(sourcePrompts)) {
		it(`${key}: ${prompts.length} prompts`, () => {
			expect(missingPrompts(template(key), prompts)).toEqual([]);
		});
	}

	it('has source prompts for every template in the registry', () => {
		expect(Object.keys(sourcePrompts).sort()).toEqual(templates.map((t) => t.key).sort());
	});
});

describe('the counts the catalogue names', () => {
	const count = (key: string, pred: (p: string) => boolean) =>
		sourcePrompts[key].filter(pred).length;
	const bullet = (p: string) => p.startsWith('·');

	it('PS1 lists its 16 prompts', () => {
		expect(count('PS1', bullet)).toBe(16);
		const needs = template('PS1').sections.find((s) => s.key === 'needs');
		expect(needs?.fields).toHaveLength(16);
	});

	it('03 lists 13 mentor prompts and 12 mentee prompts', () => {
		const mentor = template('03-mutual-presentation').sections.find((s) => s.key === 'mentor');
		const mentee = template('03-mutual-presentation').sections.find((s) => s.key === 'mentee');
		expect(mentor?.fields).toHaveLength(13);
		expect(mentee?.fields).toHaveLength(12);
	});

	it('statements-20 lists all 20 statements', () => {
		expect(sourcePrompts['statements-20']).toHaveLength(20);
		expect(template('statements-20').sections.flatMap((s) => s.fields)).toHaveLength(20);
	});

	it('02 lists its 7 numbered clauses', () => {
		const clauses = template('02-confidentiality')
			.sections.flatMap((s) => s.fields)
			.find((f) => f.key === 'clauses');
		expect(clauses?.kind === 'checklist' ? clauses.items : []).toHaveLength(7);
		expect(count('02-confidentiality', (p) => /^\d\. /.test(p))).toBe(7);
	});
});

describe('the completeness check can fail', () => {
	it('reports a prompt that was dropped from a template', () => {
		const ps1 = template('PS1');
		const crippled: Template = {
			...ps1,
			sections: ps1.sections.map((s) => ({
				...s,
				fields: s.fields.filter((f) => f.key !== 'worries')
			}))
		};
		expect(missingPrompts(crippled, sourcePrompts.PS1)).toEqual([
			'· Wat mij het meest zorgen baart over de toekomst'
		]);
	});

	it('does not accept a short prompt as part of a longer label', () => {
		// "Waarom" must be its own field, not a word inside another question.
		const ps1 = template('PS1');
		const crippled: Template = {
			...ps1,
			sections: ps1.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f.key !== 'why') }))
		};
		expect(missingPrompts(crippled, ['· Waarom'])).toEqual(['· Waarom']);
	});

	it('normalises bullets, numbering, blanks and case', () => {
		expect(normalise('· Wat ik mis is...')).toBe('wat ik mis is');
		expect(normalise('3. . Wat moet vanaf nul')).toBe('wat moet vanaf nul');
		expect(normalise('We zullen elkaar ______ keer ontmoeten.')).toBe(
			'we zullen elkaar … keer ontmoeten'
		);
		expect(normalise('[NAAM VAN DE MENTOR] ___________________')).toBe('naam van de mentor');
		expect(normalise('Andere vragen (x):…….………')).toBe('andere vragen (x)');
	});
});
