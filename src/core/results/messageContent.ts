import { isJsonObject } from '../validation/jsonValues';

/**
 * A message's content as text: a string as it is, or the `text` of each part of a content array
 * (`[{type: 'text', text}]`, `[{type: 'input_text', text}]`) joined by `separator`.
 */
export function contentText(content: unknown, separator: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isJsonObject(part) && typeof part.text === 'string' ? part.text : ''))
    .filter(Boolean)
    .join(separator);
}
