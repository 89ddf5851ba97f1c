import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(process.cwd(), 'supabase/migrations');
const files = readdirSync(DIR).filter((f) => f.endsWith('.sql'));

describe('supabase/migrations', () => {
	it('has files named <version>_<name>.sql', () => {
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) expect(file).toMatch(/^\d{14}_[a-z0-9_]+\.sql$/);
	});

	for (const file of files) {
		it(`${file}: every created table enables row-level security in the same file`, () => {
			const sql = readFileSync(join(DIR, file), 'utf8').replace(/--.*$/gm, '').toLowerCase();
			const created = [...sql.matchAll(/create table (?:if not exists )?([a-z_.]+)/g)].map(
				(m) => m[1]
			);
			for (const table of created) {
				const name = table.replace(/^public\./, '');
				const pattern = new RegExp(
					`alter table (?:public\\.)?${name}\\s+enable row level security`
				);
				expect(sql, `${table} in ${file}`).toMatch(pattern);
			}
		});
	}
});
