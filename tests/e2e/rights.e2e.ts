import { expect, test } from './fixtures';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';
import { signIn, visit } from './helpers';

/**
 * Data rights (agreement 02): a mentee downloads everything about them (a zip built by a job,
 * with its progress on the page) and asks for erasure; the coordinator sees the request on the
 * programme's privacy page. The request is withdrawn at the end, so the demo data stays as it was.
 */

const MENTEE = 'mentee3@example.org';

test('export with progress and download; an erasure request reaches the coordinator', async ({
	page,
	browser
}) => {
	await signIn(page, MENTEE);
	await visit(page, '/account/export');
	await expect(page.getByRole('heading', { level: 1, name: 'Je gegevens' })).toBeVisible();

	// Record every progress bar the page shows while the job runs.
	await page.evaluate(() => {
		const w = window as unknown as { __progress: string[] };
		w.__progress = [];
		new MutationObserver(() => {
			for (const bar of document.querySelectorAll('[role="progressbar"]'))
				w.__progress.push(bar.getAttribute('aria-valuenow') ?? '');
		}).observe(document.body, { subtree: true, childList: true, attributes: true });
	});
	await page.getByRole('button', { name: 'Export maken' }).click();
	const download = page.getByRole('link', { name: 'Zip downloaden' });
	await expect(download).toBeVisible({ timeout: 20_000 });
	const seen = await page.evaluate(
		() => (window as unknown as { __progress: string[] }).__progress
	);
	// A small export may finish before the page polls once; whatever bar it showed only went up.
	// (The job's progress steps are checked in tests/integration/rights-export.test.ts.)
	const values = seen.map(Number);
	expect(values.every((v) => v >= 0 && v <= 100)).toBe(true);
	expect(values).toEqual([...values].sort((a, b) => a - b));

	const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
	expect(file.suggestedFilename()).toMatch(/^mentorpad-\d{4}-\d\d-\d\d\.zip$/);
	const zip = unzipSync(new Uint8Array(await readFile((await file.path())!)));
	expect(JSON.parse(strFromU8(zip['profile.json'])).email).toBe(MENTEE);
	const everything = Object.values(zip)
		.map((data) => strFromU8(data))
		.join('\n');
	for (const other of ['mentee1@example.org', 'mentor2@example.org', 'coordinator@example.org'])
		expect(everything).not.toContain(other);

	// Erasure: asked on the account page (the mentee has a pair, so the coordinator decides).
	await visit(page, '/account');
	const section = page.locator('#data-rights');
	await section.getByLabel('Waarom? (niet verplicht)').fill('Ik stop met het programma.');
	await section.getByLabel('Ik begrijp dat dit niet ongedaan gemaakt kan worden.').check();
	await section.getByRole('button', { name: 'Verwijdering aanvragen' }).click();
	await expect(
		page.locator('#data-rights').getByText('Aangevraagd', { exact: true })
	).toBeVisible();

	const coordinator = await browser.newPage();
	await signIn(coordinator, 'coordinator@example.org');
	// The request goes to the programme of the mentee's latest pair: the youth programme in the
	// demo, or the one an earlier test paired them in. Its coordinator finds it on the audit page.
	await visit(coordinator, '/programs');
	const programmes = await coordinator
		.locator('main a[href*="programs/"]')
		.evaluateAll((links) =>
			links
				.map((a) => new URL((a as HTMLAnchorElement).href).pathname)
				.filter((path) => /^\/programs\/[0-9a-f-]{36}$/.test(path))
		);
	expect(programmes.length).toBeGreaterThan(0);
	const request = coordinator.getByRole('listitem').filter({ hasText: 'Hanne Goossens' });
	for (const programme of new Set(programmes)) {
		await visit(coordinator, `${programme}/audit`);
		if (await request.getByText('Ik stop met het programma.').count()) break;
	}
	await expect(request.getByText('Ik stop met het programma.')).toBeVisible();
	await expect(request.getByRole('button', { name: 'Verwijdering bevestigen' })).toBeVisible();
	// The export is in the programme's trail.
	await coordinator.getByRole('link', { name: 'Exports' }).click();
	await expect(
		coordinator.getByRole('listitem').filter({ hasText: 'exporteerde de eigen gegevens' }).first()
	).toBeVisible();
	await coordinator.close();

	await page.locator('#data-rights').getByRole('button', { name: 'Aanvraag intrekken' }).click();
	await expect(
		page.locator('#data-rights').getByRole('button', { name: 'Verwijdering aanvragen' })
	).toBeVisible();
});
