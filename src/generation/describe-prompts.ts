// Describe's question to the vision model, and reading its answer back into prompts. The model is asked for a fixed
// format (numbered lines); an answer that strays from it (a preamble, markdown, bullets, quotes, paragraphs) still
// yields its prompts, at most four, each no longer than the text-to-image models take.

/** Prompts a Describe answer offers at most (one Run button each). */
export const MAX_DESCRIBED_PROMPTS = 4;

export const DESCRIBE_INSTRUCTION = [
  "Look at this image and write four different prompts for a text-to-image model that would make an image like it.",
  "Each prompt is one paragraph of 20 to 60 words naming the subject, the setting, the composition, the lighting, the colours and the style or medium.",
  "Make the four differ in emphasis: the first faithful, then one on the mood, one on the style, one on the details.",
  "Answer with exactly four lines and nothing else, each starting with its number, a period and a space:",
  "1. <prompt>",
  "2. <prompt>",
  "3. <prompt>",
  "4. <prompt>",
].join("\n");

/** "1. …", "2) …", "**3.** …", "- 4: …", "Prompt 1: …" */
const numbered = /^\s*(?:[-*•]\s*)?(?:\*\*|__)?\s*(?:prompt\s*)?#?(\d{1,2})\s*(?:\*\*|__)?\s*[.):\-–]\s*(?:\*\*|__)?\s*(.*)$/i;
const bulleted = /^\s*[-*•]\s+(.*)$/;
/** A line that announces the list rather than being part of it ("Here are four prompts:"). */
const preamble = /:\s*$/;

/** One prompt cleaned of list dressing: markdown emphasis, a "Prompt:" label, surrounding quotes, extra spaces. */
function clean(text: string): string {
  return text
    .replace(/\*\*|__|`/g, "")
    .replace(/^\s*prompt\s*:\s*/i, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["“”'‘’«]+|["“”'‘’»]+$/g, "")
    .trim();
}

/** Numbered items, each with the unnumbered lines that follow it (a prompt wrapped over lines); a blank line ends one. */
function numberedItems(lines: readonly string[]): string[] {
  const items: string[][] = [];
  let open = false;
  for (const line of lines) {
    const match = numbered.exec(line);
    if (match) {
      items.push([match[2] ?? ""]);
      open = true;
    } else if (!line.trim()) open = false;
    else if (open) items.at(-1)?.push(line.trim());
  }
  return items.map((parts) => parts.join(" "));
}

/** Without numbers: bullets, else paragraphs, else lines; a closing "Here are …:" line is no prompt. */
function unnumberedItems(lines: readonly string[]): string[] {
  const bullets = lines.flatMap((line) => bulleted.exec(line)?.[1] ?? []);
  if (bullets.length > 1) return bullets;
  const paragraphs = lines
    .join("\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  const items = paragraphs.length > 1 ? paragraphs : lines.filter((line) => line.trim());
  return items.filter((item) => !preamble.test(item));
}

/** Cut at a word boundary when there is one near the end. */
function fit(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const head = text.slice(0, maxLength);
  const space = head.lastIndexOf(" ");
  return (space > maxLength * 0.8 ? head.slice(0, space) : head).trim();
}

/** The prompts in the vision model's answer: at most four, in order, none empty or repeated, each at most `maxLength`. */
export function describedPrompts(answer: string | undefined, maxLength: number): string[] {
  if (!answer?.trim()) return [];
  const lines = answer.split(/\r?\n/).filter((line) => !/^\s*```/.test(line));
  const found = numberedItems(lines);
  const items = found.length ? found : unnumberedItems(lines);
  const prompts: string[] = [];
  for (const item of items) {
    const prompt = fit(clean(item), maxLength);
    if (prompt && !prompts.includes(prompt)) prompts.push(prompt);
    if (prompts.length === MAX_DESCRIBED_PROMPTS) break;
  }
  return prompts;
}
