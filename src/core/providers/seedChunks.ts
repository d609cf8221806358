import type { BatchRequestLine } from './batchRequestLines';

/** The seed's recommended requests per sync call, by model (batch-api-contract.md). */
export const SEED_CHUNK_SIZES: Readonly<Record<string, number>> = {
  'deepseek-chat': 50,
  'deepseek-coder': 30,
  'deepseek-math': 20,
};

export const DEFAULT_SEED_CHUNK_SIZE = 50;

/** Requests per sync call for `model`: the profile's `chunkSizes` first, then the seed's recommendation. */
export function seedChunkSize(model: string, overrides: Readonly<Record<string, number>> = {}): number {
  return overrides[model] ?? SEED_CHUNK_SIZES[model] ?? DEFAULT_SEED_CHUNK_SIZE;
}

/** One sync call: a model and up to its chunk size of requests. */
export interface SeedChunk {
  model: string;
  requests: BatchRequestLine[];
}

/** Groups requests by `body.model` (file order kept within a model) and cuts each group to its chunk size. */
export function planSeedChunks(requests: readonly BatchRequestLine[], chunkSizes: Readonly<Record<string, number>> = {}): SeedChunk[] {
  const byModel = new Map<string, BatchRequestLine[]>();
  for (const request of requests) {
    const model = typeof request.body.model === 'string' ? request.body.model : '';
    const group = byModel.get(model) ?? [];
    group.push(request);
    byModel.set(model, group);
  }
  const chunks: SeedChunk[] = [];
  for (const [model, group] of byModel) {
    const size = seedChunkSize(model, chunkSizes);
    for (let start = 0; start < group.length; start += size) chunks.push({ model, requests: group.slice(start, start + size) });
  }
  return chunks;
}

/** A request as the seed's APIs take it: the body without `model` (given once per call) or `stream`. */
export function seedRequestEntry(request: BatchRequestLine): Record<string, unknown> {
  const { model: _model, stream: _stream, ...entry } = request.body;
  return entry;
}
