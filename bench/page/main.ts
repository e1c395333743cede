/**
 * bench/index.html: no UI. `npm run bench` calls these from Playwright (bench/harness/bench-page.ts); each
 * returns a JSON-able result. The tfjs runs use the app's own training Worker and protocol; ConvNetJS runs in a Worker too.
 */
import { runConvnet } from './convnetjs-run';
import { runTfjs } from './tfjs-run';

const api = { runTfjs, runConvnet, ready: true };
export type BenchApi = typeof api;

(window as unknown as { bench: BenchApi }).bench = api;
document.title = 'AlexNet Playground bench (ready)';
