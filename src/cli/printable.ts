/** Text from a provider or a file, safe on a terminal: control characters (escapes, OSC 52, bells) shown as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
