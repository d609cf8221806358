import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type OpenAI from 'openai';
import { createAnthropicClient } from '../providers/anthropicClient';
import { createGeminiClient } from '../providers/geminiClient';
import { createOpenAIClient, type ClientSettings } from '../providers/openaiClient';
import { DEFAULT_GEMINI_MODEL, geminiModelFor, profileDialect, type Profile } from '../providers/profile';
import { anthropicRunFormat } from './anthropicRunFormat';
import { geminiRunFormat } from './geminiRunFormat';
import { openaiRunFormat } from './openaiRunFormat';
import type { RunFormat } from './runFormat';

/** The official SDK client a run sends through: the API of the profile's dialect. */
export type RunClient = OpenAI | Anthropic | GoogleGenAI;

/**
 * The client for a run on `profile` (its SDK's own retries off: the runner retries), with the model a
 * Gemini run uses. The key goes only where the client factories send it (the profile's origin).
 */
export function createRunClient(profile: Profile, apiKey: string | undefined, settings: Omit<ClientSettings, 'maxRetries'> = {}): { client: RunClient; model?: string } {
  const dialect = profileDialect(profile);
  const sdkSettings = { ...settings, maxRetries: 0 };
  if (dialect === 'anthropic') return { client: createAnthropicClient(profile, apiKey, sdkSettings) };
  if (dialect === 'gemini') return { client: createGeminiClient(profile, apiKey, sdkSettings), model: geminiModelFor(profile) };
  return { client: createOpenAIClient(profile, apiKey, sdkSettings) };
}

/** The format of the client's API; a Gemini client runs every line on `model` (its lines name none). */
export function runFormatFor(client: RunClient, model?: string): RunFormat {
  if (client instanceof Anthropic) return anthropicRunFormat(client);
  if (client instanceof GoogleGenAI) return geminiRunFormat(client, model ?? DEFAULT_GEMINI_MODEL);
  return openaiRunFormat(client);
}
