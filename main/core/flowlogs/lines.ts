/**
 * Longest line passed on whole. Flow-log records are a few hundred bytes; without a ceiling a binary
 * file with no newline would be held in memory entire while we wait for its first line to end.
 */
const maxLineLength = 64 * 1024;

/**
 * Cuts decoded text into lines without building an array of them: each line is handed on as a
 * range of the chunk it lies in, so the parser can read fields in place.
 */
export class LineSplitter {
  private carry = '';
  /** Inside a line already passed on cut at maxLineLength: the rest of it is dropped. */
  private dropping = false;

  constructor(private readonly onLine: (text: string, start: number, end: number) => void) {}

  push(chunk: string): void {
    const text = this.carry.length === 0 ? chunk : this.carry + chunk;
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.emit(text, from, newline);
      from = newline + 1;
    }
    this.carry = text.slice(from);
    if (this.carry.length > maxLineLength) {
      if (!this.dropping) this.onLine(this.carry, 0, maxLineLength);
      this.dropping = true;
      this.carry = '';
    }
  }

  end(): void {
    if (this.carry.length > 0) this.emit(this.carry, 0, this.carry.length);
    this.carry = '';
  }

  private emit(text: string, start: number, end: number): void {
    if (this.dropping) {
      this.dropping = false;
      return;
    }
    this.onLine(text, start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }
}
