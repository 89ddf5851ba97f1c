/** `node tests/bench/live-bench.mjs [--people 1000] [--rate 100] [--seconds 10]`: see live-delivery.ts. */
import { bundleAndRun } from './bundle.mjs';

await bundleAndRun({ cacheName: 'mentorpad-live-bench', entries: ['live-delivery'] });
