import { LineText, type LineDiagnostic } from './lineText';
import { requestFindings } from './requestRules';
import type { ProviderLimitsName } from './types';

/**
 * The findings of one request held as an object (a line being generated), by the rules of a request
 * line; `text` is its JSON line, read only to locate a finding. File rules (duplicate ids, counts) are
 * not checked here.
 */
export function validateRequest(request: Record<string, unknown>, text: string, provider: ProviderLimitsName): LineDiagnostic[] {
  let lookups: LineText | undefined;
  return requestFindings(request, {
    text,
    get lookups() {
      return (lookups ??= new LineText(text, 0));
    },
  }, provider);
}
