import type { Locale } from '$lib/domain/templates/types';
import { formatDate } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';
import { COLORS, createPdf, type PdfWriter } from '$lib/server/pdf/document';
import type { Certificate } from './certificates';

/** The certificate as lines of facts, in the reader's language (PDF and pages alike). */
export function certificateFacts(
	certificate: Pick<
		Certificate,
		| 'personName'
		| 'programName'
		| 'organisationName'
		| 'periodStart'
		| 'periodEnd'
		| 'sessionsHeld'
		| 'coordinatorName'
		| 'issuedAt'
	>,
	locale: Locale
): { label: string; value: string }[] {
	const o = { locale };
	const day = (iso: string) => formatDate(iso, locale);
	return [
		{ label: m.cert_fact_person({}, o), value: certificate.personName },
		{ label: m.cert_fact_program({}, o), value: certificate.programName },
		{ label: m.cert_fact_organisation({}, o), value: certificate.organisationName },
		{
			label: m.cert_fact_period({}, o),
			value: m.cert_period_value(
				{ start: day(certificate.periodStart), end: day(certificate.periodEnd) },
				o
			)
		},
		{ label: m.cert_fact_sessions({}, o), value: String(certificate.sessionsHeld) },
		{ label: m.cert_fact_coordinator({}, o), value: certificate.coordinatorName },
		{
			label: m.cert_fact_issued({}, o),
			value: day(new Date(certificate.issuedAt).toISOString().slice(0, 10))
		}
	];
}

/** Prints a certificate into an open document: title, statement, facts, code and URL. */
export function printCertificate(pdf: PdfWriter, certificate: Certificate, url: string): void {
	const o = { locale: pdf.locale };
	const section = pdf.section();
	pdf.space(2);
	pdf.heading(m.cert_pdf_title({}, o), 1, { align: 'center', size: 26 });
	pdf.space(1);
	pdf.paragraph(
		m.cert_pdf_statement(
			{
				person: certificate.personName,
				program: certificate.programName,
				organisation: certificate.organisationName
			},
			o
		),
		{ size: 14, align: 'center' }
	);
	pdf.space(1.5);
	if (certificate.revokedAt) pdf.paragraph(m.cert_pdf_revoked({}, o), { bold: true });
	for (const fact of certificateFacts(certificate, pdf.locale)) pdf.fact(fact.label, fact.value);
	pdf.space(1);
	pdf.doc
		.moveTo(pdf.doc.page.margins.left, pdf.doc.y)
		.lineTo(pdf.doc.page.width - pdf.doc.page.margins.right, pdf.doc.y)
		.strokeColor(COLORS.rule)
		.lineWidth(0.5);
	// The rule is decoration: an artifact, outside the structure.
	pdf.doc.markContent('Artifact', { type: 'Layout' });
	pdf.doc.stroke();
	pdf.doc.endMarkedContent();
	pdf.space(0.5);
	pdf.fact(m.cert_fact_code({}, o), certificate.code);
	pdf.paragraph(m.cert_pdf_verify({}, o), { muted: true });
	pdf.paragraph(url, { muted: true, size: 9.5 });
	section.close();
}

/** The certificate alone, as a one-page PDF. */
export async function renderCertificatePdf(
	certificate: Certificate,
	locale: Locale,
	url: string
): Promise<Uint8Array> {
	const pdf = await createPdf({ title: m.cert_pdf_title({}, { locale }), locale });
	printCertificate(pdf, certificate, url);
	return pdf.finish();
}
