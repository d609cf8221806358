import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import { alignedDocumentText, type JoinedResult, type ResultsJoin } from '../../core/results';
import { alignedResultsUri } from './resultsUris';

/** An input file and the result files to join to it; from a job, or paired by the user. */
export interface ResultFiles {
  input: vscode.Uri;
  output?: string;
  errors?: string;
  /** The job the files belong to: its timestamps give the summary's duration and throughput. */
  job?: Job;
  /** The price table's discount that applies (see `discountNameForProfile`); default `batch`. */
  discount?: string;
}

const NO_RESULT = -1;

/**
 * One input joined to its results. Per line it keeps one integer (the index into `join.results`), so a
 * 50,000-line batch costs a 200 KB array beside the join itself; bodies stay on disk (`result.source`).
 */
export class ResultsSession {
  readonly alignedUri: vscode.Uri;
  private readonly resultIndexByLine: Int32Array;
  private readonly resultIndexById = new Map<string, number>();

  constructor(
    readonly files: ResultFiles,
    readonly join: ResultsJoin,
  ) {
    this.alignedUri = alignedResultsUri(files.input);
    this.resultIndexByLine = new Int32Array(join.inputLineCount).fill(NO_RESULT);
    join.results.forEach((result, index) => {
      this.resultIndexByLine[result.line] = index;
      if (!this.resultIndexById.has(result.customId)) this.resultIndexById.set(result.customId, index);
    });
  }

  get input(): vscode.Uri {
    return this.files.input;
  }

  /** The input's file name, for titles and messages. */
  get inputName(): string {
    return path.basename(this.files.input.fsPath);
  }

  /** The result of the request on input line `line` (0-based); undefined for blank and unreadable lines. */
  resultAtLine(line: number): JoinedResult | undefined {
    const index = line >= 0 && line < this.resultIndexByLine.length ? this.resultIndexByLine[line] : NO_RESULT;
    return index === NO_RESULT ? undefined : this.join.results[index];
  }

  /** The result of the (first) request with this `custom_id`: lines move when the input is edited, ids do not. */
  resultForCustomId(customId: string): JoinedResult | undefined {
    const index = this.resultIndexById.get(customId);
    return index === undefined ? undefined : this.join.results[index];
  }

  /** The aligned document's text, built when VS Code asks for it rather than kept. */
  alignedText(): string {
    return alignedDocumentText(this.join);
  }
}
