/**
 * SvelteKit repeats every `<link rel="modulepreload">` of a page in a `Link` response header. A
 * page built from many chunks then sends 10–20 KB of headers: more than Node's fetch (undici)
 * accepts (16 KB) and than common proxy buffers (nginx: 4–8 KB) hold. The HTML's own link tags
 * already start those downloads, so the header keeps only the stylesheet and font preloads.
 */
export function withoutModulePreloads(response: Response): Response {
	const link = response.headers.get('link');
	if (!link) return response;
	const kept = link
		.split(/,\s*(?=<)/)
		.filter((entry) => !/;\s*rel="?modulepreload"?/i.test(entry))
		.join(', ');
	try {
		if (kept) response.headers.set('link', kept);
		else response.headers.delete('link');
		return response;
	} catch {
		// A response passed through from fetch() has immutable headers: copy it once.
		const copy = new Response(response.body, response);
		if (kept) copy.headers.set('link', kept);
		else copy.headers.delete('link');
		return copy;
	}
}
