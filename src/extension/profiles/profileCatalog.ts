import * as vscode from 'vscode';
import { BUILT_IN_PROFILES, EMULATOR_PROFILE_NAME, type Profile } from '../../core/providers';
import type { BatchStudioConfiguration, UserProfiles } from '../configuration';
import { settingKey } from '../../core/contributionIds';

/** globalState key of the profile the user picked last. */
const ACTIVE_PROFILE_KEY = 'batchStudio.activeProfile';

/**
 * The profiles the user can submit through (their own from user settings, then the built-in ones their
 * names do not shadow) and the active one, remembered in globalState. The emulator is active until the
 * user picks another profile, and again if the picked one disappears from the settings.
 */
export class ProfileCatalog implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private userProfiles: UserProfiles;
  private workspaceValueLogged = false;
  private lastProblemShown: string | undefined;

  /** Fires when the list of profiles or the active profile changes. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly configuration: BatchStudioConfiguration,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.userProfiles = this.readUserProfiles();
    this.subscription = configuration.onDidChange((change) => {
      if (!change.affects('profiles')) return;
      this.userProfiles = this.readUserProfiles();
      this.changeEmitter.fire();
    });
  }

  /** Every profile; a `direct` one runs its files from this machine instead of submitting them. */
  all(): Profile[] {
    const own = this.userProfiles.profiles;
    return [...own, ...BUILT_IN_PROFILES.filter((builtIn) => !own.some((profile) => profile.name === builtIn.name))];
  }

  get(name: string): Profile | undefined {
    return this.all().find((profile) => profile.name === name);
  }

  active(): Profile {
    const chosen = this.state.get<string>(ACTIVE_PROFILE_KEY);
    return (chosen !== undefined && this.get(chosen)) || this.get(EMULATOR_PROFILE_NAME)!;
  }

  async select(name: string): Promise<void> {
    if (!this.get(name)) throw new Error(`No profile named "${name}".`);
    await this.state.update(ACTIVE_PROFILE_KEY, name);
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private readUserProfiles(): UserProfiles {
    const read = this.configuration.userProfiles();
    if (read.workspaceValueIgnored && !this.workspaceValueLogged) {
      this.workspaceValueLogged = true;
      this.log.warn('batchStudio.profiles is set in this workspace\'s settings; that value is ignored: profiles come from user settings only, so a workspace cannot send a key to another host.');
    }
    if (read.problem && read.problem !== this.lastProblemShown) {
      this.lastProblemShown = read.problem;
      this.log.error(`batchStudio.profiles: ${read.problem}`);
      void vscode.window
        .showErrorMessage(vscode.l10n.t('The batchStudio.profiles setting cannot be used: {0} Until it is fixed, only the built-in profiles are offered.', read.problem), vscode.l10n.t('Open User Settings'))
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', settingKey('profiles')));
    }
    return read;
  }
}
