import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { getTemplate } from '$lib/domain/templates';
import type { Template } from '$lib/domain/templates/types';
import { subValueKey, VALUES_MAP } from '$lib/domain/templates/yjs-layout';
import { renderSheetsPdf } from '$lib/server/pdf/sheets';

async function textOf(pdf: Uint8Array): Promise<string> {
	const proxy = await getDocumentProxy(new Uint8Array(pdf));
	const { text } = await extractText(proxy, { mergePages: true });
	return text.replace(/\s+/g, ' ');
}

function template(key: string): Template {
	const found = getTemplate(key);
	if (!found) throw new Error(key);
	return found;
}

describe('renderSheetsPdf', () => {
	it('prints a development plan with its table in Dutch and English', async () => {
		const plan = template('04-development-plan');
		const doc = new Y.Doc();
		doc.getText('mentee-name').insert(0, 'Ada Lovelace');
		const row = new Y.Map<unknown>();
		doc.getArray<Y.Map<unknown>>('action-plan').push([row]);
		const goal = new Y.Text();
		goal.insert(0, 'Klasmanagement versterken');
		row.set('goal', goal);
		row.set('end-date', '2027-03-01');
		const nl = await renderSheetsPdf({
			locale: 'nl',
			title: 'Portfolio',
			sheets: [{ template: plan, doc }]
		});
		expect(Buffer.from(nl.slice(0, 5)).toString()).toBe('%PDF-');
		const text = await textOf(nl);
		expect(text).toContain('Ada Lovelace');
		expect(text).toContain('Klasmanagement versterken');
		expect(text).toContain('Actieplan');
		expect(text).toContain('1 maart 2027');
		const en = await textOf(
			await renderSheetsPdf({ locale: 'en', title: 'Portfolio', sheets: [{ template: plan, doc }] })
		);
		expect(en).toContain('Action plan');
		expect(en).toContain('1 March 2027');
	});

	it('prints checklists and agree answers', async () => {
		const t = template('02-confidentiality');
		const doc = new Y.Doc();
		const checklist = t.sections.flatMap((s) => s.fields).find((f) => f.kind === 'checklist');
		if (checklist?.kind !== 'checklist') throw new Error('no checklist');
		doc.getMap(VALUES_MAP).set(subValueKey(checklist.key, checklist.items[0].key), true);
		const text = await textOf(
			await renderSheetsPdf({ locale: 'en', title: 'Sheets', sheets: [{ template: t, doc }] })
		);
		expect(text).toContain(`${checklist.items[0].label.en.slice(0, 20)}`);
		expect(text).toContain('(ticked)');
		expect(text).toContain('(not ticked)');
	});

	it('heads a sheet with its title, not its key, and fills the source blanks', async () => {
		const text = await textOf(
			await renderSheetsPdf({
				locale: 'nl',
				title: 'Werkbladen',
				sheets: [
					{
						template: template('02-confidentiality'),
						doc: new Y.Doc(),
						placeholders: { organisation: 'Scholengroep Noord', programme: 'Startende directeurs' }
					},
					{ template: template('PS1'), doc: new Y.Doc() }
				]
			})
		);
		expect(text).toContain('02. Vertrouwelijkheidsovereenkomst');
		expect(text).not.toContain('02-CONFIDENTIALITY');
		expect(text).toContain('PS1 Eerste analyse van de behoeften');
		expect(text).not.toMatch(/PS1 · PS1/);
		expect(text).toContain('Scholengroep Noord als nationale coördinator');
		expect(text).not.toContain('[Nationale coördinator]');
		expect(text).not.toContain('[Organisatie]');
	});
});
