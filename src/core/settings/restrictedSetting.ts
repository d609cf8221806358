/** A setting's value at each level, as VS Code's `inspect` reports it. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The value of a setting that names files to write or read (`batchStudio.results.folder`,
 * `batchStudio.results.priceFile`): a workspace's own value counts only once the user trusts the
 * workspace, so a cloned repository cannot send downloads elsewhere or have any file on disk read.
 */
export function restrictedSettingValue<T>(inspected: InspectedSetting<T> | undefined, workspaceTrusted: boolean): T | undefined {
  if (!inspected) return undefined;
  const workspace = workspaceTrusted ? (inspected.workspaceFolderValue ?? inspected.workspaceValue) : undefined;
  return workspace ?? inspected.globalValue ?? inspected.defaultValue;
}
