/**
 * `npm run bench:tti -- [--runs 5] [--cpu 4]`: bundles tti.ts (bundle.mjs) and runs it. See
 * tti.ts for what it measures.
 */
import { bundleAndRun } from './bundle.mjs';

await bundleAndRun({ cacheName: 'mentorpad-tti', entries: ['tti'] });
