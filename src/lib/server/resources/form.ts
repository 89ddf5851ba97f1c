/**
 * The library's forms as the shapes its schemas read: repeated checkboxes as arrays, a ticked
 * box as `true`, and the uploaded file (if any) apart. Values that are not text are dropped, so
 * the schema answers with a field error instead of a 500.
 */
import { pairSheetKeys, sheetTitles } from '$lib/domain/templates';
import type { Locale } from '$lib/domain/templates/types';

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : undefined;
};
const texts = (form: FormData, name: string) =>
	form.getAll(name).filter((v): v is string => typeof v === 'string');

export function resourceFormValues(form: FormData) {
	return {
		kind: text(form, 'kind'),
		title: text(form, 'title'),
		description: text(form, 'description'),
		url: text(form, 'url'),
		phases: texts(form, 'phases'),
		instruments: texts(form, 'instruments'),
		audience: texts(form, 'audience'),
		publish: form.get('publish') === 'on',
		organisationWide: form.get('scope') === 'organisation'
	};
}

export function caseStudyFormValues(form: FormData) {
	return {
		title: text(form, 'title'),
		description: text(form, 'description'),
		body: text(form, 'body'),
		phases: texts(form, 'phases'),
		submit: form.get('intent') === 'submit'
	};
}

/** The uploaded file of a form, as bytes (none when the field is missing or not a file). */
export async function uploadOf(
	form: FormData,
	name = 'file'
): Promise<{ name: string; bytes: Uint8Array } | undefined> {
	const file = form.get(name);
	if (!(file instanceof File)) return undefined;
	return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The valid instrument tags: the pair sheets' keys. */
export const instrumentKeys: readonly string[] = pairSheetKeys;

/** The sheets a resource may be tagged with, by key, titled in the reader's language. */
export function instrumentOptions(locale: string): { key: string; title: string }[] {
	const titles = sheetTitles((locale === 'en' ? 'en' : 'nl') as Locale);
	return pairSheetKeys.map((key) => ({ key, title: titles[key] ?? key }));
}
