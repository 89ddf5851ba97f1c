import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AVATAR_TONES } from '$lib/components/ui/avatar';

/** The custom properties of tokens.css's first :root block, with var() references resolved. */
function readTokens(): Map<string, string> {
	const css = readFileSync(new URL('../../../src/lib/styles/tokens.css', import.meta.url), 'utf8');
	const root = css.slice(css.indexOf(':root {'), css.indexOf('\n}', css.indexOf(':root {')));
	const tokens = new Map<string, string>();
	for (const [, name, value] of root.matchAll(/(--[\w-]+):\s*([^;]+);/g))
		tokens.set(name, value.trim());
	const resolve = (value: string, depth = 0): string => {
		const ref = /^var\((--[\w-]+)\)$/.exec(value);
		if (!ref || depth > 5) return value;
		const target = tokens.get(ref[1]);
		if (target === undefined) throw new Error(`${value} is not defined`);
		return resolve(target, depth + 1);
	};
	return new Map([...tokens].map(([name, value]) => [name, resolve(value)]));
}

/** WCAG 2.x relative luminance of #rrggbb. */
function luminance(hex: string): number {
	const match = /^#([0-9a-f]{6})$/i.exec(hex);
	if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
	const n = parseInt(match[1], 16);
	const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((channel) => {
		const c = channel / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

const tokens = readTokens();
const colour = (name: string) => {
	const value = tokens.get(`--color-${name}`) ?? tokens.get(`--${name}`);
	if (!value) throw new Error(`no token --color-${name}`);
	return value;
};
const surfaces = ['bg', 'surface', 'surface-sunken', 'surface-hover'];

// Text (4.5:1): each text colour on every background it is used on.
const textPairs: [string, string][] = [
	...surfaces.flatMap((surface) => [
		['ink', surface] as [string, string],
		['muted', surface] as [string, string],
		['brand', surface] as [string, string]
	]),
	['brand-ink', 'brand'],
	['brand-ink', 'brand-hover'],
	['brand-soft-ink', 'brand-soft'],
	['success-ink', 'success-soft'],
	['warning-ink', 'warning-soft'],
	['danger-ink', 'danger-soft'],
	['info-ink', 'info-soft'],
	['muted', 'brand-soft'],
	['danger', 'surface'],
	['danger', 'bg'],
	['success', 'surface'],
	['warning', 'surface'],
	['on-danger', 'danger'],
	['on-danger', 'danger-hover'],
	...Array.from({ length: AVATAR_TONES }, (_, i): [string, string] => [
		`avatar-${i + 1}-ink`,
		`avatar-${i + 1}-bg`
	])
];

// Non-text (3:1, WCAG 1.4.11): form-control borders, the focus ring, status fills and rings.
const uiPairs: [string, string][] = [
	['line-strong', 'surface'],
	['line-strong', 'bg'],
	['focus', 'surface'],
	['focus', 'bg'],
	['focus', 'surface-sunken'],
	...['brand', 'success', 'warning', 'danger'].flatMap((fill) => [
		[fill, 'surface'] as [string, string],
		[fill, 'surface-sunken'] as [string, string]
	])
];

describe('design tokens', () => {
	it.each(textPairs)('text %s on %s reaches 4.5:1', (ink, background) => {
		expect(contrast(colour(ink), colour(background))).toBeGreaterThanOrEqual(4.5);
	});

	it.each(uiPairs)('%s against %s reaches 3:1', (part, background) => {
		expect(contrast(colour(part), colour(background))).toBeGreaterThanOrEqual(3);
	});

	it('computes WCAG contrast like the reference values', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});

	it('keeps the names the pages used before the tokens', () => {
		for (const alias of ['ink', 'muted', 'line', 'bg', 'card', 'brand', 'brand-ink', 'brand-soft'])
			expect(tokens.has(`--${alias}`), alias).toBe(true);
		for (const alias of ['danger', 'danger-soft', 'ok', 'ok-soft', 'focus', 'radius'])
			expect(tokens.has(`--${alias}`), alias).toBe(true);
	});

	it('defines a tint for every avatar tone', () => {
		for (let tone = 1; tone <= AVATAR_TONES; tone++) {
			expect(tokens.get(`--avatar-${tone}-bg`)).toMatch(/^#[0-9a-f]{6}$/i);
			expect(tokens.get(`--avatar-${tone}-ink`)).toMatch(/^#[0-9a-f]{6}$/i);
		}
	});
});
