// Issue 18, Languages, for the server and member features: a member whose Discord speaks German gets /usage, a
// quota refusal and /preferences in German, while the bot's own post in a channel (a contest's announcement)
// follows the server's language (`guild_locale`, French here) and the moderator's reply follows theirs, as does what
// an entrant is told of their entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyOf, fieldsOf, imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { changeSettings, plainMember, privateText, resetsTag } from "./policy-helpers.js";


describe("languages of usage, preferences and contests", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a member with locale de gets a quota refusal, /usage and /preferences in German", async () => {
    const user = plainMember(h, "deutsch");
    await changeSettings(h, "set", { daily_image_quota: 1 });
    expect((await waitForFinal(h, imagine(h, { prompt: "a fox", user }))).attachments).toHaveLength(1);
    const since = h.fal.requests.length;

    const refused = await privateText(
      h.discord.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", value: "noch ein Fuchs" }], user, locale: "de" }),
    );
    expect(refused.split("\n")).toContain(`• Du hast heute 1 deiner 1 Bilder verbraucht; das Kontingent wird ${resetsTag()} zurückgesetzt.`);
    expect(h.fal.requests.length).toBe(since);

    const usage = await h.discord.dispatchSlashCommand({ name: "usage", user, locale: "de" }).response();
    expect(usage.data.flags & 64).toBe(64);
    expect(usage.data.embeds[0].title).toBe("Deine Nutzung heute");
    expect(fieldsOf(usage)).toMatchObject({ "Bilder heute": "1 von 1 verbraucht · 0 übrig", "Heute ausgegeben": "$0.04" });
    expect(fieldsOf(usage)["Zurückgesetzt"]).toMatch(/^<t:\d+:R> \(Mitternacht UTC\)$/);

    const preferences = await privateText(h.discord.dispatchSlashCommand({ name: "preferences", subcommand: "show", user, locale: "de" }));
    expect(preferences.split("\n")).toEqual(
      expect.arrayContaining([
        "**Deine Standards** (gelten auf jedem Server; eine Option, die du in einem Befehl wählst, hat Vorrang):",
        "• Modell für /imagine: nicht gesetzt: Standard des Servers",
        "• Private Antworten: nicht gesetzt: Standard des Servers",
        "Stile: 0 Stile von 25 gespeichert (`/style list`).",
      ]),
    );
    const saved = await privateText(
      h.discord.dispatchSlashCommand({ name: "preferences", subcommand: "set", options: [{ name: "private", value: true }], user, locale: "de" }),
    );
    expect(saved).toMatch(/^Gespeichert\.\n/);
    expect(saved).toContain("• Private Antworten: ja");

    // The same member without a German client reads English, as before.
    expect((await h.discord.dispatchSlashCommand({ name: "usage", user }).response()).data.embeds[0].title).toBe("Your usage today");
    await changeSettings(h, "set", { daily_image_quota: 0 });
  });

  it("a contest created in a server whose guild_locale is fr is announced in French; the moderator's reply is in theirs", async () => {
    const { art } = h.discord.channels;
    const handle = h.discord.dispatchSlashCommand({
      name: "contest",
      subcommand: "create",
      options: [
        { name: "theme", value: "chats dans l’espace" },
        { name: "channel", value: art },
        { name: "submission", value: "1h" },
        { name: "voting", value: "1h" },
      ],
      user: h.discord.users.owner,
      guildLocale: "fr",
    });
    expect((await handle.response()).type).toBe(5);
    const reply = await handle.waitForOriginal((m) => /announced/.test(m.content), 15_000);
    expect(reply.content).toMatch(/^Contest #\d+ \*\*chats dans l’espace\*\* is announced in <#\d+>\./);

    const announcement = h.discord.messages(art).find((m) => m.embeds[0]?.title?.startsWith("🏆"));
    const embed = announcement!.embeds[0]!;
    expect(embed.title).toBe("🏆 Concours de prompts : chats dans l’espace");
    expect(embed.description).toContain("Créez une image sur le thème **chats dans l’espace**");
    expect(embed.description).toContain("• 1 participation par membre");
    expect(embed.description).toContain("• Le nombre de votes reste caché jusqu’aux résultats");
    expect((embed.fields ?? []).map((f) => f.name)).toEqual(["Fin des participations", "Fin des votes"]);
    expect(embed.footer?.text).toMatch(/^Concours n° \d+$/);
    expect(announcement!.allowed_mentions).toMatchObject({ parse: [] });

    // A member whose Discord speaks Japanese enters: what the bot tells them privately of their entry is in Japanese.
    const user = plainMember(h, "nihongo");
    const entering = h.discord.dispatchSlashCommand({
      name: "contest",
      subcommand: "enter",
      options: [{ name: "prompt", value: "宇宙の猫" }],
      user,
      locale: "ja",
      guildLocale: "fr",
    });
    expect((await entering.response()).type).toBe(5);
    await waitForFinal(h, entering);
    const told = await h.discord.waitForRequest(
      (r) => r.kind === "http" && r.method === "POST" && r.path.endsWith(`/webhooks/${h.discord.applicationId}/${entering.token}`),
    );
    expect(bodyOf(told).flags).toBe(64);
    expect(bodyOf(told).content).toMatch(new RegExp(`^あなたの画像はコンテスト <#${art}> の作品 #\\d+ です。$`));
  });
});
