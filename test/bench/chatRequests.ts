/** A realistic chat batch line for the benchmarks; `filler` repeats a 48-byte sentence to size the line. */
export function chatRequestLine(index: number, filler = 8): string {
  return JSON.stringify({
    custom_id: `request-${index}`,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 400,
      messages: [
        { role: 'system', content: 'You are a careful assistant that summarises product reviews in two sentences.' },
        { role: 'user', content: `Review ${index}: ${'The battery lasts long and the screen is sharp. '.repeat(filler)}` },
      ],
    },
  });
}
