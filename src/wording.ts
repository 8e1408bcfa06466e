// Small helpers for the plain-language messages the catalog shows to members.

/** "1 image", "3 images" ("1 entry", "2 entries" with the plural given). */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function quote(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
