import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

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
 * The serious and critical axe violations on the page, one line each with the elements; all
 * rules, or only `rules`. `AXE_ALL=1` also prints every violation of any impact.
 */
export async function seriousViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
	const builder = new AxeBuilder({ page });
	const results = await (rules ? builder.withRules([...rules]) : builder).analyze();
	if (process.env.AXE_ALL)
		console.log(
			results.violations.map(
				(v) => `${v.impact} ${v.id} ${v.nodes.map((n) => n.target).join(' | ')}`
			)
		);
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(' | ')}`);
}
