import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { readForm } from '$lib/server/http';

const post = (type: string | null, body: string) =>
	new Request('http://localhost/x', {
		method: 'POST',
		headers: type ? { 'content-type': type } : {},
		body
	});

async function statusOf(request: Request): Promise<number | 'ok'> {
	try {
		await readForm(request);
		return 'ok';
	} catch (error) {
		if (isHttpError(error)) return error.status;
		throw error;
	}
}

describe('readForm', () => {
	it('reads urlencoded and multipart forms', async () => {
		const form = await readForm(post('application/x-www-form-urlencoded', 'a=1&b=%00'));
		expect(form.get('a')).toBe('1');
		expect(form.get('b')).toBe('\u0000');
		const multipart = new FormData();
		multipart.set('a', '2');
		const request = new Request('http://localhost/x', { method: 'POST', body: multipart });
		expect((await readForm(request)).get('a')).toBe('2');
	});

	it('answers 415 to a body that is not a form, 400 to a form it cannot read', async () => {
		expect(await statusOf(post('application/json', '{"a":1}'))).toBe(415);
		expect(await statusOf(post('text/plain', 'a=1'))).toBe(415);
		expect(await statusOf(post(null, 'a=1'))).toBe(415);
		expect(await statusOf(post('multipart/form-data; boundary=x', '--x\r\nnonsense'))).toBe(400);
		expect(await statusOf(post('multipart/form-data', 'no boundary'))).toBe(400);
	});
});
