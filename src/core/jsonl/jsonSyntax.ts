import * as l10n from '@vscode/l10n';
/** Where a line stops being JSON: the 0-based UTF-16 offset of the first bad character, and why. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const OBJECT = 0;
const ARRAY = 1;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function describe(text: string, offset: number): string {
  if (offset >= text.length) return l10n.t('the line ends too early');
  const code = text.charCodeAt(offset);
  if (code < 32 || code === 127) return l10n.t('control character U+{0}', code.toString(16).toUpperCase().padStart(4, '0'));
  return l10n.t("unexpected character '{0}'", text[offset]);
}

/**
 * Finds the first character at which `text` (from `start`) stops being one JSON value. Used only after
 * `JSON.parse` failed, to put the diagnostic on the bad character. Iterative with an explicit stack, so
 * deep nesting cannot overflow. Returns `undefined` when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string, start = 0): JsonSyntaxError | undefined {
  const stack: number[] = [];
  let offset = start;
  const fail = (message: string): JsonSyntaxError => ({ offset: Math.min(offset, text.length), message });
  const skipWhitespace = () => {
    while (offset < text.length && isWhitespace(text.charCodeAt(offset))) offset++;
  };
  /** Scans a string starting at its opening quote; leaves `offset` after the closing quote. */
  const scanString = (): JsonSyntaxError | undefined => {
    const opening = offset++;
    while (offset < text.length) {
      const code = text.charCodeAt(offset);
      if (code === 34) {
        offset++;
        return undefined;
      }
      if (code < 32) return fail(l10n.t('{0} inside a string (escape it)', describe(text, offset)));
      if (code === 92) {
        const escaped = text.charCodeAt(offset + 1);
        if (escaped === 117) {
          for (let digit = 2; digit < 6; digit++) {
            if (!isHexDigit(text.charCodeAt(offset + digit))) {
              offset += digit;
              return fail(l10n.t('\\u must be followed by four hex digits'));
            }
          }
          offset += 6;
          continue;
        }
        if (offset + 1 >= text.length || '"\\/bfnrt'.indexOf(text[offset + 1]) < 0) {
          offset++;
          return fail(l10n.t('invalid escape sequence in a string'));
        }
        offset += 2;
        continue;
      }
      offset++;
    }
    return { offset: opening, message: l10n.t('unterminated string (no closing quote)') };
  };
  const scanDigits = (): boolean => {
    const first = offset;
    while (offset < text.length && isDigit(text.charCodeAt(offset))) offset++;
    return offset > first;
  };
  const scanNumber = (): JsonSyntaxError | undefined => {
    if (text.charCodeAt(offset) === 45) offset++;
    if (text.charCodeAt(offset) === 48) offset++;
    else if (!scanDigits()) return fail(l10n.t('{0} in a number', describe(text, offset)));
    if (text.charCodeAt(offset) === 46) {
      offset++;
      if (!scanDigits()) return fail(l10n.t('{0}: a digit must follow the decimal point', describe(text, offset)));
    }
    const exponent = text.charCodeAt(offset);
    if (exponent === 101 || exponent === 69) {
      offset++;
      const sign = text.charCodeAt(offset);
      if (sign === 43 || sign === 45) offset++;
      if (!scanDigits()) return fail(l10n.t('{0}: a digit must follow the exponent', describe(text, offset)));
    }
    return undefined;
  };
  const scanLiteral = (word: string): JsonSyntaxError | undefined => {
    for (let index = 0; index < word.length; index++, offset++) {
      if (text[offset] !== word[index]) return fail(l10n.t('{0} (expected {1})', describe(text, offset), word));
    }
    return undefined;
  };

  let expectValue = true;
  for (;;) {
    skipWhitespace();
    if (expectValue) {
      const code = text.charCodeAt(offset);
      let error: JsonSyntaxError | undefined;
      if (code === 123 || code === 91) {
        offset++;
        skipWhitespace();
        const close = code === 123 ? 125 : 93;
        if (text.charCodeAt(offset) === close) {
          offset++;
          expectValue = false;
          continue;
        }
        stack.push(code === 123 ? OBJECT : ARRAY);
        if (code === 123) {
          const keyError = scanKey();
          if (keyError) return keyError;
        }
        continue;
      }
      if (code === 34) error = scanString();
      else if (code === 45 || isDigit(code)) error = scanNumber();
      else if (code === 116) error = scanLiteral('true');
      else if (code === 102) error = scanLiteral('false');
      else if (code === 110) error = scanLiteral('null');
      else return fail(offset >= text.length ? l10n.t('the line ends where a value is expected') : l10n.t('{0} where a value is expected', describe(text, offset)));
      if (error) return error;
      expectValue = false;
      continue;
    }
    if (stack.length === 0) {
      return offset < text.length ? fail(l10n.t('{0} after the end of the JSON value', describe(text, offset))) : undefined;
    }
    const code = text.charCodeAt(offset);
    const top = stack[stack.length - 1];
    if (code === 44) {
      offset++;
      if (top === OBJECT) {
        skipWhitespace();
        const keyError = scanKey();
        if (keyError) return keyError;
      }
      expectValue = true;
      continue;
    }
    if ((top === OBJECT && code === 125) || (top === ARRAY && code === 93)) {
      offset++;
      stack.pop();
      continue;
    }
    return fail(l10n.t("{0}: expected ',' or '{1}'", describe(text, offset), top === OBJECT ? '}' : ']'));
  }

  /** Scans `"key" :` and leaves `offset` where the value starts. */
  function scanKey(): JsonSyntaxError | undefined {
    if (text.charCodeAt(offset) !== 34) return fail(l10n.t('{0} where a property name in double quotes is expected', describe(text, offset)));
    const error = scanString();
    if (error) return error;
    skipWhitespace();
    if (text.charCodeAt(offset) !== 58) return fail(l10n.t("{0}: expected ':' after the property name", describe(text, offset)));
    offset++;
    expectValue = true;
    return undefined;
  }
}
