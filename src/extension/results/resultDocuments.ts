import * as vscode from 'vscode';
import { readResultJson } from '../../core/results';
import type { ResultsSessions } from './resultsSessions';
import { ALIGNED_RESULTS_SCHEME, FULL_RESULT_SCHEME, alignedResultsUri, inputOfResultsUri } from './resultsUris';

/**
 * Serves the aligned results documents, read-only, rebuilt from the session whenever it reloads. A file
 * system (rather than a content provider) gives their editors the breadcrumbs bar their inputs have, so
 * the two editors' rows line up on screen.
 */
class AlignedResultsFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  private readonly subscription: vscode.Disposable;
  /** When each document last changed: VS Code reads a document again only when its mtime moved. */
  private readonly modified = new Map<string, number>();
  readonly onDidChangeFile = this.changeEmitter.event;

  constructor(private readonly sessions: ResultsSessions) {
    this.subscription = sessions.onDidChange((input) => {
      const uri = alignedResultsUri(input);
      this.modified.set(uri.toString(), Math.max(Date.now(), (this.modified.get(uri.toString()) ?? 0) + 1));
      this.changeEmitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    });
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const mtime = this.modified.get(uri.toString()) ?? 0;
    return { type: vscode.FileType.File, ctime: 0, mtime, size: Buffer.byteLength(this.text(uri)), permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return new TextEncoder().encode(this.text(uri));
  }

  watch(): vscode.Disposable {
    // Changes come from the sessions, whoever watches.
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.FileNotADirectory(uri);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private text(uri: vscode.Uri): string {
    // Without a session (e.g. a window reloaded with the tab open) an empty document keeps no stale lines.
    return this.sessions.sessionOf(uri)?.alignedText() ?? '';
  }
}

/** Serves one request's full result line as formatted JSON, read from disk when opened. */
class FullResultProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly sessions: ResultsSessions) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const line = inputOfResultsUri(uri)?.line;
    const result = line === undefined ? undefined : this.sessions.sessionOf(uri)?.resultAtLine(line);
    if (!result?.source) return JSON.stringify({ custom_id: result?.customId, status: result?.status ?? 'unknown', note: 'no result line' }, null, 2);
    return readResultJson(result.source);
  }
}

/** Closing the aligned results document ends its session: diagnostics and hints go with it. */
export function registerResultDocuments(sessions: ResultsSessions): vscode.Disposable {
  const aligned = new AlignedResultsFileSystem(sessions);
  return vscode.Disposable.from(
    aligned,
    vscode.workspace.registerFileSystemProvider(ALIGNED_RESULTS_SCHEME, aligned, { isCaseSensitive: true, isReadonly: true }),
    vscode.workspace.registerTextDocumentContentProvider(FULL_RESULT_SCHEME, new FullResultProvider(sessions)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme !== ALIGNED_RESULTS_SCHEME) return;
      const input = inputOfResultsUri(document.uri)?.input;
      if (input) sessions.remove(input);
    }),
  );
}
