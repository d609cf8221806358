import * as assert from 'node:assert/strict';
import { baseUrlProblem, profileNameProblem, withProfileEntry } from '../../../src/core/providers/profileForm';

describe('the profile form', () => {
  it('accepts https URLs and http on this machine only', () => {
    assert.equal(baseUrlProblem('https://api.groq.com/openai/v1'), undefined);
    assert.equal(baseUrlProblem('http://127.0.0.1:8080/v1'), undefined);
    assert.equal(baseUrlProblem('http://localhost:8080/v1'), undefined);
    assert.match(baseUrlProblem('http://gateway.example/v1')!, /https/);
    assert.match(baseUrlProblem('api.openai.com')!, /full URL/);
    assert.match(baseUrlProblem('ftp://example.com')!, /https/);
    assert.match(baseUrlProblem('https://sk-123@example.com/v1')!, /key out of the URL/);
    assert.match(baseUrlProblem('https://example.com/v1?x=1')!, /query/);
  });

  it('wants a name no other profile has', () => {
    assert.match(profileNameProblem('  ', [])!, /name/);
    assert.match(profileNameProblem('groq', ['Groq'])!, /exists/);
    assert.equal(profileNameProblem('Groq EU', ['Groq']), undefined);
  });

  it('adds an entry, or replaces the edited one keeping the fields the form does not ask for', () => {
    const entries = [{ name: 'Groq', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v1', limits: 'groq' }];
    assert.equal(withProfileEntry(entries, { name: 'Local', kind: 'emulator', baseUrl: 'http://127.0.0.1:8080/v1' }).length, 2);
    const edited = withProfileEntry(entries, { name: 'Groq 2', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v2' }, 'Groq');
    assert.deepEqual(edited, [{ name: 'Groq 2', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v2', limits: 'groq' }]);
    assert.equal(entries[0].name, 'Groq', 'the setting value read is not changed in place');
  });
});
