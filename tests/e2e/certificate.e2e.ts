import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from './fixtures';
import { extractText, getDocumentProxy } from 'unpdf';
import { signIn, visit } from './helpers';

/**
 * The end of a mentoring path: the coordinator issues the certificate of an ended demo pair
 * (pair 14: Adam Mahieu), a third party verifies it without signing in, and the mentee puts the
 * certificate and a sheet in their portfolio and downloads it as one PDF.
 */

const MENTEE = 'Adam Mahieu';

async function person(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

async function pdfText(path: string): Promise<string> {
	const bytes = new Uint8Array(await readFile(path));
	expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
	const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
	return text.replace(/\s+/g, ' ');
}

test('the coordinator issues a certificate; the mentee downloads the portfolio', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	await visit(coordinator, '/programs');
	await coordinator.getByRole('link', { name: 'VM-PRO jongerenmentoring' }).click();
	await expect(coordinator).toHaveURL(/\/programs\/[0-9a-f-]{36}$/);
	await visit(coordinator, `${new URL(coordinator.url()).pathname}/pairs`);
	const row = coordinator.getByTestId('pair-row').filter({ hasText: MENTEE });
	await row.getByRole('link', { name: /Certificaat/ }).click();
	// The pairs tab has headings of its own (the mentor model): wait for the certificate page's.
	await expect(coordinator.getByRole('heading', { level: 2, name: /Certificaat/ })).toBeVisible();
	await expect(coordinator.locator('main')).toContainText(MENTEE);
	await coordinator.getByRole('button', { name: 'Certificaat uitreiken' }).click();
	await coordinator
		.getByRole('alertdialog')
		.getByRole('button', { name: 'Certificaat uitreiken' })
		.click();
	const issued = coordinator.getByTestId('certificate');
	await expect(issued).toContainText('Geldig');
	const verifyLink = issued.getByRole('link', { name: /\/verify\// });
	const verifyPath = new URL((await verifyLink.textContent())!.trim()).pathname;

	// A third party, not signed in, sees the facts and nothing more.
	const stranger = await (await browser.newContext()).newPage();
	await visit(stranger, verifyPath);
	await expect(stranger.getByTestId('verify-status')).toContainText('geldig');
	await expect(stranger.locator('main')).toContainText(MENTEE);
	await expect(stranger.locator('main')).toContainText('VM-PRO jongerenmentoring');
	const unknown = await stranger.goto(`/verify/${'A'.repeat(43)}`);
	expect(unknown?.status()).toBe(404);

	// The mentee chooses the certificate and the confidentiality agreement.
	const mentee = await person(browser, 'demo-mentee-14@example.org');
	await visit(mentee, '/account/portfolio');
	await mentee.getByRole('checkbox', { name: /Certificaat van voltooiing/ }).check();
	await mentee.getByRole('checkbox', { name: /Vertrouwelijkheid/ }).check();
	await mentee.getByRole('button', { name: 'Keuze opslaan' }).click();
	const downloadLink = mentee.getByRole('link', { name: 'Portfolio downloaden (PDF)' });
	await expect(downloadLink).toBeVisible();
	const [download] = await Promise.all([mentee.waitForEvent('download'), downloadLink.click()]);
	const text = await pdfText(await download.path());
	expect(text).toContain(`Portfolio van ${MENTEE}`);
	expect(text).toContain('Certificaat van voltooiing');
	expect(text).toContain(verifyPath.split('/').pop()!);
	// Sheets are headed by their titles (never their keys), with the programme's blanks filled.
	expect(text).toContain('02. Vertrouwelijkheidsovereenkomst');
	expect(text).not.toContain('02-CONFIDENTIALITY');
	expect(text).not.toContain('01. Mentorovereenkomst');
	expect(text).not.toContain('[Organisatie]');

	// Revoked: the same link now says so.
	await coordinator.getByRole('button', { name: 'Intrekken' }).click();
	await coordinator.getByRole('alertdialog').getByRole('button', { name: 'Intrekken' }).click();
	await expect(issued).toContainText('Ingetrokken');
	await visit(stranger, verifyPath);
	await expect(stranger.getByTestId('verify-status')).toContainText('ingetrokken');
});
