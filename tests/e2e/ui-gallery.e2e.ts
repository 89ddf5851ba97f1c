import { expect, test, type Page } from './fixtures';
import { seriousViolations } from './axe';

/**
 * The component gallery (/dev/ui, served because playwright.config.ts sets UI_GALLERY=true):
 * accessibility, keyboard use of the confirmation dialog, toasts, and a 360 px phone.
 * Set UI_SHOTS=/some/dir to also save screenshots at 1280 and 360 px.
 */

// The charts animate and the dialogs and toasts fade, as for most people (the other files run with
// reduced motion: playwright.config.ts).
test.use({ reducedMotion: 'no-preference' });

/** Until hydration the trigger is a plain submit button (the no-JavaScript fallback). */
async function openGallery(page: Page) {
	await page.goto('/dev/ui');
	const trigger = page
		.getByRole('region', { name: 'Eerst bevestigen' })
		.getByRole('button', { name: 'Verwijderen' });
	await expect(trigger).toHaveAttribute('type', 'button');
	return trigger;
}

test('the gallery has no serious accessibility problems, also with a dialog and toasts open', async ({
	page
}) => {
	const trigger = await openGallery(page);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('button', { name: 'Gelukt' }).click();
	await page.getByRole('button', { name: 'Fout' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Er liep iets mis' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await trigger.click();
	await expect(page.getByRole('alertdialog')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});

test('the confirmation dialog works with the keyboard only', async ({ page }) => {
	const trigger = await openGallery(page);
	await trigger.focus();
	await page.keyboard.press('Enter');

	const dialog = page.getByRole('alertdialog', { name: 'Maria Peeters verwijderen?' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText('verliest meteen de toegang');
	// The safe choice has focus first, and Tab stays inside the dialog.
	await expect(dialog.getByRole('button', { name: 'Annuleren' })).toBeFocused();
	for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
		await page.keyboard.press(key);
		expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
	}

	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(trigger).toBeFocused();

	// Confirming sends the form; the page answers with a toast.
	await page.keyboard.press('Enter');
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(dialog.getByRole('button', { name: 'Verwijderen' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(dialog).toBeHidden();
	await expect(
		page.getByRole('status').filter({ hasText: 'Maria Peeters is verwijderd uit het programma.' })
	).toBeVisible();
});

test('without JavaScript the dialog trigger submits the form directly', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/dev/ui');
	await page
		.getByRole('region', { name: 'Eerst bevestigen' })
		.getByRole('button', { name: 'Verwijderen' })
		.click();
	await expect(page.getByText('Maria Peeters is verwijderd uit het programma.')).toBeVisible();
	await context.close();
});

test('fields describe their hint and error, and a form reset restores their values', async ({
	page
}) => {
	await openGallery(page);
	const email = page.getByLabel(/^E-mailadres/);
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await expect(email).toHaveAccessibleDescription(
		'Vul een geldig e-mailadres in, zoals naam@school.be.'
	);
	await expect(page.getByLabel('Soort programma')).toHaveAccessibleDescription(
		'Een korte uitleg die bij het veld hoort.'
	);

	// use:enhance resets a form after success: every control goes back to its first value.
	const name = page.getByLabel(/^Naam/);
	const kind = page.getByLabel('Soort programma');
	const description = page.getByLabel('Beschrijving');
	await name.fill('Iets anders');
	await kind.selectOption('youth');
	await description.fill('Andere tekst');
	await name.evaluate((input) => (input as HTMLInputElement).form?.reset());
	await expect(name).toHaveValue('Mentoring 2026');
	await expect(kind).toHaveValue('teacher_induction');
	await expect(description).toHaveValue('Leer elkaar kennen en spreek af hoe jullie samenwerken.');
});

test('toasts are announced politely and can be dismissed', async ({ page }) => {
	await openGallery(page);
	await page.getByRole('button', { name: 'Gelukt' }).click();
	const status = page.getByRole('status').filter({ hasText: 'Het programma is opgeslagen.' });
	await expect(status).toBeVisible();
	await expect(status).toHaveAttribute('aria-live', 'polite');
	await status.getByRole('button', { name: 'Melding sluiten' }).click();
	await expect(page.getByText('Het programma is opgeslagen.')).toHaveCount(0);
});

test('a 360 px phone never scrolls sideways', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 780 });
	await openGallery(page);
	await page.getByRole('button', { name: 'Let op' }).click();
	const [scrollWidth, viewport] = await page.evaluate(() => [
		document.documentElement.scrollWidth,
		window.innerWidth
	]);
	expect(scrollWidth).toBeLessThanOrEqual(viewport);
});

test('screenshots at 1280 and 360 px', async ({ page }) => {
	const dir = process.env.UI_SHOTS;
	test.skip(!dir, 'set UI_SHOTS to a directory outside the repository');
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 900 });
		await openGallery(page);
		await page.screenshot({ path: `${dir}/gallery-${width}.png`, fullPage: true });
		await page.getByRole('button', { name: 'Gelukt' }).click();
		await page
			.getByRole('region', { name: 'Eerst bevestigen' })
			.getByRole('button', { name: 'Verwijderen' })
			.click();
		await expect(page.getByRole('alertdialog')).toBeVisible();
		await page.screenshot({ path: `${dir}/dialog-${width}.png`, animations: 'disabled' });
	}
});
