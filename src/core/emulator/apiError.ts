/** An error answered the way the OpenAI API answers it: a status and `{"error":{message,type,param,code}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, message, 'invalid_request_error', param, code);
}

export function missingParameter(param: string): ApiError {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function invalidValue(param: string, message: string): ApiError {
  return invalidRequest(message, param, 'invalid_value');
}

export function notFound(message: string, param: string | null = null): ApiError {
  return new ApiError(404, message, 'invalid_request_error', param, null);
}

export function serverError(status: 500 | 503): ApiError {
  return status === 503
    ? new ApiError(503, 'The server is overloaded or not ready yet. (emulated fault)', 'server_error', null, 'service_unavailable')
    : new ApiError(500, 'The server had an error while processing your request. (emulated fault)', 'server_error', null, 'server_error');
}
