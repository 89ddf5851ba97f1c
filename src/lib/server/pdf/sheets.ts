import * as Y from 'yjs';
import {
	AGREE_LABELS,
	type Field,
	type Locale,
	type Template,
	type TableField
} from '$lib/domain/templates/types';
import { fillPlaceholders, type PlaceholderValues } from '$lib/domain/templates/placeholders';
import { formatDate } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';
import { readAgreeNote, readFieldContent } from '$lib/shared/sheet-doc';
import type { CollabServer } from '$lib/server/collab/server';
import { createPdf, type PdfWriter } from './document';

/**
 * Prints worksheets from their Y.Docs, each in its template's structure: sections with their
 * intro, then every field by kind: text, dates, choices, checklists (☑/☐), agree/disagree per
 * respondent with the discussion note, and tables as real (tagged) tables. Labels come from the
 * template in the reader's language; what people wrote is printed as written.
 */

/** One sheet to print: its template and its document (see {@link loadSheetDoc}). */
export interface SheetToPrint {
	template: Template;
	doc: Y.Doc;
	/** A line under the sheet's title, e.g. the pair or the date it was printed for. */
	subtitle?: string;
	/** The programme's names for the source's blanks (sheet 02's "[Organisatie]"), as on screen. */
	placeholders?: PlaceholderValues;
}

export interface RenderSheetsOptions {
	/** The reader's language: labels, dates and fixed texts. */
	locale: Locale;
	/** The document title (first heading and the PDF's title). */
	title: string;
	/** Lines under the title (whose sheets, when printed). */
	intro?: string[];
	sheets: SheetToPrint[];
}

/**
 * Renders sheets into one tagged PDF (A4, fonts embedded) and returns its bytes.
 *
 * ```ts
 * const doc = await loadSheetDoc(collab, sheet.docName);
 * const pdf = await renderSheetsPdf({ locale: 'nl', title: 'Mijn werkbladen', sheets: [{ template, doc }] });
 * ```
 */
export async function renderSheetsPdf(options: RenderSheetsOptions): Promise<Uint8Array> {
	const pdf = await createPdf({ title: options.title, locale: options.locale });
	pdf.heading(options.title, 1);
	for (const line of options.intro ?? []) pdf.paragraph(line, { muted: true });
	options.sheets.forEach((sheet, index) => {
		if (index > 0 || (options.intro?.length ?? 0) > 3) pdf.doc.addPage();
		printSheet(pdf, sheet);
	});
	return pdf.finish();
}

/**
 * A copy of a stored sheet document, read through the collaboration server (so edits not yet
 * flushed are included). The caller must have checked that the reader may see it.
 */
export async function loadSheetDoc(collab: CollabServer, docName: string): Promise<Y.Doc> {
	const state = await collab.readDocument(docName, (doc) => Y.encodeStateAsUpdate(doc));
	const copy = new Y.Doc();
	Y.applyUpdate(copy, state);
	return copy;
}

/** Prints one sheet into an open document (a section with the sheet's title as heading 2). */
export function printSheet(pdf: PdfWriter, sheet: SheetToPrint): void {
	const { template, doc } = sheet;
	const locale = pdf.locale;
	const filled = (text: string) => fillPlaceholders(text, sheet.placeholders);
	const outer = pdf.section();
	// The title alone: it already carries the sheet's code where the source has one ("PS1 …").
	pdf.heading(template.title[locale], 2);
	if (sheet.subtitle) pdf.paragraph(sheet.subtitle, { muted: true });
	if (template.intro) pdf.paragraph(filled(template.intro[locale]), { muted: true, size: 9.5 });
	for (const section of template.sections) {
		const inner = pdf.section();
		pdf.heading(section.title[locale], 3);
		if (section.intro) pdf.paragraph(filled(section.intro[locale]), { muted: true, size: 9.5 });
		for (const field of section.fields)
			printField(pdf, doc, field, field.label[locale] === section.title[locale]);
		inner.close();
	}
	outer.close();
}

const empty = (locale: Locale) => m.cert_pdf_empty({}, { locale });

function scalar(field: Field, value: unknown, locale: Locale): string {
	if (value === null || value === undefined || value === '') return '';
	switch (field.kind) {
		case 'date':
			return typeof value === 'string' ? formatDate(value, locale) : '';
		case 'number':
			return `${String(value)}${field.unit ? ` ${field.unit[locale]}` : ''}`;
		case 'choice':
			return field.options.find((o) => o.key === value)?.label[locale] ?? String(value);
		default:
			return String(value);
	}
}

/** `unlabelled`: the field's label repeats its section's title, so it is printed once. */
function printField(pdf: PdfWriter, doc: Y.Doc, field: Field, unlabelled = false): void {
	const locale = pdf.locale;
	const content = readFieldContent(doc, field);
	const label = field.label[locale];
	const title = (text: string) => {
		if (!unlabelled) pdf.paragraph(text, { bold: true });
	};
	switch (field.kind) {
		case 'rich':
		case 'text': {
			const text = typeof content === 'string' ? content.trim() : '';
			title(label);
			pdf.paragraph(text || empty(locale), { muted: !text });
			return;
		}
		case 'date':
		case 'number':
		case 'choice':
			pdf.fact(label, scalar(field, content, locale) || empty(locale));
			return;
		case 'multi':
		case 'checklist': {
			const ticked = (content ?? {}) as Record<string, boolean>;
			const items = field.kind === 'multi' ? field.options : field.items;
			title(label);
			pdf.list(
				items.map((item) => ({
					mark: ticked[item.key] ? '☑' : '☐',
					text: `${item.label[locale]} (${
						ticked[item.key]
							? m.cert_pdf_checked({}, { locale })
							: m.cert_pdf_unchecked({}, { locale })
					})`
				}))
			);
			return;
		}
		case 'agree': {
			title(label);
			const answer = (value: unknown) => {
				const v = (value as { value?: string } | undefined)?.value;
				return v === 'agree' || v === 'disagree' ? AGREE_LABELS[v][locale] : empty(locale);
			};
			if (field.respondents) {
				const answers = content as Record<string, unknown>;
				for (const role of field.respondents)
					pdf.fact(
						role === 'mentor' ? m.role_mentor({}, { locale }) : m.role_mentee({}, { locale }),
						answer(answers[role])
					);
			} else {
				pdf.fact(m.cert_pdf_answer({}, { locale }), answer(content));
			}
			const note = readAgreeNote(doc, field.key).trim();
			if (note) pdf.fact(AGREE_LABELS.note[locale], note);
			return;
		}
		case 'table':
			printTable(pdf, field, content as Record<string, unknown>[]);
			return;
	}
}

/** Above this, a cell would not fit a page in a table row: the rows are printed as blocks. */
const TABLE_CELL_LIMIT = 1200;

function printTable(pdf: PdfWriter, field: TableField, rows: Record<string, unknown>[]): void {
	const locale = pdf.locale;
	pdf.paragraph(field.label[locale], { bold: true });
	const filled = rows
		.map((row) => field.columns.map((column) => scalar(column, row[column.key], locale).trim()))
		.filter((cells) => cells.some((c) => c !== ''));
	if (filled.length === 0) {
		pdf.paragraph(empty(locale), { muted: true });
		return;
	}
	const header = field.columns.map((c) => c.label[locale]);
	if (filled.some((cells) => cells.some((c) => c.length > TABLE_CELL_LIMIT))) {
		filled.forEach((cells, index) => {
			const caption = field.rowLabel
				? `${field.rowLabel[locale]} ${String.fromCharCode(65 + (index % 26))}`
				: `${index + 1}.`;
			pdf.paragraph(caption, { bold: true });
			cells.forEach((cell, c) => pdf.fact(header[c], cell || empty(locale)));
		});
		return;
	}
	pdf.table(header, filled);
}
