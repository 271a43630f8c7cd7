/**
 * A JSON grammar check that says where the text goes wrong. It runs only after JSON.parse has
 * failed: V8's messages differ between Node versions and do not all carry a position, while users
 * need a line and column they can jump to. Iterative, so deep nesting cannot overflow the stack.
 */

export interface SyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

class Failure {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

const literals = ['true', 'false', 'null'];

export function findSyntaxError(text: string): SyntaxProblem | null {
  try {
    new Scanner(text).document();
    return null;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}

/** 1-based; columns count UTF-16 units, which is what editors show for the BMP. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): void {
    const closers: string[] = [];
    this.space();
    for (;;) {
      // At a value: containers open here and loop back for their first member.
      const opener = this.text[this.i];
      if (opener === '{' || opener === '[') {
        this.i++;
        this.space();
        const closer = opener === '{' ? '}' : ']';
        if (this.text[this.i] === closer) this.i++;
        else {
          closers.push(closer);
          if (closer === '}') this.key();
          continue;
        }
      } else this.scalar();
      // After a value: close containers until a comma leads to the next value.
      for (;;) {
        this.space();
        const closer = closers.at(-1);
        const c = this.text[this.i];
        if (closer === undefined) {
          if (c !== undefined) throw this.fail('unexpected text after the end of the JSON value');
          return;
        }
        if (c === closer) {
          this.i++;
          closers.pop();
          continue;
        }
        if (c !== ',') throw this.fail(`expected ',' or '${closer}'`);
        this.i++;
        this.space();
        if (closer === '}') this.key();
        break;
      }
    }
  }

  /** A member name and its colon, leaving the scanner at the value. */
  private key(): void {
    if (this.text[this.i] !== '"') throw this.fail('expected a property name in double quotes');
    this.string();
    this.space();
    if (this.text[this.i] !== ':') throw this.fail("expected ':'");
    this.i++;
    this.space();
  }

  private scalar(): void {
    const c = this.text[this.i];
    if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else this.literal();
  }

  private literal(): void {
    const literal = literals.find((word) => this.text.startsWith(word, this.i));
    if (literal === undefined) throw this.fail('expected a value');
    this.i += literal.length;
  }

  private string(): void {
    this.i++;
    for (;;) {
      const code = this.text.charCodeAt(this.i);
      if (Number.isNaN(code)) throw this.fail('unterminated string');
      if (code < 0x20) throw this.fail('control character in string');
      this.i++;
      if (code === 0x22) return;
      if (code !== 0x5c) continue;
      const escaped = this.text[this.i];
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 1, this.i + 5))) this.i += 5;
      else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) this.i++;
      else throw this.fail('invalid escape in string');
    }
  }

  private number(): void {
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    match.lastIndex = this.i;
    const found = match.exec(this.text);
    if (found === null) throw this.fail('invalid number');
    this.i += found[0].length;
  }

  private space(): void {
    while (' \t\n\r'.includes(this.text[this.i] ?? 'x')) this.i++;
  }

  private fail(problem: string): Failure {
    const found = this.text[this.i];
    const what = found === undefined ? 'the end of the file' : JSON.stringify(found);
    return new Failure(this.i, `${problem}, found ${what}`);
  }
}
