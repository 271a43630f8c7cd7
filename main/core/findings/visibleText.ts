/**
 * Imported text shown as written: characters that act on the display instead of showing are written
 * as `<U+XXXX>`. Unicode's bidirectional controls (`Bidi_Control`: U+061C, U+200E-U+200F,
 * U+202A-U+202E, U+2066-U+2069) reorder what follows them: after an app named `shop\u202E`, the
 * report's `→ db tcp/5432` displays as `2345/pct bd →` ("Trojan Source", CVE-2021-42574). Control
 * characters (`Cc`) such as ESC drive a terminal. They are shown rather than removed, so the reader
 * sees that the name holds them. Line breaks become spaces: imported text is one line of a report.
 */
export function visibleText(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(
      /[\p{Cc}\p{Bidi_Control}]/gu,
      (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
    );
}
