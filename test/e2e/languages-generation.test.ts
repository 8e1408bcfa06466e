// Issue 18, languages: the immediate answers of /imagine, /edit, /describe, the message menus and the buttons and forms
// under results come in the member's own language (the interaction's `locale`): a Japanese member's refusals of bad
// input, of a value the model does not take, and of a button that is not theirs; a French member's Edit with AI form.
// Nothing refused reaches fal.
import type { APIAttachment } from "discord-api-types/v10";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InteractionHandle, SimpleOption } from "../fakes/discord/index.js";
import { buttonIds, falRequests, imagine, pngBytes, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { privateText } from "./policy-helpers.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let falSince = 0;
beforeEach(() => {
  falSince = h.fal.requests.length;
});

/** A slash command as a member whose Discord is set to `locale` sends it. */
function command(name: string, locale: string, options: SimpleOption[], attachments: APIAttachment[] = []): InteractionHandle {
  return h.discord.dispatchSlashCommand({ name, options, locale, ...(attachments.length ? { attachments } : {}) });
}

/** The ephemeral answer's text. */
async function privateAnswer(interaction: InteractionHandle): Promise<string> {
  const content = await privateText(interaction);
  expect((await interaction.response()).data.allowed_mentions).toMatchObject({ parse: [] });
  return content;
}

function nothingSubmitted(): void {
  expect(falRequests(h, "submit", falSince)).toEqual([]);
}

describe("a member whose Discord is in Japanese", () => {
  it("/edit with a file that is not an image: told in Japanese what to attach instead", async () => {
    const notes = h.discord.hostAttachment({ filename: "notes.txt", contentType: "text/plain", data: Buffer.from("not a picture") });
    const answer = await privateAnswer(command("edit", "ja", [{ name: "prompt", value: "空を夜にして" }, { name: "image", value: notes }], [notes]));
    expect(answer).toBe(
      "モデルには何も送信していません。次の点を直してください:\n" +
        "• image はモデルが読み込める画像ではありません（text/plain）。PNG、JPEG、WebP、GIF のいずれかを添付してください。",
    );
    nothingSubmitted();
  });

  it("/imagine with a value the model does not take: the option and the models that take it, in Japanese", async () => {
    const answer = await privateAnswer(
      command("imagine", "ja", [
        { name: "prompt", value: "夕暮れの灯台" },
        { name: "model", value: "nano-banana" },
        { name: "seed", value: 42 },
      ]),
    );
    expect(answer).toBe(
      "モデルには何も送信していません。次の点を直してください:\n" +
        "• Nano Banana ではシードを設定できません。Nano Banana ProまたはNano Banana 2を選ぶか、シードを空欄のままにしてください。",
    );
    nothingSubmitted();
  });

  it("Describe on a message without images, and /describe with an SVG: answered in Japanese", async () => {
    const words = h.discord.postUserMessage({ content: "画像はありません" });
    const menu = h.discord.dispatchMessageCommand({ name: "Describe", targetMessage: words, locale: "ja" });
    expect(await privateAnswer(menu)).toBe(
      "そのメッセージには説明できる画像がありません。画像が添付または埋め込まれたメッセージで「画像を説明」を使ってください。",
    );
    const svg = h.discord.hostAttachment({ filename: "logo.svg", contentType: "image/svg+xml", data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    const answer = await privateAnswer(command("describe", "ja", [{ name: "image", value: svg }], [svg]));
    expect(answer).toContain("モデルには何も送信していません。");
    expect(answer).toContain("image は SVG 形式の図で、モデルには読み込めません。PNG に書き出して添付してください。");
    nothingSubmitted();
  });

  it("pressing Delete on someone else's result: told in Japanese whose it is; an English member's press stays English", async () => {
    const asked = imagine(h, { prompt: "a lighthouse at dusk" });
    const result = await waitForFinal(h, asked);
    const remove = buttonIds(result).find((id) => id.includes(":delete:"));
    expect(remove).toBeDefined();
    const stranger = h.discord.clickButton({ message: result, customId: remove!, user: h.discord.users.other, locale: "ja" });
    expect(await privateAnswer(stranger)).toBe(
      "削除できるのは、この画像を依頼した人か、「メッセージの管理」権限を持つモデレーターだけです。",
    );
    const english = h.discord.clickButton({ message: result, customId: remove!, user: h.discord.users.other });
    expect(await privateAnswer(english)).toBe(
      "Only the person who asked for this image, or a moderator with Manage Messages, can delete it.",
    );
    expect(result.deleted).toBeFalsy();
  });
});

describe("a member whose Discord is in French", () => {
  it("Edit with AI: the form's title, labels and placeholder in French; its refusal too", async () => {
    const attachments = [];
    for (const name of ["a.png", "b.png"]) attachments.push(h.discord.hostAttachment({ filename: name, contentType: "image/png", data: await pngBytes() }));
    const target = h.discord.postUserMessage({ content: "deux photos", attachments });
    const opened = h.discord.dispatchMessageCommand({ name: "Edit with AI", targetMessage: target, locale: "fr" });
    const response = await opened.response();
    expect(response.type).toBe(9);
    const modal = response.data as {
      custom_id: string;
      title: string;
      components: { label: string; description?: string; component: { placeholder?: string } }[];
    };
    expect(modal.title).toBe("Retoucher 2 images avec l’IA");
    const [instruction, model] = modal.components;
    expect(instruction).toMatchObject({
      label: "Consigne",
      description: "Que faut-il changer ? Le modèle garde le reste.",
      component: { placeholder: "ex. rends le ciel orageux et ajoute un phare sur la falaise" },
    });
    expect(model?.label).toBe("Modèle");

    const submitted = h.discord.submitModal({ customId: modal.custom_id, fields: { prompt: "\u200B\u200B" }, locale: "fr" });
    expect(await privateAnswer(submitted)).toBe(
      "Rien n’a été envoyé au modèle. Merci de corriger ceci :\n" +
        "• Le prompt ne contient que des caractères invisibles (comme des espaces de largeur nulle) ; décris la modification voulue avec des mots.",
    );
    nothingSubmitted();
  });
});
