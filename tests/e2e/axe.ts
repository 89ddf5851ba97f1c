import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from '@playwright/test';
import type { Result, RunOptions } from 'axe-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
/** Browser contexts that load axe into every new document themselves. */
const withAxe = new WeakSet<BrowserContext>();

/**
 * The axe rules whose outcome can change with the language of the text: names, labels, titles,
 * `lang`, and regions that scroll once a longer text overflows them. Colours, roles, structure and
 * target sizes are the same markup in both languages, so `every-page` checks everything in Dutch
 * and only these in English.
 */
export const LANGUAGE_RULES = [
	'html-has-lang',
	'html-lang-valid',
	'valid-lang',
	'document-title',
	'button-name',
	'link-name',
	'label',
	'input-button-name',
	'select-name',
	'image-alt',
	'svg-img-alt',
	'role-img-alt',
	'summary-name',
	'empty-heading',
	'empty-table-header',
	'aria-command-name',
	'aria-input-field-name',
	'aria-toggle-field-name',
	'aria-dialog-name',
	'aria-progressbar-name',
	'aria-meter-name',
	'aria-tooltip-name',
	'aria-treeitem-name',
	'scrollable-region-focusable'
] as const;

/**
 * axe's violations on the page: every rule, or only `rules` (which may name rules axe leaves off by
 * default). axe runs in the page itself (what @axe-core/playwright calls legacy mode: no
 * cross-origin frames, which Mentorpad's pages do not have). The page's browser context loads
 * axe into each later document as it is created, so a sweep of many pages does not inject and
 * compile axe's half a megabyte again for every check: with it and the run limited to violations,
 * a check of the sign-in page took 0.16 s instead of @axe-core/playwright's 0.98 s (0.91 s in its
 * legacy mode). Running animations finish first, so nothing is measured half-faded.
 */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<Result[]> {
	const context = page.context();
	if (!withAxe.has(context)) {
		withAxe.add(context);
		await context.addInitScript({ path: AXE_PATH });
	}
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const options: RunOptions = {
		resultTypes: ['violations'],
		...(rules ? { runOnly: { type: 'rule', values: [...rules] } } : {})
	};
	return page.evaluate(async (options) => {
		await settledAnimations();
		const { axe } = window as unknown as { axe: typeof import('axe-core') };
		return (await axe.run(document, options)).violations;

		/**
		 * Colour contrast is measured on what is painted: a toast that is still fading in has
		 * half-transparent text. Waits for every running finite animation and transition (an
		 * endless spinner would never finish, and stays as it is).
		 */
		async function settledAnimations() {
			const finite = document
				.getAnimations()
				.filter(
					(animation) =>
						animation.playState === 'running' &&
						animation.effect?.getComputedTiming().iterations !== Infinity
				);
			await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
		}
	}, options);
}

/**
 * The serious and critical axe violations on the page, one line each with the elements; all
 * rules, or only `rules`. `AXE_ALL=1` also prints every violation of any impact.
 */
export async function seriousViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
	const violations = await axeViolations(page, rules);
	if (process.env.AXE_ALL)
		console.log(
			violations.map((v) => `${v.impact} ${v.id} ${v.nodes.map((n) => n.target).join(' | ')}`)
		);
	return violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(' | ')}`);
}
