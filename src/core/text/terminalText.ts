import { visibleControlCharacters } from './markdownText';

/**
 * Text from a provider or a file, safe to print on a terminal: control characters (clear screen, cursor
 * moves, OSC 52 clipboard writes, bells, carriage returns that overwrite a line) are shown as escapes.
 * JSON output needs none of this: JSON.stringify escapes them itself.
 */
export function terminalText(text: string): string {
  return visibleControlCharacters(text);
}
