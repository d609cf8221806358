/**
 * Where one member `"key": value` sits on its line: 0-based UTF-16 columns, ends exclusive. The editor
 * builds quick fixes from these (replace the value, delete the member) and hovers (the key or value).
 */
export interface MemberSpan {
  keyColumn: number;
  keyEndColumn: number;
  valueColumn: number;
  valueEndColumn: number;
  /** What to delete to remove the member: the member plus one separating comma and its whitespace. */
  removalColumn: number;
  removalEndColumn: number;
}

/** How a line reads: nothing, not JSON, JSON but not an object, or an object (a request or a result). */
export type LineShape = 'blank' | 'invalid_json' | 'not_object' | 'object';

/** What the editor needs to know about one line, computed on demand. */
export interface BatchLineInfo {
  line: number;
  shape: LineShape;
  /** The parsed line, when it is JSON. */
  value?: unknown;
  customId?: MemberSpan;
  method?: MemberSpan;
  url?: MemberSpan;
  body?: MemberSpan;
  /** `body.model` */
  model?: MemberSpan;
  /** `body.stream` */
  stream?: MemberSpan;
}

/** One change as VS Code's `TextDocumentContentChangeEvent` reports it (structurally compatible). */
export interface TextContentChange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}
