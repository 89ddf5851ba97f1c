/** The FileStore on local disk: one file per blob under `<root>/pair/<pair>/<file>`. */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { STORAGE_KEY, type FileStore } from './types';

function pathOf(root: string, key: string): string {
	if (!STORAGE_KEY.test(key)) throw new Error('invalid storage key');
	return join(root, ...key.split('/'));
}

export function createLocalFileStore(root: string): FileStore {
	return {
		kind: 'local',
		async put(key, data) {
			const target = pathOf(root, key);
			await mkdir(dirname(target), { recursive: true });
			// Written beside the target and renamed, so a reader never sees half a file.
			const temporary = `${target}.${randomUUID()}.part`;
			const handle = await open(temporary, 'wx', 0o600);
			try {
				await handle.writeFile(data);
				await handle.sync();
			} finally {
				await handle.close();
			}
			try {
				await stat(target);
				await rm(temporary, { force: true });
				throw new Error('a blob with this key exists');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			}
			await rename(temporary, target);
		},
		async get(key) {
			const path = pathOf(root, key);
			try {
				await stat(path);
			} catch {
				return null;
			}
			return Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
		},
		async delete(keys) {
			await Promise.all(keys.map((key) => rm(pathOf(root, key), { force: true })));
		}
	};
}
