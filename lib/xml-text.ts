// Text that XML 1.0 can carry. Feeds are XML, and one control character in a
// title makes the whole document malformed for every subscriber, so content
// is cleaned when it is parsed and again where a feed is written.

// C0 controls other than tab, line feed and carriage return, and the
// noncharacters U+FFFE / U+FFFF: not XML characters, not even as &#…; references.
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** `text` without the characters XML 1.0 cannot carry; a lone surrogate becomes U+FFFD. */
export function xmlSafeText(text: string): string {
  return text.toWellFormed().replace(NOT_XML_CHARS, "");
}
