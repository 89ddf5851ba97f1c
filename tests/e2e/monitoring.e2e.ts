import { expect, test, type Page } from './fixtures';
import { parseCsv } from '../helpers/csv';
import { signIn, visit } from './helpers';
import { axeViolations } from './axe';

/**
 * The coordinator's monitoring tab on the demo youth programme (which the seed enriches with
 * `seedMonitoringDemo`): every chart with data has a labelled canvas, and every data table shows
 * exactly what the CSV download of the same dataset (the same SQL) holds.
 */

// The charts animate and the dialogs and toasts fade, as for most people (the other files run with
// reduced motion: playwright.config.ts).
test.use({ reducedMotion: 'no-preference' });

const PROGRAMME = 'VM-PRO jongerenmentoring';
/** What a template key looks like ("01-agreement", "04-development-plan", "PS1", "V2", "S4"). */
const TEMPLATE_KEY = /^(\d\d[a-z]?-[a-z-]+|PS\d|V\d|S\d)$/;

async function openMonitoring(page: Page): Promise<string> {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/programs');
	await page.getByRole('link', { name: PROGRAMME }).click();
	await page
		.getByRole('navigation', { name: PROGRAMME })
		.getByRole('link', { name: 'Monitoring' })
		.click();
	await expect(page.getByRole('heading', { level: 2, name: 'Monitoring' })).toBeVisible();
	return page.url();
}

test('every monitoring chart has a labelled canvas and its table matches the CSV download', async ({
	page
}) => {
	await openMonitoring(page);
	const sections = page.locator('section[data-dataset]');
	await expect(sections).toHaveCount(9);

	let canvases = 0;
	for (const section of await sections.all()) {
		const dataset = (await section.getAttribute('data-dataset'))!;
		const title = (await section.getByRole('heading', { level: 3 }).textContent())!.trim();

		// A chart, unless every number of it is suppressed (then a note says why).
		const canvas = section.locator('canvas[role="img"]');
		if (await canvas.count()) {
			await expect(canvas).toBeVisible();
			await expect(canvas).toHaveAttribute('aria-label', new RegExp(`^Grafiek: ${title}\\.`));
			// Chart.js has drawn: the canvas has a backing store of real size.
			expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(
				0
			);
			canvases++;
		} else {
			await expect(section.locator('.notice')).toContainText('verborgen');
		}

		const table = section.locator(`table[data-dataset="${dataset}"]`);
		await expect(table.locator('caption')).toContainText(title);

		const href = await section
			.getByRole('link', { name: /^CSV downloaden: / })
			.getAttribute('href');
		const response = await page.request.get(href!);
		expect(response.status(), dataset).toBe(200);
		expect(response.headers()['content-type']).toContain('text/csv');
		const csv = parseCsv(await response.text());
		const header = csv[0];
		const lines = csv.slice(1);

		const rowKind = await table.getAttribute('data-row-kind');
		const rows = table.locator('tbody tr');
		const hasTotal = (await table.locator('tfoot tr').count()) > 0;
		expect(lines.length, dataset).toBe((await rows.count()) + (hasTotal ? 1 : 0));
		for (const [i, line] of lines.entries()) {
			const isTotal = hasTotal && i === lines.length - 1;
			const row = isTotal ? table.locator('tfoot tr') : rows.nth(i);
			if (!isTotal) {
				// The CSV names a row as the table does (a worksheet by its title, never its key);
				// fortnights by their first day and pairs by pseudonym, which sort in a spreadsheet.
				const byKey = rowKind === 'fortnight' || rowKind === 'pseudonym';
				const expected = byKey
					? await row.getAttribute('data-key')
					: (await row.locator('th').innerText()).trim();
				expect(line[0], dataset).toBe(expected);
				expect(line[0], dataset).not.toMatch(TEMPLATE_KEY);
			}
			const values = await row
				.locator('td')
				.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')));
			expect(values, `${dataset} ${line[0]}`).toEqual(line.slice(1));
			expect(values.length).toBe(header.length - 1);
			// What the reader sees: the number, or "< 5" for a suppressed cell.
			const shown = await row.locator('td').allInnerTexts();
			for (const [j, value] of values.entries()) {
				if (value?.startsWith('<')) expect(shown[j]).toContain(value);
			}
		}
	}
	// Only charts whose every number is suppressed (the demo's few exit requests) have none.
	expect(canvases).toBeGreaterThanOrEqual(7);
});

test('the stalled-pairs threshold is a keyboard-usable form, and the CSV follows it', async ({
	page
}) => {
	await openMonitoring(page);
	const section = page.locator('section[data-dataset="stalled-pairs"]');
	const before = await section.locator('tbody tr').count();
	expect(before).toBeGreaterThan(0);

	const days = section.getByLabel('Dagen zonder bijeenkomst');
	await days.fill('7');
	await days.press('Enter');
	await expect(page).toHaveURL(/[?&]days=7/);
	await expect(page.locator('section[data-dataset="stalled-pairs"] p.hint').first()).toContainText(
		'7 dagen'
	);
	const after = await page.locator('section[data-dataset="stalled-pairs"] tbody tr').count();
	expect(after).toBeGreaterThanOrEqual(before);

	const link = page
		.locator('section[data-dataset="stalled-pairs"]')
		.getByRole('link', { name: /^CSV downloaden: / });
	await expect(link).toHaveAttribute('href', /\?days=7$/);
	await link.focus();
	await expect(link).toBeFocused();
	const csv = parseCsv(await (await page.request.get((await link.getAttribute('href'))!)).text());
	expect(csv.length - 1).toBe(after);
	for (const line of csv.slice(1)) expect(line[0]).toMatch(/^P-\d{2,4}$/);
});

test('people outside the coordinator role get no monitoring page and no CSV', async ({ page }) => {
	const url = await openMonitoring(page);
	await page.context().clearCookies();
	await signIn(page, 'mentor1@example.org');
	const response = await page.goto(url);
	expect(response?.status()).toBe(403);
	const csv = await page.request.get(`${new URL(url).pathname}/meetings.csv`);
	expect(csv.status()).toBe(403);
});

test('a learning community shows the change in the needs analysis per group, and its CSV', async ({
	page
}) => {
	const programme = 'Lerende gemeenschap schoolleiders';
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/programs');
	await page.getByRole('link', { name: programme }).click();
	await page
		.getByRole('navigation', { name: programme })
		.getByRole('link', { name: 'Monitoring' })
		.click();
	await expect(page.getByRole('heading', { level: 3, name: 'Leergemeenschappen' })).toBeVisible();
	// The demo: enough LGSL members answered at the start and at the end of year 1; too few LGLB.
	// Groups appear by pseudonym only (LGSL Waasland is G-01, LGLB Waasland G-02), never by name.
	await expect(page.getByRole('main')).not.toContainText('Waasland');
	const lgsl = page.getByRole('region', { name: 'G-01 LGSL', exact: true });
	const canvas = lgsl.locator('canvas[role="img"]');
	await expect(canvas).toHaveAttribute('aria-label', /^Grafiek: Behoefteanalyse G-01\./);
	expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);
	await expect(lgsl.getByTestId('needs-change-table').locator('tbody tr')).toHaveCount(9);
	await expect(page.getByRole('region', { name: 'G-02 LGLB', exact: true })).toContainText(
		'Nog geen cijfers'
	);

	const href = await page
		.getByRole('link', { name: 'CSV downloaden: Verandering in de behoefteanalyse' })
		.getAttribute('href');
	const csv = parseCsv(await (await page.request.get(href!)).text());
	expect(csv[0]).toEqual([
		'Groep',
		'Soort groep',
		'Vergeleken moment',
		'Deelnemers',
		'Thema',
		'Gemiddelde bij de start',
		'Gemiddelde op het vergeleken moment',
		'Verschil'
	]);
	const lgslLines = csv.slice(1).filter((line) => line[0] === 'G-01');
	expect(lgslLines).toHaveLength(9);
	expect(lgslLines.every((line) => line[2] === 'Einde jaar 1' && line[3] === '5')).toBe(true);
	const lglbLines = csv.slice(1).filter((line) => line[0] === 'G-02');
	expect(lglbLines.every((line) => line.slice(5).every((cell) => cell === '< 5'))).toBe(true);

	// No serious accessibility problem, and no sideways scrolling on a 360 px phone.
	await page.setViewportSize({ width: 360, height: 800 });
	const violations = await axeViolations(page);
	expect(
		violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
	).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
