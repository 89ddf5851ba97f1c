import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

/**
 * Posts a form to its SvelteKit action with XMLHttpRequest, because fetch reports no upload
 * progress: `onProgress` gets the share sent (0–1). Resolves with the action's result, for
 * `applyAction`; a network failure resolves as an error result.
 */
export function postWithProgress(
	form: HTMLFormElement,
	onProgress: (share: number) => void
): Promise<ActionResult> {
	return new Promise((resolvePromise) => {
		const request = new XMLHttpRequest();
		request.open('POST', form.action);
		request.setRequestHeader('accept', 'application/json');
		request.setRequestHeader('x-sveltekit-action', 'true');
		request.upload.addEventListener('progress', (event) => {
			if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
		});
		request.addEventListener('load', () => {
			try {
				resolvePromise(deserialize(request.responseText));
			} catch {
				resolvePromise({ type: 'error', status: request.status, error: new Error('bad response') });
			}
		});
		request.addEventListener('error', () =>
			resolvePromise({ type: 'error', status: 0, error: new Error('network') })
		);
		request.send(new FormData(form));
	});
}
