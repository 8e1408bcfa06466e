// Small helpers for the plain-language messages the catalog shows to members.

/** "a", "a or b", "a, b or c". */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** "1 image", "3 images" ("1 entry", "2 entries" with the plural given). */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** "choose A or B" for up to three names; longer lists are cut so a message stays one readable line. */
export function chooseAmong(names: readonly string[], verb = "choose"): string {
  if (names.length <= 3) return `${verb} ${listOr(names)}`;
  return `${verb}, for example, ${listOr(names.slice(0, 3))}`;
}

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function quote(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
