import { locateJsonMember } from '../jsonl/jsonLocator';

/** A request line's top-level `custom_id`, and where its key and value are (UTF-16 columns). */
export interface LocatedCustomId {
  customId: string;
  start: number;
  end: number;
}

/**
 * Finds the line's `custom_id` without parsing the whole request (lines may be megabytes). Read from the
 * text rather than by line number, so hints and hovers stay right while the input is being edited.
 */
export function locateCustomId(lineText: string): LocatedCustomId | undefined {
  // Gemini's lines name themselves by `key`.
  const member = locateJsonMember(lineText, ['custom_id']) ?? locateJsonMember(lineText, ['key']);
  if (!member) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(lineText.slice(member.valueStart, member.valueEnd));
  } catch {
    return undefined;
  }
  // The join reads a numeric custom_id as its digits; so do we.
  const customId = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  return customId === undefined ? undefined : { customId, start: member.keyStart, end: member.valueEnd };
}
