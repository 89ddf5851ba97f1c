import { describe, expect, it } from 'vitest';
import { fillPlaceholders, getTemplate } from '../../../src/lib/domain/templates';

const names = { organisation: 'Scholengroep Noord', programme: 'VM-PRO jongerenmentoring' };
const intro = (locale: 'nl' | 'en') =>
	getTemplate('02-confidentiality')!.sections.find((s) => s.intro?.nl.includes('['))!.intro![
		locale
	];

describe('the blanks of sheet 02 are filled from the programme', () => {
	it('names the organisation where the source leaves it open, in both languages', () => {
		for (const locale of ['nl', 'en'] as const) {
			const text = fillPlaceholders(intro(locale), names);
			expect(text).not.toMatch(/\[[^\]]+\]/);
			expect(text.startsWith('Scholengroep Noord')).toBe(true);
			expect(text).toContain('\n\nScholengroep Noord ');
		}
	});

	it('keeps the rest of the source wording', () => {
		const text = fillPlaceholders(intro('nl'), names);
		expect(text.replaceAll('Scholengroep Noord', '[X]')).toBe(
			intro('nl').replace('[Nationale coördinator]', '[X]').replace('[Organisatie]', '[X]')
		);
	});

	it('leaves a blank open when the name is unknown, and takes names literally', () => {
		expect(fillPlaceholders('[Organisatie] x', { ...names, organisation: ' ' })).toBe(
			'[Organisatie] x'
		);
		expect(fillPlaceholders('[Organisatie]', { ...names, organisation: 'A $& B' })).toBe('A $& B');
		expect(fillPlaceholders('[Organisatie]', undefined)).toBe('[Organisatie]');
	});
});
