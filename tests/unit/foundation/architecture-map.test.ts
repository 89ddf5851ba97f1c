import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md is the map of the code. Its tree must name every folder under src/lib
 * (the generated Paraglide output aside), and every folder it names must exist: a new folder
 * lands with its line in the map, a removed one takes its line along.
 */
const ROOT = join(import.meta.dirname, '../../..');

function mapEntries(): { paths: Set<string>; text: Map<string, string> } {
	const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
	const tree = /## The tree\s+```\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
	const stack: string[] = [];
	const paths = new Set<string>();
	const text = new Map<string, string>();
	let current = '';
	for (const line of tree.split('\n')) {
		const entry = /^( *)(\S+\/)(?:\s|$)/.exec(line);
		if (entry) {
			const depth = entry[1].length / 2;
			stack.length = depth;
			stack.push(entry[2]);
			current = stack.join('');
			paths.add(current.replace(/\/$/, ''));
		}
		text.set(current, `${text.get(current) ?? ''} ${line}`);
	}
	return { paths, text };
}

/**
 * The folders under `dir`, all levels, except the generated messages (src/lib/paraglide, which
 * the test command's build rewrites while the tests run).
 */
function foldersUnder(dir: string): string[] {
	return readdirSync(join(ROOT, dir))
		.filter((name) => statSync(join(ROOT, dir, name)).isDirectory())
		.map((name) => `${dir}/${name}`)
		.filter((folder) => folder !== 'src/lib/paraglide')
		.flatMap((folder) => [folder, ...foldersUnder(folder)]);
}

describe('docs/architecture.md', () => {
	const { paths, text } = mapEntries();
	const folders = foldersUnder('src/lib');

	it('names every folder under src/lib (or mentions it on its parent folder’s lines)', () => {
		const missing = folders.filter((folder) => {
			if (paths.has(folder)) return false;
			const parent = folder.slice(0, folder.lastIndexOf('/'));
			const name = folder.slice(folder.lastIndexOf('/') + 1);
			return !(text.get(`${parent}/`) ?? '').includes(`${name}/`);
		});
		expect(missing).toEqual([]);
	});

	it('names no folder that does not exist', () => {
		const stale = [...paths].filter(
			(path) => path.startsWith('src/lib/') && !folders.includes(path)
		);
		expect(stale).toEqual([]);
	});
});
