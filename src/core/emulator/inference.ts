import { ApiError, serverError } from './apiError';
import type { FaultInjector } from './faults';
import { respondSynthetically } from './responders';
import type { UpstreamClient } from './upstream';

/** An inference answer as an HTTP status and a JSON body (an error body when the status is not 200). */
export interface InferenceResult {
  status: number;
  body: unknown;
}

export interface InferenceRequest {
  endpoint: string;
  body: Record<string, unknown>;
  /** Makes the fault decision depend on this key only (a batch line's custom_id), not on call order. */
  faultKey?: string;
}

/**
 * Runs one inference request, for a direct call, a seed-API entry or a batch line alike: the injected 5xx
 * fault first, then the upstream when one is configured, else the synthetic responder.
 */
export class InferenceEngine {
  constructor(
    private readonly faults: FaultInjector,
    private readonly upstream: UpstreamClient | undefined,
  ) {}

  async execute(request: InferenceRequest): Promise<InferenceResult> {
    const failure = this.faults.inferenceFailure(request.faultKey);
    if (failure !== undefined) return errorResult(serverError(failure));
    if (this.upstream) return this.upstream.forward(request.endpoint, request.body);
    try {
      return { status: 200, body: respondSynthetically(request.endpoint, request.body) };
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error);
      throw error;
    }
  }
}

export function errorResult(error: ApiError): InferenceResult {
  return { status: error.status, body: error.toBody() };
}
