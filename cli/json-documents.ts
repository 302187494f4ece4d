/**
 * Splits text holding several JSON documents (pretty-printed or one per line) into one string each,
 * by tracking nesting outside strings. Parsing proper is left to `parseJson`.
 */
export function splitJsonDocuments(text: string): { text: string; line: number }[] {
  const docs: { text: string; line: number }[] = [];
  let depth = 0;
  let start = -1;
  let startLine = 1;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      if (depth === 0 && !inString) end(i + 1);
      continue;
    }
    if (/\s/.test(c)) {
      if (depth === 0 && start >= 0) end(i);
      continue;
    }
    if (start < 0) {
      start = i;
      startLine = line;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth < 0) throw new SyntaxError(`line ${line}: unbalanced '${c}'`);
      if (depth === 0) end(i + 1);
    }
  }
  if (start >= 0) {
    if (depth > 0) throw new SyntaxError(`line ${startLine}: JSON value not closed before the end of the input`);
    end(text.length);
  }
  if (docs.length === 0) throw new SyntaxError("no JSON value in the input");
  return docs;

  function end(at: number) {
    if (start < 0) return;
    docs.push({ text: text.slice(start, at), line: startLine });
    start = -1;
  }
}
