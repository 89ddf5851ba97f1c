import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { sheetTitles } from '$lib/domain/templates';
import { getLocale } from '$lib/paraglide/runtime';
import { pairStatusName } from '$lib/server/notifications/text';
import { readForm, requireSession, domainFailure } from '$lib/server/http';
import { loadPortfolio, savePortfolio } from '$lib/server/certificates/portfolio';
import type { Actions, PageServerLoad } from './$types';
import { DEVELOPMENT_PLAN_KEY } from '$lib/domain/templates/keys';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const options = await loadPortfolio(event.locals.runtime.db, session.claims);
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const titles = sheetTitles(locale);
	return {
		pairs: options.pairs.map((pair) => ({
			pairId: pair.pairId,
			mentorName: pair.mentorName,
			programName: pair.programName,
			status: pairStatusName(pair.status, locale),
			sheets: pair.sheets.map((sheet) => ({
				id: sheet.id,
				title: titles[sheet.templateKey] ?? sheet.templateKey,
				isPlan: sheet.templateKey === DEVELOPMENT_PLAN_KEY
			}))
		})),
		certificates: options.certificates.map((c) => ({
			id: c.id,
			programName: c.programName,
			issuedAt: c.issuedAt.toISOString()
		})),
		chosen: options.chosen.map((c) => `${c.kind}:${c.id}`)
	};
};

const item = z
	.string()
	.regex(/^(sheet|goals|certificate):[0-9a-f-]{36}$/)
	.transform((value) => {
		const [kind, id] = value.split(':') as ['sheet' | 'goals' | 'certificate', string];
		return { kind, id };
	});
const input = z.array(item).max(200);

export const actions: Actions = {
	default: async (event) => {
		const session = requireSession(event);
		const parsed = input.safeParse((await readForm(event.request)).getAll('item'));
		if (!parsed.success) return fail(400, { error: 'cert_portfolio_invalid' });
		try {
			await savePortfolio(event.locals.runtime.db, session.claims, parsed.data);
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: true };
	}
};
