import { invalidValue } from './apiError';

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

/** The page after the item with id `after` (an unknown cursor gives an empty page, never the first page again). */
export function pageAfter<T extends { id: string }>(sorted: T[], after: string | undefined, limit: number): Page<T> {
  let start = 0;
  if (after !== undefined) {
    const index = sorted.findIndex((item) => item.id === after);
    start = index === -1 ? sorted.length : index + 1;
  }
  return { data: sorted.slice(start, start + limit), hasMore: sorted.length > start + limit };
}

/** The API's list envelope; `first_id`/`last_id` are omitted on an empty page rather than sent as null. */
export function listBody<T extends { id: string }>(page: Page<T>): Record<string, unknown> {
  const body: Record<string, unknown> = { object: 'list', data: page.data, has_more: page.hasMore };
  if (page.data.length > 0) {
    body.first_id = page.data[0].id;
    body.last_id = page.data[page.data.length - 1].id;
  }
  return body;
}

/** Reads `limit` from the query string: an integer in 1..max, or the default. */
export function readLimit(query: URLSearchParams, defaultLimit: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null) return defaultLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw invalidValue('limit', `Invalid 'limit': expected an integer between 1 and ${max}, got '${raw}'.`);
  }
  return limit;
}
