/**
 * `npm run bench:monitoring -- [options]`: bundles monitoring-scale.ts (bundle.mjs) and runs it.
 * See monitoring-scale.ts for the options.
 */
import { bundleAndRun } from './bundle.mjs';

await bundleAndRun({ cacheName: 'mentorpad-monitoring-bench', entries: ['monitoring-scale'] });
