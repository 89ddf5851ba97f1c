import * as Y from 'yjs';
import { getTemplate, pairSheetKeys } from '$lib/domain/templates';
import type { Locale } from '$lib/domain/templates/types';
import { formatDate } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';
import { readFieldContent } from '$lib/shared/sheet-doc';
import type { CollabServer } from '$lib/server/collab/server';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { createPdf, type PdfWriter } from '$lib/server/pdf/document';
import { loadSheetDoc, printSheet } from '$lib/server/pdf/sheets';
import { myCertificates, verifyUrl, type Certificate } from './certificates';
import { printCertificate } from './pdf';
import { DEVELOPMENT_PLAN_KEY } from '$lib/domain/templates/keys';

/**
 * The mentee's portfolio: they choose sheets of the pairs they are the mentee of, the goals
 * reached in a development plan (sheet 04's action plan) and their certificates; the choice is
 * theirs alone (`portfolio_items`, owner-only RLS) and the PDF holds exactly that.
 */

export type PortfolioKind = 'sheet' | 'goals' | 'certificate';

export interface PortfolioChoice {
	kind: PortfolioKind;
	/** The sheet (for `sheet` and `goals`) or the certificate id. */
	id: string;
}

export interface PortfolioSheet {
	id: string;
	templateKey: string;
	docName: string;
}

export interface PortfolioPair {
	pairId: string;
	mentorName: string;
	programName: string;
	/** For the source's blanks in a printed sheet ("[Organisatie]"). */
	organisationName: string;
	status: string;
	sheets: PortfolioSheet[];
}

export interface PortfolioOptions {
	pairs: PortfolioPair[];
	certificates: Certificate[];
	chosen: PortfolioChoice[];
}

const order = (key: string) => {
	const at = pairSheetKeys.indexOf(key);
	return at < 0 ? pairSheetKeys.length : at;
};

/** What the signed-in mentee can put in their portfolio, and what they chose. */
export async function loadPortfolio(db: Database, claims: JwtClaims): Promise<PortfolioOptions> {
	const [rows, chosen] = await db.asUser(claims, async (tx) => [
		await tx.query<{
			pairId: string;
			mentorName: string;
			programName: string;
			organisationName: string;
			status: string;
			id: string;
			templateKey: string;
			docName: string;
		}>(
			`select p.id as "pairId", coalesce(mentor.display_name, '—') as "mentorName",
				coalesce(prog.name, '—') as "programName", coalesce(org.name, '') as "organisationName", p.status,
				s.id, s.template_key as "templateKey", s.doc_name as "docName"
			 from public.pairs p
			 join public.sheets s on s.pair_id = p.id
			 left join public.programs prog on prog.id = p.program_id
			 left join public.organisations org on org.id = prog.organisation_id
			 left join public.profiles mentor on mentor.id = p.mentor_id
			 where p.mentee_id = $1 and p.status <> 'proposed'
			 order by p.created_at desc`,
			[claims.sub]
		),
		await tx.query<{ kind: PortfolioKind; id: string }>(
			`select kind, coalesce(sheet_id, certificate_id) as id from public.portfolio_items
			 where owner_id = $1 order by position, created_at`,
			[claims.sub]
		)
	]);
	const pairs = new Map<string, PortfolioPair>();
	for (const row of rows) {
		if (!getTemplate(row.templateKey)) continue;
		const pair = pairs.get(row.pairId) ?? {
			pairId: row.pairId,
			mentorName: row.mentorName,
			programName: row.programName,
			organisationName: row.organisationName,
			status: row.status,
			sheets: []
		};
		pair.sheets.push({ id: row.id, templateKey: row.templateKey, docName: row.docName });
		pairs.set(row.pairId, pair);
	}
	for (const pair of pairs.values())
		pair.sheets.sort((a, b) => order(a.templateKey) - order(b.templateKey));
	return {
		pairs: [...pairs.values()],
		certificates: (await myCertificates(db, claims)).filter((c) => !c.revokedAt),
		chosen
	};
}

/** Replaces the mentee's choice. Row-level security refuses what is not theirs to choose. */
export async function savePortfolio(
	db: Database,
	claims: JwtClaims,
	choices: PortfolioChoice[]
): Promise<void> {
	const unique = [...new Map(choices.map((c) => [`${c.kind}:${c.id}`, c])).values()];
	// Only what the page offered: goals come from a development plan, sheets from one's pairs.
	const options = await loadPortfolio(db, claims);
	const sheets = new Map(options.pairs.flatMap((p) => p.sheets.map((s) => [s.id, s])));
	const certificates = new Set(options.certificates.map((c) => c.id));
	for (const choice of unique) {
		const sheet = sheets.get(choice.id);
		const offered =
			choice.kind === 'certificate'
				? certificates.has(choice.id)
				: !!sheet && (choice.kind === 'sheet' || sheet.templateKey === DEVELOPMENT_PLAN_KEY);
		if (!offered) throw new DomainError('invalid', 'cert_portfolio_invalid');
	}
	try {
		await db.asUser(claims, async (tx) => {
			await tx.query('delete from public.portfolio_items where owner_id = $1', [claims.sub]);
			for (const [position, choice] of unique.entries()) {
				await tx.query(
					`insert into public.portfolio_items (owner_id, kind, sheet_id, certificate_id, position)
					 values ($1, $2, $3, $4, $5)`,
					[
						claims.sub,
						choice.kind,
						choice.kind === 'certificate' ? null : choice.id,
						choice.kind === 'certificate' ? choice.id : null,
						position
					]
				);
			}
		});
	} catch (error) {
		if (error instanceof Error && /row-level security|foreign key/.test(error.message))
			throw new DomainError('invalid', 'cert_portfolio_invalid');
		throw error;
	}
}

/** The goals of a development plan's action plan that have a positive result. */
function printGoals(pdf: PdfWriter, doc: Y.Doc, mentorName: string): void {
	const o = { locale: pdf.locale };
	const template = getTemplate(DEVELOPMENT_PLAN_KEY);
	const field = template?.sections.flatMap((s) => s.fields).find((f) => f.key === 'action-plan');
	if (!field || field.kind !== 'table') return;
	const rows = readFieldContent(doc, field) as Record<string, unknown>[];
	const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
	const reached = rows.filter((row) => text(row['positive-result']) && text(row.goal));
	const section = pdf.section();
	pdf.heading(m.cert_portfolio_goals_title({}, o), 2);
	pdf.paragraph(m.cert_portfolio_pair({ mentor: mentorName }, o), { muted: true });
	if (reached.length === 0) pdf.paragraph(m.cert_portfolio_goals_none({}, o), { muted: true });
	else {
		const column = (key: string) =>
			field.columns.find((c) => c.key === key)?.label[pdf.locale] ?? key;
		pdf.table(
			[column('goal'), column('end-date'), column('positive-result')],
			reached.map((row) => [
				text(row.goal),
				text(row['end-date']) ? formatDate(text(row['end-date']), pdf.locale) : '',
				text(row['positive-result'])
			])
		);
	}
	section.close();
}

/**
 * The portfolio as one PDF: the chosen certificates, goals and sheets (in that order, each in
 * its structure), in the mentee's language, and nothing that was not chosen.
 */
export async function renderPortfolio(input: {
	db: Database;
	collab: CollabServer;
	claims: JwtClaims;
	locale: Locale;
	origin: string;
}): Promise<Uint8Array> {
	const { db, collab, claims, locale } = input;
	const options = await loadPortfolio(db, claims);
	if (options.chosen.length === 0)
		throw new DomainError('invalid', 'cert_portfolio_nothing_chosen');
	const [profile] = await db.asUser(claims, (tx) =>
		tx.query<{ name: string }>('select display_name as name from public.profiles where id = $1', [
			claims.sub
		])
	);
	const sheets = new Map(
		options.pairs.flatMap((pair) => pair.sheets.map((sheet) => [sheet.id, { sheet, pair }]))
	);
	const certificates = new Map(options.certificates.map((c) => [c.id, c]));
	const o = { locale };
	const title = m.cert_portfolio_pdf_title({ name: profile?.name ?? '' }, o);
	const pdf = await createPdf({ title, locale });
	pdf.heading(title, 1);
	pdf.paragraph(
		m.cert_portfolio_printed(
			{ date: formatDate(new Date().toISOString().slice(0, 10), locale) },
			o
		),
		{ muted: true }
	);
	const rank = { certificate: 0, goals: 1, sheet: 2 } as const;
	const chosen = [...options.chosen].sort((a, b) => rank[a.kind] - rank[b.kind]);
	for (const choice of chosen) {
		if (choice.kind === 'certificate') {
			const certificate = certificates.get(choice.id);
			if (!certificate) continue;
			pdf.doc.addPage();
			printCertificate(pdf, certificate, verifyUrl(input.origin, certificate.code));
			continue;
		}
		const found = sheets.get(choice.id);
		const template = found && getTemplate(found.sheet.templateKey);
		if (!found || !template) continue;
		const doc = await loadSheetDoc(collab, found.sheet.docName);
		pdf.doc.addPage();
		if (choice.kind === 'goals') printGoals(pdf, doc, found.pair.mentorName);
		else
			printSheet(pdf, {
				template,
				doc,
				subtitle: m.cert_portfolio_pair({ mentor: found.pair.mentorName }, o),
				placeholders: {
					programme: found.pair.programName,
					organisation: found.pair.organisationName
				}
			});
		doc.destroy();
	}
	return pdf.finish();
}
