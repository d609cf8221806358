import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './apiError';

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Reached through Azure OpenAI's resource-endpoint form (`/openai/batches?api-version=…`). */
  azure: boolean;
}

export type RouteHandler = (request: RouteRequest) => Promise<void> | void;

/** What a path resolved to: the handler, or the error the real API gives (404 unknown path, 405 wrong method). */
export type RouteMatch =
  | { route: string; handler: RouteHandler; params: Record<string, string> }
  | { route: string; error: ApiError };

interface Route {
  method: string;
  /** e.g. `/v1/files/{file_id}/content`: also the key the request log counts under. */
  pattern: string;
  regex: RegExp;
  paramNames: string[];
  handler: RouteHandler;
}

/** A method + path-pattern table; nothing more is needed for a dozen fixed API paths. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    const paramNames: string[] = [];
    const source = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_whole, name: string) => {
      paramNames.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), paramNames, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, index) => (params[name] = decodePathSegment(found[index + 1])));
      return { route: `${method} ${route.pattern}`, handler: route.handler, params };
    }
    if (allowed.length > 0) {
      const error = new ApiError(405, `Method ${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`, 'invalid_request_error', null, 'method_not_allowed', {
        allow: allowed.join(', '),
      });
      return { route: `${method} (method not allowed)`, error };
    }
    return { route: `${method} (unknown path)`, error: new ApiError(404, `Invalid URL (${method} ${path})`) };
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is just an id that will not be found
  }
}
