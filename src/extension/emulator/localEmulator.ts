import * as vscode from 'vscode';
import { startEmulator, type RunningEmulator } from '../../core/emulator';
import { errorMessage } from '../../core/errors';

/**
 * The in-process batch emulator behind the "Emulator (local, no key)" profile: started on a random
 * loopback port when first needed, reused after that, stopped on dispose (deactivation). Its files and
 * batches live in `dataDir`, so jobs survive a reload even though the port changes.
 */
export class LocalEmulator implements vscode.Disposable {
  private running: Promise<RunningEmulator> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly log: vscode.LogOutputChannel,
    /** Batch lines run per second (`batchStudio.emulator.requestsPerSecond`); undefined: full speed. */
    private readonly requestsPerSecond: () => number | undefined = () => undefined,
  ) {}

  /** The running emulator, starting it first if needed; concurrent callers share one start. */
  start(): Promise<RunningEmulator> {
    if (!this.running) {
      const starting = startEmulator({ host: '127.0.0.1', port: 0, dataDir: this.dataDir, requestsPerSecond: this.requestsPerSecond() });
      this.running = starting;
      starting.then(
        (emulator) => this.log.info(`Local batch emulator listening on ${emulator.baseUrl} (data in ${this.dataDir})`),
        (error: unknown) => {
          if (this.running === starting) this.running = undefined;
          this.log.error(`Local batch emulator could not start: ${errorMessage(error)}`);
        },
      );
    }
    return this.running;
  }

  /** True when an emulator was running (or starting) and is now stopped. */
  async stop(): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    this.running = undefined;
    const emulator = await running.catch(() => undefined);
    if (!emulator) return false;
    await emulator.close();
    this.log.info('Local batch emulator stopped');
    return true;
  }

  dispose(): void {
    void this.stop();
  }
}
