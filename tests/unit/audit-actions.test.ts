import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, isAuditAction } from '$lib/domain/audit-actions';
import { AUDIT_ACTION_LABELS } from '../../src/routes/programs/[id]/audit/labels';

/**
 * The programme's audit tab shows every action as a sentence, never its code. `audit()` and
 * `auditAsService()` take only listed actions (the type checker holds them); the actions written
 * in SQL or passed to `record_audit_event` as query parameters are found here in the source.
 */

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'paraglide' ? [] : sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Actions in `insert into public.audit_events … select …, '<action>'` and in the first
 * parameter of `select public.record_audit_event(…)`. */
function actionsInSql(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(/insert into public\.audit_events[^`]*`/g))
		for (const literal of match[0].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.push(literal[1]);
	for (const match of text.matchAll(/record_audit_event\([^)]*\)'?,\s*\[\s*'([a-z_.]+)'/g))
		found.push(match[1]);
	return found;
}

describe('audit actions', () => {
	it('finds the actions written in SQL and as query parameters, and each is listed', () => {
		const found = new Set(
			sourceFiles('src/lib/server').flatMap((f) => actionsInSql(readFileSync(f, 'utf8')))
		);
		// The scan must see the known ones, or it proves nothing.
		for (const known of [
			'retention.warn',
			'retention.purge',
			'person.erase',
			'data.export',
			'concern.raise',
			'concern.status',
			'support_meeting.record'
		])
			expect(found).toContain(known);
		expect([...found].filter((action) => !isAuditAction(action))).toEqual([]);
	});

	it('says every action in Dutch and English, as words, not as its code', () => {
		for (const action of AUDIT_ACTIONS) {
			const label = AUDIT_ACTION_LABELS[action];
			const nl = label({}, { locale: 'nl' });
			const en = label({}, { locale: 'en' });
			expect(nl, action).toMatch(/^[a-zà-ÿ]/);
			expect(en, action).toMatch(/^[a-z]/);
			expect(nl, action).not.toBe(en);
			for (const text of [nl, en]) {
				expect(text, action).not.toContain(action);
				expect(text, action).not.toMatch(/[a-z]_[a-z]|\w\.\w/);
			}
		}
	});

	it('lists each action once', () => {
		expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
	});
});
