import type { FaultInjector } from './faults';
import { readJsonBody, sendJson } from './http';
import type { InferenceEngine } from './inference';
import { SYNTHETIC_ENDPOINTS } from './responders';
import type { Router } from './router';
import { estimateRequestTokens } from './usage';

/** The inference endpoints answered directly (synchronously), so the emulator is also a chat endpoint. */
export function addInferenceRoutes(router: Router, engine: InferenceEngine, faults: FaultInjector): void {
  for (const endpoint of SYNTHETIC_ENDPOINTS) {
    router.add('POST', endpoint, async ({ req, res }) => {
      const body = await readJsonBody(req);
      const limited = faults.admitTokens(estimateRequestTokens(body));
      if (limited) throw limited;
      const result = await engine.execute({ endpoint, body });
      sendJson(res, result.status, result.body);
    });
  }
}
