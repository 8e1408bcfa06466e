// Assets: who may make and add which kind — the member's and the bot's permissions, Administrator counting, and the
// place (a server with the bot) — and the permissions' names as Discord shows them.
import { PermissionFlagsBits, PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { addProblem, kindsAllowed, makingPermissions, permissionName } from "../../src/assets/permissions.js";
import { t } from "../../src/i18n/index.js";

const perms = (...bits: bigint[]) => new PermissionsBitField(bits);

describe("kindsAllowed", () => {
  it("gives emoji and stickers for Create Expressions, icon and banner for Manage Server, covers for Manage Events", () => {
    expect(kindsAllowed(perms(PermissionFlagsBits.CreateGuildExpressions))).toEqual(["emoji", "sticker"]);
    expect(kindsAllowed(perms(PermissionFlagsBits.ManageGuild))).toEqual(["icon", "banner"]);
    expect(kindsAllowed(perms(PermissionFlagsBits.ManageEvents))).toEqual(["cover"]);
    expect(kindsAllowed(perms(PermissionFlagsBits.SendMessages))).toEqual([]);
    expect(kindsAllowed(null)).toEqual([]);
  });

  it("gives every kind to an Administrator", () => {
    expect(kindsAllowed(perms(PermissionFlagsBits.Administrator))).toEqual(["emoji", "sticker", "icon", "banner", "cover"]);
  });
});

describe("addProblem", () => {
  const all = perms(PermissionFlagsBits.CreateGuildExpressions, PermissionFlagsBits.ManageGuild);

  it("refuses outside a server with the bot first", () => {
    expect(addProblem({ botInServer: false, member: all, app: all }, "emoji")).toEqual({ kind: "not-in-server" });
  });

  it("names the member's missing permission before the bot's", () => {
    expect(addProblem({ botInServer: true, member: perms(), app: perms() }, "icon")).toEqual({ kind: "member", permission: PermissionFlagsBits.ManageGuild });
    expect(addProblem({ botInServer: true, member: all, app: perms(PermissionFlagsBits.ManageGuild) }, "sticker")).toEqual({
      kind: "bot",
      permission: PermissionFlagsBits.CreateGuildExpressions,
    });
  });

  it("lets through when both may, Administrator included", () => {
    expect(addProblem({ botInServer: true, member: all, app: all }, "banner")).toBeUndefined();
    const admin = perms(PermissionFlagsBits.Administrator);
    expect(addProblem({ botInServer: true, member: admin, app: admin }, "emoji")).toBeUndefined();
  });
});

describe("permission names", () => {
  it("names each permission an asset takes, in the member's language", () => {
    expect(makingPermissions().map((permission) => t("en-US", permissionName(permission)))).toEqual(["Create Expressions", "Manage Server", "Manage Events"]);
    expect(t("de", permissionName(PermissionFlagsBits.ManageGuild))).toBe("Server verwalten");
    expect(() => permissionName(PermissionFlagsBits.SendMessages)).toThrow();
  });
});
