import * as vscode from 'vscode';

/**
 * The "Batch Studio" diagnostics collection, with a ticket per document so that a stale result never
 * overwrites a newer one: every producer (live validation of an open document, the workspace command)
 * takes a ticket before it starts and may publish only while its ticket is still the latest for that uri.
 * Taking a ticket or clearing a uri invalidates every earlier ticket (json-language-features does the same
 * with its pending-request map).
 */
export class BatchDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('batch-jsonl');
  private readonly latestTickets = new Map<string, number>();
  private nextTicket = 1;

  /** Reserves the right to publish for `uri`, revoking every earlier reservation. */
  takeTicket(uri: vscode.Uri): number {
    const ticket = this.nextTicket++;
    this.latestTickets.set(uri.toString(), ticket);
    return ticket;
  }

  isCurrent(uri: vscode.Uri, ticket: number): boolean {
    return this.latestTickets.get(uri.toString()) === ticket;
  }

  /** Publishes `diagnostics` unless a newer ticket exists; returns whether they were published. */
  publish(uri: vscode.Uri, ticket: number, diagnostics: readonly vscode.Diagnostic[]): boolean {
    if (!this.isCurrent(uri, ticket)) return false;
    this.collection.set(uri, diagnostics);
    return true;
  }

  /** Removes the diagnostics of `uri` and drops any result still being computed for it. */
  clear(uri: vscode.Uri): void {
    this.latestTickets.delete(uri.toString());
    this.collection.delete(uri);
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    this.latestTickets.clear();
    this.collection.dispose();
  }
}
