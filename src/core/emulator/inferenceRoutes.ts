import type { ServerResponse } from 'node:http';
import type { FaultInjector } from './faults';
import { EMULATOR_HEADER, readJsonBody, sendJson } from './http';
import type { InferenceEngine, InferenceResult } from './inference';
import { SYNTHETIC_ENDPOINTS } from './responders';
import type { Router } from './router';
import { sleep } from './timing';
import { rateLimitTokens } from '../estimate/rateLimitTokens';

/** How often a held answer sends a keep-alive blank line. */
const KEEP_ALIVE_LINE_EVERY_MS = 1000;

/** The inference endpoints answered directly (synchronously), so the emulator is also a chat endpoint. */
export function addInferenceRoutes(router: Router, engine: InferenceEngine, faults: FaultInjector): void {
  for (const endpoint of SYNTHETIC_ENDPOINTS) {
    router.add('POST', endpoint, async ({ req, res }) => {
      const body = await readJsonBody(req);
      const limited = faults.admitTokens(() => rateLimitTokens(endpoint, body));
      if (limited) throw limited;
      for (const [name, value] of Object.entries(faults.rateLimitHeaders('tokens'))) res.setHeader(name, value);
      const result = await engine.execute({ endpoint, body });
      const holdMs = faults.keepAliveMs ?? 0;
      if (holdMs > 0) await sendAfterKeepAliveLines(res, result, holdMs);
      else sendJson(res, result.status, result.body);
    });
  }
}

/** DeepSeek under load: the status and headers at once, then blank lines while "inference" runs, then the JSON. */
async function sendAfterKeepAliveLines(res: ServerResponse, result: InferenceResult, holdMs: number): Promise<void> {
  res.writeHead(result.status, { ...EMULATOR_HEADER, 'content-type': 'application/json' });
  const closed = new AbortController();
  res.once('close', () => closed.abort());
  for (let waited = 0; waited < holdMs && !closed.signal.aborted; waited += KEEP_ALIVE_LINE_EVERY_MS) {
    res.write('\n');
    await sleep(Math.min(KEEP_ALIVE_LINE_EVERY_MS, holdMs - waited), closed.signal);
  }
  res.end(JSON.stringify(result.body));
}
