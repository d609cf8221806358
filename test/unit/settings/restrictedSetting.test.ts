import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { restrictedSettingValue } from '../../../src/core/settings/restrictedSetting';

const repoRoot = path.resolve(__dirname, '../../../..');

// The test harness runs VS Code with workspace trust disabled, so the untrusted case is tested here, on
// the decision the configuration reader applies, and on the manifest VS Code applies it from.
describe('settings a workspace may set only when trusted', () => {
  const everyLevel = { defaultValue: '', globalValue: '/home/me/results', workspaceValue: '/etc', workspaceFolderValue: '/root' };

  it('an untrusted workspace\'s own value is ignored: the user\'s value, else the default, applies', () => {
    assert.equal(restrictedSettingValue(everyLevel, false), '/home/me/results');
    assert.equal(restrictedSettingValue({ defaultValue: '', workspaceValue: '/dev/zero' }, false), '');
  });

  it('a trusted workspace\'s value applies, the folder\'s over the workspace\'s', () => {
    assert.equal(restrictedSettingValue(everyLevel, true), '/root');
    assert.equal(restrictedSettingValue({ ...everyLevel, workspaceFolderValue: undefined }, true), '/etc');
  });

  it('the manifest declares both settings restricted', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ['batchStudio.results.folder', 'batchStudio.results.priceFile']);
  });
});
