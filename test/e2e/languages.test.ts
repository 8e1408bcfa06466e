// Issue 18, languages: a job's reply speaks the language of the member who asked, all its life — its progress, the
// labels of the buttons under its progress and its result, its failure, the notes a Cancel press gets (the presser's
// language) — and after a restart the resumed job still does. A reply to edit, which carries no member's language,
// speaks the server's. Judged from what the fake Discord recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import { bodyOf, buttonIds, buttonLabels, imagine, originalEdits, refOf, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";
import { plainMember } from "./policy-helpers.js";

/** The reply's progress as it was written: each edit before the final one, its text and its buttons' labels. */
function progressOf(h: Harness, interaction: InteractionHandle): { content: string; labels: string[] }[] {
  return originalEdits(h, interaction)
    .slice(0, -1)
    .map((edit) => ({ content: textOf(bodyOf(edit)), labels: buttonLabels((bodyOf(edit).components as unknown[] | undefined) ?? []) }));
}

async function storedLocale(h: Harness, jobRef: string): Promise<string> {
  return (await h.database.get<{ locale: string }>("SELECT locale FROM jobs WHERE ref = ?", jobRef))!.locale;
}

const refUnder = (message: FakeMessage) => buttonIds(message).find((id) => id.startsWith("job:1:"))!.split(":")[3]!;

const englishProgress = /Waiting|Sending to fal|Generating|left|almost done/;

describe("a job's reply in the member's language", () => {
  let h: Harness;
  /** fal's time running, per job (in its queue: 300 ms). */
  let runMs = 900;
  beforeAll(async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" }, fal: { queueMs: 300, runMs: () => runMs } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("ja: progress, Cancel and the result's buttons in Japanese; the job keeps its language", async () => {
    const interaction = imagine(h, { prompt: "a lighthouse at dusk", user: plainMember(h, "hanako"), locale: "ja" });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);

    const progress = progressOf(h, interaction);
    expect(progress.length, JSON.stringify(progress)).toBeGreaterThan(0);
    for (const edit of progress) {
      // Under the model and prompt, the status (fal's own log line, if any, follows it as fal wrote it).
      const status = edit.content.split("\n")[1];
      expect(status).toMatch(/^(⏳ fal の待ち行列にいます — (次の順番です|\d+ 番目)|⏳ fal に送信しています…|🎨 生成中 · \d:\d\d)/);
      expect(status).not.toMatch(englishProgress);
      expect(edit.labels).toEqual(["キャンセル"]);
    }
    expect(progress.some((edit) => edit.content.includes("🎨 生成中 · "))).toBe(true);

    // The result's own words: the facts' labels and the time, in Japanese.
    const words = textOf(final);
    expect(words).toMatch(/\*\*プロンプト：\*\* \u2068?a lighthouse at dusk/);
    expect(words).toMatch(/\*\*モデル：\*\* Nano Banana/);
    expect(words).toMatch(/\*\*所要時間：\*\* \d+\.\d 秒/);
    expect(words).not.toMatch(/\*\*(Prompt|Model|Time):/);

    expect(buttonLabels(final.components)).toEqual([
      "再生成",
      "編集",
      "削除",
      "アセットにする",
      "アップスケール 2K",
      "アップスケール 4K",
      "バリエーション (弱)",
      "バリエーション (強)",
      "ズームアウト 1.5×",
      "ズームアウト 2×",
    ]);
    expect(await storedLocale(h, refUnder(final))).toBe("ja");
  });

  it("ja: a job that fails says so in Japanese, under a Japanese Retry", async () => {
    h.fal.failNext({ kind: "server-error" });
    const crashed = imagine(h, { prompt: "a crash", user: plainMember(h, "yuki"), locale: "ja" });
    const failed = await waitForFinal(h, crashed, 40_000);
    expect(textOf(failed)).toMatch(/^❌ 画像の作成中にモデルが失敗しました。もう一度お試しください。.*\(ref [A-Z2-9]{6}\)$/);
    expect(buttonLabels(failed.components)).toEqual(["再試行"]);

    h.fal.failNext({ kind: "validation", field: "aspect_ratio", msg: "Aspect ratio not allowed here" });
    const refused = imagine(h, { prompt: "a refusal", user: plainMember(h, "ren"), locale: "ja" });
    const told = await waitForFinal(h, refused);
    expect(textOf(told)).toMatch(/^❌ fal がこのリクエストを受け付けませんでした:\n• .*Aspect ratio not allowed here\nここを直してもう一度お試しください。\(ref [A-Z2-9]{6}\)$/);
    expect(refOf(told)).toHaveLength(6);
  }, 60_000);

  it("Cancel: the job's reply says who cancelled in the job's language; each presser is answered in their own", async () => {
    h.fal.failNext({ kind: "never-finish" });
    const asker = plainMember(h, "sora");
    const interaction = imagine(h, { prompt: "a lighthouse that never ends", user: asker, locale: "ja" });
    const progress = await interaction.waitForOriginal((m) => buttonIds(m).some((id) => id.startsWith("job:1:cancel:")), 15_000);
    const cancel = buttonIds(progress).find((id) => id.startsWith("job:1:cancel:"))!;

    const stranger = h.discord.clickButton({ message: progress, customId: cancel, user: plainMember(h, "dieter"), locale: "de" });
    expect((await stranger.response()).data.content).toBe(
      "Nur die Person, die dieses Bild angefordert hat, oder ein Moderator mit der Berechtigung „Nachrichten verwalten“ kann es abbrechen.",
    );
    const press = h.discord.clickButton({ message: progress, customId: cancel, user: asker, locale: "ja" });
    expect((await press.response()).type).toBe(6);
    const reply = await interaction.waitForOriginal((m) => textOf(m).startsWith("🛑"), 10_000);
    expect(textOf(reply)).toMatch(new RegExp(`^🛑 <@${asker.id}> がキャンセルしました。料金はかかっていません。\\(ref [A-Z2-9]{6}\\)$`));
  });

  it("es-419 gets Spanish (numbers the Spanish way); ko, not shipped, gets English", async () => {
    const spanish = imagine(h, { prompt: "un faro al atardecer", user: plainMember(h, "lucia"), locale: "es-419" });
    const korean = imagine(h, { prompt: "a harbour at night", user: plainMember(h, "minjun"), locale: "ko" });
    const [inSpanish, inEnglish] = await Promise.all([waitForFinal(h, spanish), waitForFinal(h, korean)]);

    expect(buttonLabels(inSpanish.components)).toEqual([
      "Repetir",
      "Editar",
      "Eliminar",
      "Crear recurso",
      "Ampliar 2K",
      "Ampliar 4K",
      "Variar (sutil)",
      "Variar (fuerte)",
      "Alejar 1,5×",
      "Alejar 2×",
    ]);
    const spanishProgress = progressOf(h, spanish);
    expect(spanishProgress.some((edit) => /\n🎨 Generando · \d:\d\d/.test(edit.content))).toBe(true);
    for (const edit of spanishProgress) expect(edit.labels).toEqual(["Cancelar"]);

    expect(buttonLabels(inEnglish.components)).toEqual([
      "Re-roll",
      "Edit",
      "Delete",
      "Make asset",
      "Upscale 2K",
      "Upscale 4K",
      "Vary (Subtle)",
      "Vary (Strong)",
      "Zoom out 1.5×",
      "Zoom out 2×",
    ]);
    expect(progressOf(h, korean).some((edit) => /\n🎨 Generating · \d:\d\d/.test(edit.content))).toBe(true);
    expect(await storedLocale(h, refUnder(inEnglish))).toBe("en-US");
  });

  it("ja, resumed after a restart mid-job: the restarted bot's progress and result are still in Japanese", async () => {
    // Long enough that the restarted bot still shows progress.
    runMs = 8000;
    const interaction = imagine(h, { prompt: "a lighthouse through a restart", user: plainMember(h, "aoi"), locale: "ja" });
    const { requestId } = await h.fal.waitForRequest((r) => r.route === "submit" && submitBody(r).prompt === "a lighthouse through a restart", 10_000);
    await h.fal.waitForArrival((a) => a.route === "stream" && a.requestId === requestId, 10_000);
    await h.bot.kill();
    const restartedAt = performance.now();
    const bot = await h.restart();
    const final = await waitForFinal(h, interaction);
    await bot.waitForMessage("delivered");

    const afterRestart = originalEdits(h, interaction).filter((edit) => edit.at >= restartedAt);
    const progress = afterRestart.slice(0, -1).map((edit) => textOf(bodyOf(edit)));
    expect(progress.length).toBeGreaterThan(0);
    for (const content of progress) {
      const status = content.split("\n")[1];
      expect(status).toMatch(/^🎨 生成中 · \d:\d\d/);
      expect(status).not.toMatch(englishProgress);
    }
    expect(buttonLabels(final.components).slice(0, 3)).toEqual(["再生成", "編集", "削除"]);
  }, 40_000);
});

describe("a reply to edit, which carries no member's language", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ discord: { preferredLocale: "fr" }, env: { PROGRESS_INTERVAL_MS: "250" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("speaks the server's preferred locale (French here), whatever the member's own", async () => {
    const interaction = imagine(h, { prompt: "a lighthouse at dusk", locale: "ja" });
    const result = await waitForFinal(h, interaction);
    await h.bot.waitForLog((line) => line.msg === "delivered" && line.job === refUnder(result));

    const asked = h.discord.postUserMessage({ replyTo: result, content: "make it night" });
    const reply = await h.discord.waitForMessage(
      (m) => m.author.id === h.discord.applicationId && m.message_reference?.message_id === asked.id && m.attachments.length > 0,
      15_000,
    );
    expect(textOf(reply.history[0])).toMatch(/\n⏳ Démarrage…$/);
    expect(buttonLabels(reply.history[0]!.components)).toEqual(["Annuler"]);
    expect(buttonLabels(reply.components).slice(0, 3)).toEqual(["Relancer", "Modifier", "Supprimer"]);
    expect(await storedLocale(h, refUnder(reply))).toBe("fr");
  });
});
