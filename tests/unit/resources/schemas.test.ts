import { describe, expect, it } from 'vitest';
import {
	audiencesOf,
	caseStudyInput,
	libraryFilters,
	libraryPermissions,
	resourceInput,
	safeUrl,
	searchQuery
} from '$lib/domain/resources';

const schema = resourceInput(['PS1', 'PS2', '03-mutual-presentation']);
const valid = {
	kind: 'link',
	title: 'Gesprekstechnieken',
	description: '',
	url: 'https://example.org/a',
	phases: ['BR'],
	instruments: ['PS1'],
	audience: ['mentor'],
	publish: true
};
const issue = (
	input: unknown,
	s: { safeParse(v: unknown): { success: boolean; error?: unknown } } = schema
) => {
	const result = s.safeParse(input);
	if (result.success) return null;
	const { issues } = result.error as { issues: { path: PropertyKey[]; message: string }[] };
	return `${String(issues[0].path[0])}:${issues[0].message}`;
};

describe('safeUrl', () => {
	it('accepts http and https addresses with a host', () => {
		expect(safeUrl(' https://example.org/x?y=1 ')).toBe('https://example.org/x?y=1');
		expect(safeUrl('http://example.org')).toBe('http://example.org');
	});
	it.each([
		'javascript:alert(1)',
		'JaVaScRiPt:alert(1)',
		'data:text/html,<script>',
		'file:///etc/passwd',
		'ftp://example.org',
		'https://',
		'//example.org',
		'https://user:pw@example.org',
		'https://exa mple.org',
		'https://example.org/\u0000',
		`https://example.org/${'a'.repeat(2000)}`,
		''
	])('refuses %j', (url) => {
		expect(safeUrl(url)).toBeNull();
	});
});

describe('resourceInput', () => {
	it('takes a valid link and removes repeated tags', () => {
		const parsed = schema.parse({ ...valid, phases: ['BR', 'BR'], audience: ['mentor', 'mentor'] });
		expect(parsed.phases).toEqual(['BR']);
		expect(parsed.audience).toEqual(['mentor']);
	});
	it('refuses NUL bytes, huge strings, unknown tags and a missing audience, with keys', () => {
		expect(issue({ ...valid, title: 'a\u0000b' })).toBe('title:control_characters');
		expect(issue({ ...valid, title: 'x'.repeat(201) })).toBe('title:too_long');
		expect(issue({ ...valid, title: '   ' })).toBe('title:required');
		expect(issue({ ...valid, description: 'x'.repeat(2001) })).toBe('description:too_long');
		expect(issue({ ...valid, url: 'x'.repeat(2001) })).toBe('url:res_url');
		expect(issue({ ...valid, phases: ['XX'] })).toBe('phases:bad_request');
		expect(issue({ ...valid, instruments: ['NOPE'] })).toBe('instruments:bad_request');
		expect(issue({ ...valid, audience: [] })).toBe('audience:res_audience_required');
		expect(issue({ ...valid, audience: ['observer'] })).toBe('audience:bad_request');
		expect(issue({ ...valid, kind: 'case_study' })).toBe('kind:bad_request');
	});
});

describe('caseStudyInput', () => {
	it('needs a body, unifies line ends and refuses control characters', () => {
		const base = { title: 'Casus', description: '', phases: [], submit: true };
		expect(caseStudyInput.parse({ ...base, body: ' a\r\nb ' }).body).toBe('a\nb');
		expect(issue({ ...base, body: '' }, caseStudyInput)).toBe('body:required');
		expect(issue({ ...base, body: 'x\u0000' }, caseStudyInput)).toBe('body:control_characters');
		expect(issue({ ...base, body: 'x'.repeat(20_001) }, caseStudyInput)).toBe('body:too_long');
	});
});

describe('libraryFilters', () => {
	it('turns anything unknown into "all" and keeps the search short and clean', () => {
		const f = libraryFilters.parse({
			q: `a\u0000b${'x'.repeat(300)}`,
			phase: 'ZZ',
			kind: 'exe',
			page: '-3'
		});
		expect(f.q).toHaveLength(200);
		expect(f.q.startsWith('a b')).toBe(true);
		expect(f.phase).toBeUndefined();
		expect(f.kind).toBeUndefined();
		expect(f.page).toBe(1);
		expect(libraryFilters.parse({ instrument: "PS1' or 1=1" }).instrument).toBeUndefined();
	});
});

describe('searchQuery', () => {
	it('makes prefix words, drops operators, and gives null for nothing searchable', () => {
		expect(searchQuery('Gesprek PS1')).toBe('gesprek:* & ps1:*');
		expect(searchQuery("a & b | !c ('d')")).toBe('a:* & b:* & c:* & d:*');
		expect(searchQuery('%_&|')).toBeNull();
		expect(searchQuery('Oriëntatie')).toBe('oriëntatie:*');
	});
});

describe('audiences per role', () => {
	it('never gives a mentee material for mentors or coordinators; an observer nothing', () => {
		expect(audiencesOf('mentee')).toEqual(['mentee']);
		expect(audiencesOf('mentor')).toEqual(['mentor']);
		expect(audiencesOf('supporter')).toEqual(['coordinator', 'mentor']);
		expect(audiencesOf('coordinator')).toEqual(['mentor', 'mentee', 'coordinator']);
		expect(audiencesOf('observer')).toEqual([]);
		expect(audiencesOf(undefined)).toEqual([]);
		expect(libraryPermissions('mentor')).toEqual({
			manage: false,
			writeCaseStudy: true,
			read: true
		});
		expect(libraryPermissions('coordinator').manage).toBe(true);
	});
});
