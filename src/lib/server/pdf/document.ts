import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locale } from '$lib/domain/templates/types';

/**
 * One tagged, accessible PDF document (pdfkit): the fonts embedded (DejaVu Sans, from the npm
 * package `dejavu-fonts-ttf`, which covers every Latin script a name may be written in), the
 * document language set, a logical structure (headings, paragraphs, lists, tables) that screen
 * readers follow, and the PDF/UA identification. Every piece of text goes through the helpers
 * below so that none of it is left out of the structure.
 */

const require = createRequire(import.meta.url);
/**
 * pdfkit, with the font and decompression code it loads, takes about 0.4 s of CPU to import: it
 * is loaded with the first PDF instead of at every start of the server.
 */
let pdfkit: Promise<PDFKit.PDFDocument> | undefined;
let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts(): { regular: Buffer; bold: Buffer } {
	fonts ??= {
		regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
		bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))
	};
	return fonts;
}

export const COLORS = { ink: '#1f2933', muted: '#52606d', rule: '#9aa5b1', head: '#e4e7eb' };

type Struct = PDFKit.PDFStructureElement;

export interface PdfWriter {
	readonly doc: PDFKit.PDFDocument;
	readonly locale: Locale;
	/** The structure element new content is added to (a section, or the document). */
	readonly current: Struct;
	/** Opens a section (`Sect`) that following content belongs to; `close()` ends it. */
	section(): { close(): void };
	heading(
		text: string,
		level: 1 | 2 | 3,
		options?: { align?: 'left' | 'center'; size?: number }
	): void;
	paragraph(
		text: string,
		options?: { bold?: boolean; muted?: boolean; size?: number; align?: 'left' | 'center' }
	): void;
	/** A label in bold followed by its value on the same line (wrapping as needed). */
	fact(label: string, value: string): void;
	/** Items with a leading mark (☑/☐), as a list structure. */
	list(items: { mark: string; text: string }[]): void;
	/** A ruled table with a header row; cells are plain text. */
	table(header: string[], rows: string[][]): void;
	space(lines?: number): void;
	/** Ends the document and returns its bytes. */
	finish(): Promise<Uint8Array>;
}

/** XMP metadata carries the title unescaped (pdfkit): keep it to characters that cannot break XML. */
function safeTitle(title: string): string {
	return title.replace(/[<>&"']/g, ' ').slice(0, 200);
}

export async function createPdf(options: { title: string; locale: Locale }): Promise<PdfWriter> {
	// A CommonJS module: its exports arrive as `default` (the types describe them as the module).
	const PDFDocument = await (pdfkit ??= import('pdfkit').then(
		(module) => ('default' in module ? module.default : module) as PDFKit.PDFDocument
	));
	const { regular, bold } = loadFonts();
	// pdfkit supports the PDF/UA subset (it writes the pdfuaid XMP entry); its type definitions
	// list only the PDF/A subsets.
	const pdfUa = 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets;
	const doc = new PDFDocument({
		size: 'A4',
		margin: 56,
		pdfVersion: '1.7',
		tagged: true,
		subset: pdfUa,
		displayTitle: true,
		lang: options.locale === 'en' ? 'en-GB' : 'nl-BE',
		info: { Title: safeTitle(options.title), Creator: 'Mentorpad', Producer: 'Mentorpad' },
		bufferPages: false,
		autoFirstPage: true
	});
	doc.registerFont('body', regular);
	doc.registerFont('bold', bold);
	doc.font('body').fontSize(10.5).fillColor(COLORS.ink);

	const chunks: Buffer[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});

	const root = doc.struct('Document');
	doc.addStructure(root);
	const stack: Struct[] = [root];
	const top = () => stack[stack.length - 1];
	const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;

	const writer: PdfWriter = {
		doc,
		locale: options.locale,
		get current() {
			return top();
		},
		section() {
			const sect = doc.struct('Sect');
			top().add(sect);
			stack.push(sect);
			return {
				close() {
					const at = stack.lastIndexOf(sect);
					if (at > 0) stack.splice(at, 1);
					sect.end();
				}
			};
		},
		heading(text, level, opts = {}) {
			const size = opts.size ?? { 1: 18, 2: 13.5, 3: 11.5 }[level];
			if (level < 3) doc.moveDown(level === 1 ? 0 : 0.6);
			doc
				.font('bold')
				.fontSize(size)
				.fillColor(COLORS.ink)
				.text(text, doc.page.margins.left, doc.y, {
					width: width(),
					align: opts.align ?? 'left',
					structParent: top(),
					structType: `H${level}`
				});
			doc.font('body').fontSize(10.5).moveDown(0.3);
		},
		paragraph(text, opts = {}) {
			doc
				.font(opts.bold ? 'bold' : 'body')
				.fontSize(opts.size ?? 10.5)
				.fillColor(opts.muted ? COLORS.muted : COLORS.ink)
				.text(text, doc.page.margins.left, doc.y, {
					width: width(),
					align: opts.align ?? 'left',
					structParent: top(),
					structType: 'P'
				});
			doc.font('body').fontSize(10.5).fillColor(COLORS.ink).moveDown(0.25);
		},
		fact(label, value) {
			const p = doc.struct('P');
			top().add(p);
			const content = doc.markStructureContent('P');
			p.add(content);
			doc
				.font('bold')
				.fillColor(COLORS.ink)
				.text(`${label}: `, doc.page.margins.left, doc.y, { width: width(), continued: true })
				.font('body')
				.text(value);
			doc.endMarkedContent();
			p.end();
			doc.moveDown(0.2);
		},
		list(items) {
			if (items.length === 0) return;
			const list = doc.struct('L');
			top().add(list);
			for (const item of items) {
				const li = doc.struct('LI');
				list.add(li);
				const body = doc.struct('LBody');
				li.add(body);
				const content = doc.markStructureContent('LBody');
				body.add(content);
				doc
					.font('body')
					.fillColor(COLORS.ink)
					.text(`${item.mark}  ${item.text}`, doc.page.margins.left + 8, doc.y, {
						width: width() - 8
					});
				doc.endMarkedContent();
				body.end();
				li.end();
			}
			list.end();
			doc.moveDown(0.25);
		},
		table(header, rows) {
			// Narrow columns (a six-column action plan) get a smaller size so whole words fit.
			doc
				.font('body')
				.fontSize(header.length > 4 ? 8 : 9)
				.fillColor(COLORS.ink);
			const data = [
				header.map((text) => ({
					text,
					type: 'TH' as const,
					scope: 'column',
					font: { src: 'bold' },
					backgroundColor: COLORS.head
				})),
				...rows.map((row) => row.map((text) => ({ text })))
			];
			// pdfkit tags a table (Table/TR/TH/TD, header scopes) when it is given a structParent;
			// its type definitions do not list that option yet.
			const tableOptions = {
				data,
				structParent: top(),
				position: { x: doc.page.margins.left, y: doc.y },
				maxWidth: width(),
				defaultStyle: { border: 0.5, borderColor: COLORS.rule, padding: 3 }
			} as PDFKit.Mixins.TableOptionsWithData;
			doc.table(tableOptions);
			doc.fontSize(10.5).moveDown(0.5);
		},
		space(lines = 1) {
			doc.moveDown(lines);
		},
		finish() {
			root.end();
			doc.end();
			return done;
		}
	};
	return writer;
}
