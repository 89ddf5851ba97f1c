import { describe, expect, it } from 'vitest';
import { AVATAR_TONES, avatarTone, initials } from '$lib/components/ui/avatar';

describe('initials', () => {
	it.each([
		['Maria Peeters', 'MP'],
		['Eva van der Berg', 'EB'],
		['Fatima', 'F'],
		['  jonas   de smet ', 'JS'],
		['Émile Öztürk', 'ÉÖ'],
		['nieuwe.mentee@example.org', 'NM'],
		['an_de-vos@school.be', 'AV'],
		['(Sam) Claes', 'SC'],
		['', '?'],
		[null, '?'],
		['@example.org', '?']
	])('%j → %s', (name, expected) => {
		expect(initials(name)).toBe(expected);
	});

	it('keeps a letter outside the basic plane whole', () => {
		expect(initials('𝓐lex Peeters')).toBe('𝓐P');
	});
});

describe('avatarTone', () => {
	it('is stable and within the tints tokens.css defines', () => {
		expect(avatarTone('user-1')).toBe(avatarTone('user-1'));
		for (let i = 0; i < 200; i++) {
			const tone = avatarTone(`user-${i}`);
			expect(tone).toBeGreaterThanOrEqual(1);
			expect(tone).toBeLessThanOrEqual(AVATAR_TONES);
		}
	});

	it('spreads people over every tint', () => {
		const used = new Set(Array.from({ length: 60 }, (_, i) => avatarTone(crypto.randomUUID() + i)));
		expect(used.size).toBe(AVATAR_TONES);
	});
});
