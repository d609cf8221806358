import { locateJsonMember, locateTopLevelMembers, memberRemovalRange, type JsonPathStep, type LocatedMember } from '../jsonl/jsonLocator';
import type { MemberSpan } from './lineInfo';
import type { BatchDiagnostic, DiagnosticSeverity } from './types';

/** A finding on one line, before the line's current number is known. Columns as in `TextSpan`. */
export interface LineDiagnostic {
  column: number;
  endColumn: number;
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  param?: string;
}

export interface ColumnSpan {
  column: number;
  endColumn: number;
}

export function onLine(line: number, finding: LineDiagnostic): BatchDiagnostic {
  const diagnostic: BatchDiagnostic = { line, column: finding.column, endLine: line, endColumn: finding.endColumn, severity: finding.severity, code: finding.code, message: finding.message };
  if (finding.param !== undefined) diagnostic.param = finding.param;
  return diagnostic;
}

/**
 * The text of one line and the lookups the rules need: members found by a targeted scan (cached), the
 * span of its content. `start` skips a byte-order mark that an editor keeps at the start of line 0.
 */
export class LineText {
  private members: Map<string, LocatedMember | null> | undefined;
  private topLevel: Map<string, LocatedMember> | undefined;

  constructor(
    readonly text: string,
    readonly start: number,
  ) {}

  member(path: readonly JsonPathStep[]): LocatedMember | undefined {
    // Top-level members come from one scan of the line: a scan per key was quadratic on a line of many keys.
    if (path.length === 1 && typeof path[0] === 'string') {
      this.topLevel ??= locateTopLevelMembers(this.text, this.start);
      return this.topLevel.get(path[0]);
    }
    const key = path.join('\u0000');
    this.members ??= new Map();
    let found = this.members.get(key);
    if (found === undefined) {
      found = locateJsonMember(this.text, path, this.start) ?? null;
      this.members.set(key, found);
    }
    return found ?? undefined;
  }

  /** The member's value, or its key when the value is an object or array (which can span the line). */
  memberSpan(path: readonly JsonPathStep[]): ColumnSpan {
    const member = this.member(path);
    if (!member) return this.contentSpan();
    const opening = this.text.charCodeAt(member.valueStart);
    const container = opening === 123 || opening === 91;
    if (container && member.keyEnd > member.keyStart) return { column: member.keyStart, endColumn: member.keyEnd };
    return { column: member.valueStart, endColumn: member.valueEnd };
  }

  /** Only the member's value. */
  valueSpan(path: readonly JsonPathStep[]): ColumnSpan {
    const member = this.member(path);
    return member ? { column: member.valueStart, endColumn: member.valueEnd } : this.contentSpan();
  }

  /** From the key to the end of the value. */
  wholeMemberSpan(path: readonly JsonPathStep[]): ColumnSpan {
    const member = this.member(path);
    return member ? { column: member.keyStart, endColumn: member.valueEnd } : this.contentSpan();
  }

  keySpan(path: readonly JsonPathStep[]): ColumnSpan {
    const member = this.member(path);
    return member ? { column: member.keyStart, endColumn: member.keyEnd } : this.contentSpan();
  }

  /** The line without surrounding whitespace (the whole line when it is all whitespace). */
  contentSpan(): ColumnSpan {
    let column = this.start;
    let endColumn = this.text.length;
    while (column < endColumn && this.text.charCodeAt(column) <= 32) column++;
    while (endColumn > column && this.text.charCodeAt(endColumn - 1) <= 32) endColumn--;
    return column < endColumn ? { column, endColumn } : { column: 0, endColumn: this.text.length };
  }

  /** The member's spans as the editor's lookups publish them. */
  memberInfo(path: readonly JsonPathStep[]): MemberSpan | undefined {
    const member = this.member(path);
    if (!member) return undefined;
    const removal = memberRemovalRange(this.text, member);
    return {
      keyColumn: member.keyStart,
      keyEndColumn: member.keyEnd,
      valueColumn: member.valueStart,
      valueEndColumn: member.valueEnd,
      removalColumn: removal.start,
      removalEndColumn: removal.end,
    };
  }
}

/** Something that gives a line's lookups on demand (a valid line never needs them). */
export interface LineLookups {
  /** The line itself (cheap: its length bounds its tokens). */
  readonly text: string;
  readonly lookups: LineText;
}

export function finding(span: ColumnSpan, code: string, message: string, param?: string, severity: DiagnosticSeverity = 'error'): LineDiagnostic {
  const diagnostic: LineDiagnostic = { column: span.column, endColumn: span.endColumn, severity, code, message };
  if (param !== undefined) diagnostic.param = param;
  return diagnostic;
}
