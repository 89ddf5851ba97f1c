import { dev } from '$app/environment';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** The component gallery exists in `vite dev`, or in a build started with UI_GALLERY=true. */
function requireGallery(locals: App.Locals) {
	if (!dev && !locals.runtime.config.uiGallery) error(404, 'not_found');
}

export const load: PageServerLoad = ({ locals }) => {
	requireGallery(locals);
	return {};
};

export const actions = {
	/** The ConfirmDialog demo: answers with the name it was sent, and changes nothing. */
	confirm: async ({ locals, request }) => {
		requireGallery(locals);
		const form = await request.formData();
		return { confirmed: String(form.get('name') ?? '') };
	}
} satisfies Actions;
