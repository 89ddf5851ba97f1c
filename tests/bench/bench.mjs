/**
 * `npm run bench -- [options]`: bundles the TypeScript benchmark (bundle.mjs) and runs run.ts
 * with the given options.
 */
import { bundleAndRun } from './bundle.mjs';

await bundleAndRun({
	cacheName: 'mentorpad-bench',
	entries: ['run', 'server-process', 'load-worker']
});
