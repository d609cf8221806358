import * as assert from 'node:assert/strict';
import type { BatchJob, GoogleGenAI } from '@google/genai';
import { GeminiBatchProvider } from '../../../src/core/providers/geminiProvider';

/** A Gemini client whose batch keeps the state `state` after a cancel, as the API's does until it stops. */
function clientReporting(state: string, cancelled: string[]): GoogleGenAI {
  const batch: BatchJob = { name: 'batches/b1', state: state as BatchJob['state'], createTime: '2026-12-02T10:00:00Z' };
  return {
    batches: {
      cancel: async ({ name }: { name: string }) => void cancelled.push(name),
      get: async () => batch,
    },
  } as unknown as GoogleGenAI;
}

describe('Gemini provider cancel', () => {
  const profile = { name: 'Gemini', kind: 'gemini' as const, baseUrl: 'https://generativelanguage.googleapis.com' };

  it('a batch the API still reports running after an accepted cancel is cancelling, not in progress', async () => {
    const cancelled: string[] = [];
    const provider = new GeminiBatchProvider(profile, () => clientReporting('JOB_STATE_RUNNING', cancelled));
    const job = await provider.cancelBatch('batches/b1');
    assert.deepEqual(cancelled, ['batches/b1']);
    assert.equal(job.status, 'cancelling');
  });

  it('a batch that already ended keeps its state', async () => {
    for (const [state, status] of [
      ['JOB_STATE_CANCELLED', 'cancelled'],
      ['JOB_STATE_SUCCEEDED', 'completed'],
    ] as const) {
      const provider = new GeminiBatchProvider(profile, () => clientReporting(state, []));
      assert.equal((await provider.cancelBatch('batches/b1')).status, status);
    }
  });
});
